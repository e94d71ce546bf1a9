using System.Globalization;
using System.Xml.Linq;
using Simulation.Reports.Svg;

namespace Simulation.Reports.Tests;

public sealed class SvgPlotTests
{
    [Theory]
    [InlineData(0, 1, 5, 0.2)]
    [InlineData(0, 1, 10, 0.1)]
    [InlineData(0, 10, 4, 2.5)]
    [InlineData(0, 100, 6, 20)]
    [InlineData(-1, 1, 4, 0.5)]
    [InlineData(0, 37, 4, 10)]
    public void Nice_tick_spacing_is_1_2_2point5_or_5_times_a_power_of_ten(double min, double max, int count, double expected) =>
        Assert.Equal(expected, NiceTicks.Spacing(min, max, count), 9);

    [Fact]
    public void Nice_ticks_are_labelled_with_just_enough_decimals()
    {
        Assert.Equal(["0", "0.2", "0.4", "0.6", "0.8", "1"], NiceTicks.Generate(0, 1, 5).Select(t => t.Label));
        Assert.Equal(["0", "2.5", "5", "7.5", "10"], NiceTicks.Generate(0, 10, 4).Select(t => t.Label));
    }

    [Fact]
    public void Numbers_are_invariant_short_and_never_negative_zero()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // a culture with a decimal comma (the build runs globalization-invariant, so make one)
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NegativeSign = "−";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("1.5", SvgFormat.Num(1.5));
            Assert.Equal("0", SvgFormat.Num(-0.001));
            Assert.Equal("12.35", SvgFormat.Num(12.346));
        }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    [Fact]
    public void The_adder_api_produces_plain_svg_elements_with_classes_and_data()
    {
        var plot = new SvgPlot(800, 450).Title("T & <t>").XLabel("Tick").YLabel("Closeness");
        plot.X.SetLimits(0, 10);
        plot.Add.HorizontalSpan(2, 4, OkabeIto.Orange, 0.2, "Escalation", "band phase");
        var line = plot.Add.Line([0, 5, 10], [0.1, double.NaN, 0.9], OkabeIto.Blue, "A", "series a");
        line.Data = [("partner", "alma")];
        plot.Add.VerticalLine(6, OkabeIto.Black, "Repair bid", "vline");
        plot.Add.Marker(3, 0.5, MarkerShape.Diamond, OkabeIto.ReddishPurple, cssClass: "marker repair").Tooltip = "repair";
        plot.Add.Callout("Withdrawal", (7, 0.8), (5, 0.3));
        var doc = XDocument.Parse(plot.ToSvg());
        XNamespace s = "http://www.w3.org/2000/svg";

        Assert.Equal("T & <t>", doc.Descendants(s + "text").First(t => (string?)t.Attribute("class") == "title").Value);
        // the NaN splits the line into two one-point polylines
        var lines = doc.Descendants(s + "polyline").Where(p => (string?)p.Attribute("class") == "series a").ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("alma", (string?)l.Attribute("data-partner")));
        Assert.Single(doc.Descendants(s + "rect"), r => (string?)r.Attribute("class") == "band phase");
        Assert.Single(doc.Descendants(s + "path"), p => (string?)p.Attribute("class") == "marker repair");
        Assert.Contains(doc.Descendants(s + "text"), t => t.Value == "Repair bid");
        Assert.Contains(doc.Descendants(s + "text"), t => t.Value == "Withdrawal");
        Assert.Equal(["Escalation", "A"], doc.Descendants().Where(e => (string?)e.Attribute("class") == "legend-item").Select(e => (string?)e.Attribute("data-label")));
        Assert.Equal(["0", "0.2", "0.4", "0.6", "0.8", "1"], doc.Descendants(s + "text").Where(t => (string?)t.Attribute("class") == "tick-label y").Select(t => t.Value));
    }

    [Fact]
    public void Panels_stack_top_to_bottom_and_share_the_x_axis()
    {
        var plot = new SvgPlot(1000, 600);
        plot.X.SetLimits(0, 1);
        var lower = plot.AddPanel(1, "lower").SetLimitsY(-1, 1);
        plot.Add.Line([0, 1], [0, 1], OkabeIto.Black, cssClass: "top");
        lower.Add.Line([0, 1], [0, 0], OkabeIto.Black, cssClass: "bottom");
        var doc = XDocument.Parse(plot.ToSvg());
        XNamespace s = "http://www.w3.org/2000/svg";
        double Y(string cls) => double.Parse(((string)doc.Descendants(s + "polyline").Single(p => (string?)p.Attribute("class") == cls).Attribute("points")!)
            .Split(' ')[0].Split(',')[1], CultureInfo.InvariantCulture);
        double X(string cls) => double.Parse(((string)doc.Descendants(s + "polyline").Single(p => (string?)p.Attribute("class") == cls).Attribute("points")!)
            .Split(' ')[0].Split(',')[0], CultureInfo.InvariantCulture);
        Assert.True(Y("bottom") > Y("top"));
        Assert.Equal(X("top"), X("bottom"));
    }
}
