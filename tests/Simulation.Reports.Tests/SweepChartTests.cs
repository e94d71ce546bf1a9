using ScottPlot;
using ScottPlot.Plottables;
using Simulation.Reports.Charts;

namespace Simulation.Reports.Tests;

/// <summary>The sweep charts: the one-key chart's claims as a grid of shares that reads on a projector, in colour or in grey; the regime map.</summary>
public sealed class SweepChartTests
{
    private static readonly SweepResult Sweep = FakeSweeps.Make("will.avoidance=1:7:3");

    [Fact]
    public void Each_claim_is_a_row_named_on_the_left_with_a_cell_per_value_shaded_and_labelled_by_its_share()
    {
        var figure = SweepChart.Build(Sweep, "t", ChartSize.Default);
        var claims = Sweep.Plan.Scenario.Expect;
        Assert.Equal(7, claims.Length);
        var panel = figure.Panels[^1];
        var cells = panel.GetPlottables().OfType<Rectangle>().ToArray();
        var texts = panel.GetPlottables().OfType<Text>().ToArray();
        int points = Sweep.Points.Length;
        Assert.Equal(claims.Length * points, cells.Length);
        Assert.Equal(claims.Length * points, texts.Length);
        Assert.Empty(panel.GetPlottables().OfType<Scatter>()); // no lines to hide each other
        figure.ToPng(); // the ticks are placed as the chart is drawn
        var rows = ((ScottPlot.TickGenerators.NumericManual)panel.Axes.Left.TickGenerator).Ticks.Where(t => t.IsMajor).OrderByDescending(t => t.Position).ToArray();
        Assert.Equal([.. claims.Select((e, c) => $"{c + 1} {e.Pattern}")], rows.Select(t => t.Label));

        for (int c = 0; c < claims.Length; c++)
        {
            for (int i = 0; i < points; i++)
            {
                double share = Sweep.Points[i].ClaimShares[c];
                var cell = cells[c * points + i];
                Assert.Equal(rows[c].Position, (cell.Y1 + cell.Y2) / 2, 9); // claim c's row, top to bottom
                Assert.Equal(SweepChart.ClaimShade(share), cell.FillStyle.Color);
                var text = texts[c * points + i];
                Assert.Equal(RunText.Percent(share), text.LabelText);
                Assert.Equal((cell.X1 + cell.X2) / 2, text.Location.X, 9); // in the middle of its cell
                Assert.Equal(share > 0.5, text.LabelStyle.Bold); // "most seeds", as the terminal counts
            }
        }
        Assert.Equal(SweepChart.ClaimShade(0), Assert.Single(figure.Legend, i => i.LabelText == "claim shown on no seed").FillColor);
        Assert.Equal(SweepChart.ClaimShade(1), Assert.Single(figure.Legend, i => i.LabelText == "… on every seed").FillColor);
    }

    [Fact]
    public void A_claims_shade_darkens_with_its_share_so_it_reads_in_grey_too()
    {
        static double Grey(Color c) => 0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B;
        var greys = Enumerable.Range(0, 11).Select(i => Grey(SweepChart.ClaimShade(i / 10.0))).ToArray();
        for (int i = 1; i < greys.Length; i++) Assert.True(greys[i] < greys[i - 1] - 5, $"share {i / 10.0} is darker than {(i - 1) / 10.0}");
        Assert.True(greys[0] > 230 && greys[^1] < 100, "from nearly white to dark enough for white text");
    }

    [Fact]
    public void Uneven_values_get_cells_of_one_width_centred_on_them_and_many_values_get_no_text()
    {
        var uneven = SweepChart.Build(FakeSweeps.Make("will.avoidance=1,2,5"), "t", ChartSize.Default).Panels[^1];
        var widths = uneven.GetPlottables().OfType<Rectangle>().Select(r => Math.Round(r.X2 - r.X1, 9)).Distinct();
        Assert.Equal(0.94, Assert.Single(widths), 9); // the closest values' distance, less a gap
        var many = SweepChart.Build(FakeSweeps.Make("will.avoidance=1:7:0.2"), "t", ChartSize.Default).Panels[^1];
        Assert.Equal(7 * 31, many.GetPlottables().OfType<Rectangle>().Count());
        Assert.Empty(many.GetPlottables().OfType<Text>()); // "100%" would not fit a 31st of the width
        var small = SweepChart.Build(FakeSweeps.Make("will.avoidance=1:7:0.5"), "t", new ChartSize(1280, 720)).Panels[^1];
        Assert.Equal(7 * 13, small.GetPlottables().OfType<Text>().Count()); // 13 cells of 70 px at 1280 px wide
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

    [Fact]
    public void A_map_writes_its_values_while_they_fit_its_cells_and_else_gives_five_swatches_of_its_scale()
    {
        var thirteen = SweepChart.Build(FakeSweeps.Make("will.avoidance=1:7:0.5", "alma.anxiety=1:7:0.5"), "t", ChartSize.Default);
        Assert.Equal(169, thirteen.Panels[0].GetPlottables().OfType<Text>().Count()); // 0.54 fits a 125 × 60 px cell
        Assert.Equal(3, thirteen.Legend.Count(i => i.FillColor.Alpha > 0 && i.LabelText.Contains('.')));
        var many = SweepChart.Build(FakeSweeps.Make("will.avoidance=1:7:0.25", "alma.anxiety=1:7:0.25"), "t", new ChartSize(1280, 720));
        Assert.Empty(many.Panels[0].GetPlottables().OfType<Text>()); // cells of 40 × 16 px
        var swatches = many.Legend.Where(i => i.FillColor.Alpha > 0 && i.LabelText.Contains('.')).Select(i => i.LabelText).ToArray();
        Assert.Equal(5, swatches.Length);
        Assert.StartsWith("lowest ", swatches[0]);
        Assert.StartsWith("middle ", swatches[2]);
        Assert.StartsWith("highest ", swatches[4]);
    }

    private static double[] Dashed(Plot panel) =>
        [.. panel.GetPlottables().OfType<VerticalLine>().Where(l => l.LinePattern.Equals(LinePattern.Dashed)).Select(l => l.X)];

    [Fact]
    public void Each_panel_marks_the_scenarios_own_value_between_the_grids_values_and_the_legend_names_it()
    {
        var figure = SweepChart.Build(Sweep, "t", ChartSize.Default); // will.avoidance 1, 4, 7; Will's own is 5.5
        Assert.Equal(5, figure.Panels.Count); // four figures' panels and the claims
        Assert.All(figure.Panels, panel => Assert.Equal([5.5], Dashed(panel)));
        Assert.Contains(figure.Legend, i => i.LabelText == "alma-will as written: will.avoidance 5.5" && i.LinePattern.Equals(LinePattern.Dashed));

        var wound = SweepChart.Build(FakeSweeps.Make("alma.wound=late,early"), "t", ChartSize.Default); // Alma's is early: the second value
        Assert.All(wound.Panels, panel => Assert.Equal([1.0], Dashed(panel)));
    }

    [Fact]
    public void The_mark_finds_its_place_among_values_that_run_downwards_and_names_the_sweeps_own_changes()
    {
        var down = SweepChart.Build(FakeSweeps.Make("will.avoidance=7,5,3"), "t", ChartSize.Default);
        Assert.All(down.Panels, panel => Assert.Single(Dashed(panel))); // 5.5 lies between 7 and 5
        Assert.DoesNotContain("outside the grid", down.Footnote);

        // with --set will.avoidance=3 Will's derived responsiveness is not the file's: the mark says whose value it is
        var with = SweepChart.Build(FakeSweeps.MakeWith(["will.avoidance=3"], "will.responsiveness=0.1:0.9:0.2"), "t", ChartSize.Default);
        Assert.Contains(with.Legend, i => i.LabelText.StartsWith("alma-will with will.avoidance=3: will.responsiveness ", StringComparison.Ordinal));
        Assert.DoesNotContain(with.Legend, i => i.LabelText.Contains("as written"));
    }

    [Fact]
    public void A_small_own_value_is_written_with_its_digits_not_as_0()
    {
        var figure = SweepChart.Build(FakeSweeps.Make("will.security_drift=0.01,0.02"), "t", ChartSize.Default);
        Assert.Matches(@"own will\.security_drift 0\.0000?[1-9][0-9]? is outside the grid\.$", figure.Footnote);
    }

    [Fact]
    public void An_own_value_outside_the_grid_is_said_in_the_footnote_not_drawn()
    {
        var figure = SweepChart.Build(FakeSweeps.Make("will.avoidance=1,3"), "t", ChartSize.Default);
        Assert.All(figure.Panels, panel => Assert.Empty(Dashed(panel)));
        Assert.EndsWith("The scenario's own will.avoidance 5.5 is outside the grid.", figure.Footnote);
        Assert.DoesNotContain(figure.Legend, i => i.LabelText.Contains("as written"));
    }

    [Fact]
    public void The_map_rings_the_scenario_where_its_own_two_values_meet()
    {
        // will.avoidance 1, 4, 7 (cells 0, 1, 2): 5.5 is half-way from the second to the third; alma.anxiety 2, 4, 6: 6 is the third
        var map = SweepChart.Build(FakeSweeps.Make("will.avoidance=1:7:3", "alma.anxiety=2:6:2"), "t", ChartSize.Default);
        var rings = map.Panels[0].GetPlottables().OfType<Marker>().ToArray();
        Assert.Equal(2, rings.Length); // a dark ring on a white halo
        Assert.All(rings, r => Assert.Equal((1.5, 2.0), (r.Location.X, r.Location.Y)));
        Assert.Contains(map.Legend, i => i.LabelText == "alma-will as written: will.avoidance 5.5, alma.anxiety 6");

        var outside = SweepChart.Build(FakeSweeps.Make("will.avoidance=1,3", "alma.anxiety=2:6:2"), "t", ChartSize.Default);
        Assert.Empty(outside.Panels[0].GetPlottables().OfType<Marker>());
        Assert.EndsWith("The scenario's own will.avoidance 5.5 is outside the grid.", outside.Footnote); // its alma.anxiety 6 is on it
        var neither = SweepChart.Build(FakeSweeps.Make("will.avoidance=1,3", "alma.anxiety=2,3"), "t", ChartSize.Default);
        Assert.EndsWith("The scenario's own will.avoidance 5.5 and alma.anxiety 6 are outside the grid.", neither.Footnote);
    }
}
