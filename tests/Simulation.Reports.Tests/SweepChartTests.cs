using ScottPlot;
using ScottPlot.Plottables;
using Simulation.Reports.Charts;

namespace Simulation.Reports.Tests;

/// <summary>The one-key sweep chart's claims panel: seven lines that can be told apart on a projector, in colour or in grey.</summary>
public sealed class SweepChartTests
{
    private static readonly SweepResult Sweep = FakeSweeps.Make("will.avoidance=1:7:3");

    [Fact]
    public void Each_claim_has_a_line_and_markers_of_its_own_and_the_legend_shows_the_same()
    {
        var figure = SweepChart.Build(Sweep, "t", ChartSize.Default);
        var claims = Sweep.Plan.Scenario.Expect;
        Assert.Equal(7, claims.Length);
        var panel = figure.Panels[^1];
        var lines = panel.GetPlottables().OfType<Scatter>().ToArray();
        var markers = panel.GetPlottables().OfType<Markers>().ToArray();
        Assert.Equal(claims.Length, lines.Length);
        Assert.Equal(claims.Length, markers.Length);
        var looks = Enumerable.Range(0, claims.Length).Select(c => SweepChart.Look(c, figure.Style)).ToArray();

        for (int c = 0; c < claims.Length; c++)
        {
            var color = ChartPalette.Color(looks[c].Color);
            Assert.Equal(color, lines[c].LineStyle.Color);
            Assert.Equal(looks[c].Pattern.Name, lines[c].LineStyle.Pattern.Name);
            Assert.Equal([.. Sweep.Points.Select(p => p.ClaimShares[c])], lines[c].Data.GetScatterPoints().Select(p => p.Y));
            Assert.Equal(looks[c].Marker, markers[c].MarkerStyle.Shape);
            Assert.Equal(color, markers[c].MarkerStyle.FillColor);
            var item = Assert.Single(figure.Legend, i => i.LabelText == $"claim {c + 1}: {claims[c].Pattern}");
            Assert.Equal(color, item.LineStyle.Color);
            Assert.Equal(looks[c].Pattern.Name, item.LineStyle.Pattern.Name);
            Assert.Equal(looks[c].Marker, item.MarkerStyle.Shape);
        }
    }

    [Fact]
    public void Past_the_seventh_claim_a_broken_line_never_takes_a_filled_circle_or_square()
    {
        // that pairing makes SkiaSharp's SVG writer print on stdout, into the command's own output
        var style = new ChartStyle(ChartSize.Default);
        foreach (var l in Enumerable.Range(0, 20).Select(c => SweepChart.Look(c, style)).Where(l => l.Pattern.Name != LinePattern.Solid.Name))
            Assert.DoesNotContain(l.Marker, new[] { ScottPlot.MarkerShape.FilledCircle, ScottPlot.MarkerShape.FilledSquare });
    }

    [Fact]
    public void No_two_claims_look_alike_in_colour_or_in_grey_and_their_colours_are_colour_blind_safe()
    {
        var style = new ChartStyle(ChartSize.Default);
        var looks = Enumerable.Range(0, 7).Select(c => SweepChart.Look(c, style)).ToArray();
        Assert.Equal(7, looks.Select(l => (l.Color, l.Pattern.Name)).Distinct().Count());
        Assert.Equal(7, looks.Select(l => l.Marker).Distinct().Count()); // in grey the marker alone tells them apart
        Assert.Equal(2, looks.Select(l => l.Pattern.Name).Distinct().Count()); // solid, then dashed the second time round
        string[] okabeIto = [OkabeIto.Orange, OkabeIto.SkyBlue, OkabeIto.BluishGreen, OkabeIto.Yellow, OkabeIto.Blue, OkabeIto.Vermillion, OkabeIto.ReddishPurple];
        foreach (var l in looks)
        {
            Assert.Contains(l.Color, okabeIto);
            Assert.DoesNotContain(l.Color, ChartPalette.Partners); // the partners' lines are in the panels above
            Assert.NotEqual(OkabeIto.Yellow, l.Color); // too pale on white
        }
    }

    [Fact]
    public void The_ensemble_legend_has_a_swatch_in_the_colour_of_each_interval_band_on_the_closeness_panel()
    {
        var figure = EnsembleFiles.Chart(FakeSweeps.Ensemble("will.responsiveness=0.8"), Charts.ChartSize.Default);
        var bands = figure.Panels[0].GetPlottables().OfType<ScottPlot.Plottables.FillY>().Select(f => f.FillColor).ToList();
        Assert.Equal(2, bands.Count); // A's and B's interval
        Assert.Equal(bands[0], Assert.Single(figure.Legend, i => i.LabelText == "A: 95% interval").FillColor);
        Assert.Equal(bands[1], Assert.Single(figure.Legend, i => i.LabelText == "B: 95% interval").FillColor);
        Assert.NotEqual(bands[0], bands[1]);
    }

    [Fact]
    public void The_many_seed_compare_page_opens_with_its_chart_shows_its_title_once_and_says_each_claim_in_words()
    {
        var ensemble = FakeSweeps.Ensemble("will.responsiveness=0.8");
        string svg = EnsembleFiles.Chart(ensemble, Charts.ChartSize.Default).ToSvg("ensemble");
        string html = EnsembleFiles.Page(ensemble, "couplesim compare alma-will.yaml --set will.responsiveness=0.8 --seeds 1-3", svg);
        int body = html.IndexOf("<main>", StringComparison.Ordinal), figure = html.IndexOf("<figure class=\"chart first\"", StringComparison.Ordinal);
        Assert.True(figure > 0, "the chart comes first");
        // the chart carries the title; the heading before it is for the outline only, so the title shows once
        Assert.Equal($"<h1 class=\"hidden-title\">What if? {ensemble.A.Scenario.Title}</h1>", html[(body + "<main>".Length)..figure].Trim());
        Assert.True(figure < html.IndexOf("<p class=\"meta\">", StringComparison.Ordinal), "the meta line under the chart");
        Assert.Contains("<td>Will withdraws within 4h after Sunday 18:00 <code class=\"call\">withdraws-after (day: sun", html);
    }

    [Fact]
    public void The_regime_map_writes_a_share_in_percent_in_cells_a_browser_keeps_crisp()
    {
        var two = FakeSweeps.Make("will.avoidance=1:7:3", "alma.anxiety=2:6:2");
        var sweep = two with { Mapped = Sweeps.RunFigure.Named(two.Figures, "positive_share") };
        var figure = SweepChart.Build(sweep, "t", ChartSize.Default);
        var cells = figure.Panels[0].GetPlottables().OfType<Text>().Select(t => t.LabelText).ToArray();
        Assert.Equal(9, cells.Length);
        Assert.All(cells, c => Assert.Matches(@"^\d{1,3}%$", c));
        Assert.Single(figure.Legend, i => System.Text.RegularExpressions.Regex.IsMatch(i.LabelText, @"^highest \d{1,3}%$"));
        Assert.Matches(@"^Positive share: highest \d{1,3}% at will\.avoidance=\d, alma\.anxiety=\d, lowest \d{1,3}% at ", SweepText.Highlights(sweep).First());
        Assert.StartsWith("Each cell: positive share, share of interactions that went well (answered, soothed or accepted); the mean", figure.Footnote);
        // The grid is one bitmap pixel a cell: smoothed, its colours would bleed across the cells' borders.
        var image = Assert.Single(System.Xml.Linq.XDocument.Parse(figure.ToSvg("map")).Descendants(), e => e.Name.LocalName == "image");
        Assert.Equal("image-rendering:pixelated", (string?)image.Attribute("style"));
    }
}
