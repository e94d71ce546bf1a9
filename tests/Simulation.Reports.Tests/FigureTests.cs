using ScottPlot;
using Simulation.Reports.Charts;

namespace Simulation.Reports.Tests;

/// <summary>The figure the sweep charts will be built on: any x axis, a legend, the same bytes each time.</summary>
public sealed class FigureTests
{
    private static Figure Sweep()
    {
        var f = new Figure(ChartSize.Default, "Mean closeness by Will's responsiveness", "alma-will, 20 seeds per value");
        f.X = (0, 1);
        f.XLabel = "will.responsiveness";
        var p = f.AddPanel(1, "Mean closeness");
        var line = p.Add.ScatterLine(new[] { 0.0, 0.25, 0.5, 0.75, 1.0 }, new[] { 0.2, 0.3, 0.45, 0.5, 0.55 }, ChartPalette.Color(ChartPalette.Ink));
        line.LineWidth = f.Style.LineWidth;
        p.Axes.SetLimitsY(0, 1);
        f.AddLegend(f.Style.LineItem("mean of 20 seeds", ChartPalette.Ink, f.Style.LineWidth));
        return f;
    }

    [Fact]
    public void A_title_too_wide_for_a_line_takes_a_second_at_its_dash_and_only_what_overflows_two_is_cut()
    {
        // a what-if with two changes: the whole title on two lines, nothing cut (it used to read "…responsiveness=0…")
        string two = "Alma and Will: the Sunday-evening cycle — what if will.responsiveness=0.9, will.avoidance=4";
        Assert.Equal(["Alma and Will: the Sunday-evening cycle", "— what if will.responsiveness=0.9, will.avoidance=4"], Lines(two));

        // twelve changes: the second line is cut with "…", and the SVG's <title> keeps the whole
        string title = "Alma and Will — what if " + string.Join(", ", Enumerable.Range(1, 12).Select(i => $"will.responsiveness=0.{i}"));
        var lines = Lines(title, out string svg);
        Assert.Equal("Alma and Will", lines[0]);
        Assert.EndsWith("…", lines[1]);
        Assert.StartsWith(lines[1][..^1], title["Alma and Will ".Length..]);
        Assert.Contains($"<title>{title}</title>", svg);
        Assert.Matches(@">\s*a short subtitle\s*<", svg); // a line that fits is left whole
    }

    /// <summary>The header's bold lines: the title as drawn.</summary>
    private static string[] Lines(string title) => Lines(title, out _);

    private static string[] Lines(string title, out string svg)
    {
        var f = new Figure(ChartSize.Default, title, "a short subtitle");
        f.X = (0, 1);
        f.AddPanel(1, "y");
        svg = f.ToSvg("t");
        return [.. f.HeaderTexts().Where(t => t.LabelStyle.Bold).Select(t => t.LabelText)];
    }

    [Fact]
    public void A_figure_without_a_time_axis_gets_numeric_ticks_an_x_label_and_its_legend()
    {
        var f = Sweep();
        var svg = new SvgProbe(f.ToSvg("sweep"));
        Assert.Contains("will.responsiveness", svg.Texts);
        Assert.Contains("mean of 20 seeds", svg.Texts);
        Assert.Contains(svg.Texts, t => t is "0.5" or "0.50");
        var points = SvgProbe.DataPoints(Assert.Single(svg.Lines(f.DataRect(f.Panels[0]), "black"), l => l.Width > 100), f.Panels[0]);
        Assert.Equal([0.2, 0.3, 0.45, 0.5, 0.55], points.Select(q => Math.Round(q.Y, 2)));
    }

    [Fact]
    public void The_same_figure_gives_the_same_bytes_and_panels_cannot_be_added_once_drawn()
    {
        var a = Sweep().ToSvgAndPng("sweep");
        var b = Sweep().ToSvgAndPng("sweep");
        Assert.Equal(a.Svg, b.Svg);
        Assert.Equal(a.Png, b.Png);
        var f = Sweep();
        f.ToPng();
        Assert.Throws<InvalidOperationException>(() => f.AddPanel(1, "late"));
    }

    [Fact]
    public void Sizes_read_as_width_x_height_within_bounds()
    {
        Assert.True(ChartSize.TryParse("1280x720", out var s, out _));
        Assert.Equal(new ChartSize(1280, 720), s);
        Assert.True(ChartSize.TryParse(" 3840X2160 ", out s, out _));
        Assert.Equal(2.0, s.Scale);
        Assert.False(ChartSize.TryParse("1280*720", out _, out string error));
        Assert.Equal("`1280*720` is not a size: write WIDTHxHEIGHT in pixels, e.g. 1920x1080", error);
        Assert.False(ChartSize.TryParse("799x450", out _, out error));
        Assert.StartsWith("`799x450` is outside 800x450 to 7680x4320 pixels", error);
    }
}
