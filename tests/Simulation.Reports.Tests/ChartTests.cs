using System.Globalization;
using System.Xml.Linq;
using ScottPlot;
using Simulation.Model;
using Simulation.Reports.Charts;

namespace Simulation.Reports.Tests;

public sealed class ChartTests
{
    /// <summary>Builds and draws a run chart, so its panels know where they were drawn.</summary>
    private static (RunChart Chart, SvgProbe Svg) Draw(RunResult run, string? title = null, ChartSize? size = null)
    {
        var chart = ClosenessChart.Build(run, title, size);
        return (chart, new SvgProbe(chart.Figure.ToSvg(ClosenessChart.ChartId)));
    }

    private static PixelRect Rect(RunChart c, Plot p) => c.Figure.DataRect(p);

    /// <summary>Half a pixel in data units of a panel's y axis: how close a point read back from the SVG must be.</summary>
    private static double HalfPixelY(Plot p) => p.Axes.GetLimits().VerticalSpan / p.RenderManager.LastRender.DataRect.Height / 2;

    [Fact]
    public void Hourly_closeness_is_drawn_point_for_point_from_the_timeline()
    {
        var run = FakeRuns.Make(672);
        var (c, svg) = Draw(run, "t");
        var line = Assert.Single(svg.Lines(Rect(c, c.Closeness), "black"), l => SvgProbe.Points(l).Count > 100);
        var points = SvgProbe.DataPoints(line, c.Closeness);
        Assert.Equal(run.Timeline.Length + 1, points.Count); // the initial value, then one per hour
        Assert.Equal(0, points[0].X, 3);
        Assert.Equal(run.Spec.Closeness, points[0].Y, HalfPixelY(c.Closeness));
        double tol = HalfPixelY(c.Closeness) * 1.01;
        for (int i = 0; i < run.Timeline.Length; i++)
        {
            Assert.Equal((i + 1) / 24.0, points[i + 1].X, 3);
            Assert.True(Math.Abs(run.Timeline[i].Closeness - points[i + 1].Y) <= tol, $"hour {i}: drawn {points[i + 1].Y}, timeline {run.Timeline[i].Closeness}");
        }
    }

    [Fact]
    public void Each_partners_stance_and_distress_are_drawn_in_the_partners_colour()
    {
        var run = FakeRuns.Make(336);
        var (c, svg) = Draw(run);
        for (int k = 0; k < 2; k++)
        {
            var stance = SvgProbe.DataPoints(Assert.Single(svg.Lines(Rect(c, c.Stance), ChartPalette.Partner(k))), c.Stance);
            var distress = SvgProbe.DataPoints(Assert.Single(svg.Lines(Rect(c, c.Distress), ChartPalette.Partner(k))), c.Distress);
            Assert.Equal(run.Timeline.Length, stance.Count);
            Assert.Equal(run.Timeline.Length, distress.Count);
            for (int i = 0; i < run.Timeline.Length; i += 7)
            {
                Assert.True(Math.Abs(run.Timeline[i].Partners[k].Stance - stance[i].Y) <= HalfPixelY(c.Stance) * 1.01);
                Assert.True(Math.Abs(run.Timeline[i].Partners[k].Distress - distress[i].Y) <= HalfPixelY(c.Distress) * 1.01);
            }
        }
        Assert.NotEqual(ChartPalette.Partner(0), ChartPalette.Partner(1));
    }

    [Fact]
    public void Lane_counts_add_up_to_the_events_each_partner_makes()
    {
        var run = FakeRuns.Make(672);
        var lanes = EventLanes.For(run, 12);
        var ids = run.Partners.Select(p => p.Spec.Id).ToHashSet();
        foreach (var lane in lanes.Lanes)
            foreach (var kind in ChartMarks.All)
            {
                int expected = run.Events.SelectMany(e => ChartMarks.For(e, ids)).Count(m => m.PartnerId == lane.PartnerId && m.Kind == kind);
                Assert.Equal(expected, lane.Rows.SingleOrDefault(r => r.Kind == kind)?.Total ?? 0);
            }
        Assert.True(lanes.Lanes[0].Rows.Single(r => r.Kind == ChartMarks.Protest).Total > 20, "the fake run has many protests");
        // bins start at the first day's midnight: the run starts at 08:00, so its first 12-hour bin is 4 hours long
        Assert.Equal((0, 4 / 24.0), lanes.Span(0));
        Assert.Equal((4 / 24.0, 16 / 24.0), lanes.Span(1));
    }

    [Fact]
    public void Each_lane_draws_one_marker_per_busy_bin_in_its_kinds_row_larger_for_more_events()
    {
        var run = FakeRuns.Make(672);
        var (c, svg) = Draw(run);
        for (int k = 0; k < 2; k++)
        {
            var plot = c.Lanes[k];
            var rect = Rect(c, plot);
            var rows = c.Events.Lanes[k].Rows;
            // markers are the lane's shapes that are neither bands (translucent) nor its background
            var drawn = svg.In(rect).Where(s => s.Attr("fill-opacity") is null && s.Attr("fill") != "white" && s.Attr("stroke") != ChartPalette.GridStrong).ToList();
            Assert.Equal(rows.Sum(r => r.Counts.Length), drawn.Count);
            double rowPx = rect.Height / plot.Axes.GetLimits().VerticalSpan;
            for (int r = 0; r < rows.Length; r++)
            {
                var sizes = new List<(int Count, double Width)>();
                foreach (var (bin, count) in rows[r].Counts)
                {
                    var (from, to) = c.Events.Span(bin);
                    var at = plot.GetPixel(new Coordinates((from + to) / 2, rows.Length - r - 0.5));
                    var m = Assert.Single(drawn, s => Math.Abs(s.Cx - at.X) < 1.5 && Math.Abs(s.Cy - at.Y) < rowPx * 0.3);
                    sizes.Add((count, m.Width));
                }
                foreach (var a in sizes)
                    foreach (var b in sizes.Where(b => b.Count > a.Count))
                        Assert.True(b.Width > a.Width, $"{rows[r].Kind.Key}: {b.Count} events drawn no larger than {a.Count}");
            }
        }
        Assert.Contains(ChartMarks.Protest.Label, svg.Texts); // rows are named
        Assert.Contains("Withdraws", svg.Texts);
    }

    [Theory]
    [InlineData(2 * 24, 1)]
    [InlineData(7 * 24, 3)]
    [InlineData(28 * 24, 12)]
    [InlineData(16 * 7 * 24, 48)]
    [InlineData(365 * 24, 168)]
    public void Events_are_counted_in_bins_as_wide_as_a_marker(int hours, int binHours)
    {
        var (c, svg) = Draw(FakeRuns.Make(hours));
        Assert.Equal(binHours, c.Events.BinHours);
        double binPx = c.Figure.DataRect(c.Closeness).Width / (hours / 24.0) * binHours / 24.0;
        Assert.InRange(binPx, 22, 66); // the largest marker (24 px) fits, and a bin is no wider than needed
        Assert.Contains(svg.Texts, t => t.Contains($"per {c.Events.BinWords}", StringComparison.Ordinal));
    }

    [Fact]
    public void Schedule_bands_cover_the_hours_their_circumstances_say()
    {
        var run = FakeRuns.Make(672);
        var (c, svg) = Draw(run);
        double Hours(IEnumerable<SvgProbe.Shape> bands, Plot p) =>
            bands.Sum(b => p.GetCoordinates(new Pixel(b.MaxX, b.MaxY)).X - p.GetCoordinates(new Pixel(b.MinX, b.MinY)).X) * 24;
        IEnumerable<SvgProbe.Shape> Filled(Plot p, string colour) =>
            svg.In(Rect(c, p)).Where(s => s.Element.Name.LocalName == "rect" && string.Equals(s.Attr("fill"), colour, StringComparison.OrdinalIgnoreCase));

        Assert.Equal(run.Timeline.Count(t => t.Partners.Any(p => p.Circumstances.Leisure > 0 && !p.Circumstances.Asleep)), Hours(Filled(c.Closeness, ChartPalette.Leisure), c.Closeness), 1);
        Assert.Equal(run.Timeline.Count(t => t.Partners.All(p => p.Circumstances.Asleep)), Hours(Filled(c.Closeness, ChartPalette.Sleep), c.Closeness), 1);
        Assert.Equal(run.Timeline.Count(t => t.Partners[1].Circumstances.Availability < 1 && !t.Partners[1].Circumstances.Asleep), Hours(Filled(c.Lanes[1], ChartPalette.Work), c.Lanes[1]), 1);
        Assert.Empty(Filled(c.Lanes[0], ChartPalette.Work));
        var stress = Filled(c.Lanes[1], ChartPalette.Stress).ToList();
        Assert.Equal(run.Timeline.Count(t => t.Partners[1].Circumstances.Stress > 0), Hours(stress, c.Lanes[1]), 1);
        Assert.All(stress, s => Assert.True(s.MaxY - s.MinY < Rect(c, c.Lanes[1]).Height / 4, "stress is a strip along the lane's top"));
        Assert.Equal(run.Timeline.Count(t => t.Partners[1].Withdrawn), Hours(Filled(c.Lanes[1], "#333"), c.Lanes[1]), 1);
    }

    [Fact]
    public void A_week_names_every_day_with_its_date_and_four_weeks_the_date_under_each_week()
    {
        var week = new SvgProbe(ClosenessChart.Svg(FakeRuns.Make(7 * 24)));
        foreach (var day in new[] { "Sat 7 Mar", "Sun 8 Mar", "Mon 9 Mar", "Tue 10 Mar", "Wed 11 Mar", "Thu 12 Mar", "Fri 13 Mar" })
            Assert.Contains(day, week.Texts);
        var month = new SvgProbe(ClosenessChart.Svg(FakeRuns.Make(28 * 24)));
        Assert.Equal(4, month.Texts.Count(t => t == "Sat"));
        Assert.Equal(4, month.Texts.Count(t => t == "Wed"));
        Assert.Contains("14 Mar", month.Texts);
        Assert.Contains("28 Mar", month.Texts);
    }

    [Fact]
    public void Eight_weeks_name_each_day_by_its_initial_so_the_names_do_not_run_together()
    {
        var eight = TimeAxis.Ticks(FakeRuns.Start, 8 * 7 * 24, 1626); // 29 px a day: "Sat" needs about 44
        Assert.Equal(56, eight.Labels.Count);
        Assert.Equal(["S\n7 Mar", "S", "M", "T", "W", "T", "F", "S\n14 Mar"], eight.Labels.Take(8).Select(l => l.Label));
        Assert.All(TimeAxis.Ticks(FakeRuns.Start, 4 * 7 * 24, 1626).Labels, l => Assert.Equal(3, l.Label.Split('\n')[0].Length)); // four weeks keep "Sat"
    }

    [Fact]
    public void Beyond_eight_weeks_the_axis_names_months_and_a_year_is_drawn_per_day()
    {
        var nine = TimeAxis.Ticks(FakeRuns.Start, 9 * 7 * 24, 1626);
        Assert.Equal("month", nine.Unit);
        Assert.Equal("day", TimeAxis.Ticks(FakeRuns.Start, 8 * 7 * 24, 1626).Unit);
        Assert.Equal(["Mar\n2026", "Apr"], nine.Labels.Select(l => l.Label)); // 9 May, the end, is too little of May to name
        Assert.Equal(["Mar\n2026", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan\n2027", "Feb"],
            TimeAxis.Ticks(FakeRuns.Start, 365 * 24, 1626).Labels.Select(l => l.Label));

        var run = FakeRuns.Make(365 * 24);
        var (c, svg) = Draw(run);
        int days = run.Timeline.Select(t => t.Time.Date).Distinct().Count();
        var line = Assert.Single(svg.Lines(Rect(c, c.Closeness), "black"));
        Assert.Equal(days, SvgProbe.Points(line).Count);
        foreach (var m in new[] { "Apr", "May", "Jun", "Dec", "Jan", "2027", "Feb" }) Assert.Contains(m, svg.Texts);
        Assert.Contains(svg.Texts, t => t.Contains("daily means", StringComparison.Ordinal));
        Assert.DoesNotContain(svg.In(Rect(c, c.Closeness)), s => s.Attr("fill") == ChartPalette.Sleep); // a year of nights would be a grey smear
        // and a year of evenings a striped yellow wash: no leisure bands past four months, and the footnote says so
        Assert.DoesNotContain(svg.In(Rect(c, c.Closeness)), s => s.Attr("fill") == ChartPalette.Leisure);
        Assert.DoesNotContain(c.Figure.Legend, i => i.LabelText == "Leisure together");
        Assert.Contains("at this length the schedule is not shaded", c.Figure.Footnote);

        var (c16, svg16) = Draw(FakeRuns.Make(16 * 7 * 24)); // sixteen weeks: each weekend still a band of its own
        Assert.Contains(svg16.In(Rect(c16, c16.Closeness)), s => s.Attr("fill") == ChartPalette.Leisure);
        Assert.Contains(c16.Figure.Legend, i => i.LabelText == "Leisure together");
        Assert.Contains("nights and work hours are not shaded", c16.Figure.Footnote);
    }

    [Fact]
    public void Ten_years_are_drawn_per_week_with_year_labels()
    {
        var run = FakeRuns.Make(3650 * 24);
        var (c, svg) = Draw(run);
        int weeks = (int)Math.Ceiling((run.Timeline[^1].Time.Date - run.Spec.Start.Date).Days / 7.0 + 1e-9);
        Assert.InRange(SvgProbe.Points(Assert.Single(svg.Lines(Rect(c, c.Closeness), "black"))).Count, weeks, weeks + 1);
        foreach (var y in new[] { "2027", "2030", "2035" }) Assert.Contains(y, svg.Texts);
        Assert.Contains(svg.Texts, t => t.Contains("weekly means", StringComparison.Ordinal));
    }

    [Fact]
    public void The_chart_has_a_title_axis_names_lane_names_and_a_legend()
    {
        var (_, svg) = Draw(FakeRuns.Make(672), "Alma and Will");
        var texts = svg.Texts.ToList();
        Assert.Equal("Alma and Will", texts[0]);
        Assert.Equal("Alma and Will", (string?)svg.Doc.Root!.Element(SvgProbe.Ns + "title"));
        foreach (var t in new[] { "Closeness", "Stance", "Distress", "Alma", "Will", "Leisure together", "Both asleep", "At work / busy", "Stress (strip)", "Withdrawn (bar)", "Intervention", "stretch" })
            Assert.Contains(t, texts);
    }

    [Fact]
    public void Text_is_at_least_16_pixels_and_names_its_font_at_1920_by_1080()
    {
        var (_, svg) = Draw(FakeRuns.Make(672));
        var root = svg.Doc.Root!;
        Assert.Equal("1920", (string?)root.Attribute("width"));
        Assert.Equal("1080", (string?)root.Attribute("height"));
        Assert.Equal("0 0 1920 1080", (string?)root.Attribute("viewBox"));
        var texts = svg.Doc.Descendants(SvgProbe.Ns + "text").ToList();
        Assert.True(texts.Count > 50);
        foreach (var t in texts)
        {
            Assert.True(double.Parse((string)t.Attribute("font-size")!, CultureInfo.InvariantCulture) >= 16, $"'{t.Value.Trim()}' is {(string?)t.Attribute("font-size")} px");
            Assert.StartsWith("DejaVu Sans,", (string?)t.Attribute("font-family"));
        }
    }

    [Fact]
    public void The_png_is_1920_by_1080_by_default_and_follows_a_size()
    {
        var run = FakeRuns.Make(168);
        var (_, png) = ClosenessChart.Render(run, "t", ChartSize.Default);
        Assert.Equal((1920, 1080), PngSize(png));
        var (svg, small) = ClosenessChart.Render(run, "t", new ChartSize(1280, 720));
        Assert.Equal((1280, 720), PngSize(small));
        Assert.Equal("0 0 1280 720", (string?)XDocument.Parse(svg).Root!.Attribute("viewBox"));
    }

    internal static (int W, int H) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        int Be(int at) => png[at] << 24 | png[at + 1] << 16 | png[at + 2] << 8 | png[at + 3];
        return (Be(16), Be(20)); // IHDR
    }

    [Fact]
    public void The_svg_is_plain_xml_without_references_or_repeated_drawing()
    {
        string text = ClosenessChart.Svg(FakeRuns.Make(336), "Alma and Will");
        var svg = new SvgProbe(text);
        Assert.DoesNotContain("href", text);
        Assert.DoesNotContain("<image", text);
        Assert.Equal(["http://www.w3.org/1999/xlink", "http://www.w3.org/2000/svg"],
            System.Text.RegularExpressions.Regex.Matches(text, "https?://[^\"]*").Select(m => m.Value).Distinct().Order());
        Assert.Single(svg.Texts, t => t == "Alma and Will"); // a never-rendered plot is not drawn twice
        Assert.DoesNotContain(", \"", text); // no trailing commas in glyph positions
        // the background is filled: a white rectangle over the whole figure comes first
        var first = svg.Doc.Root!.Elements(SvgProbe.Ns + "rect").First();
        Assert.Equal("white", (string?)first.Attribute("fill"));
        Assert.Equal("1920", (string?)first.Attribute("width"));
        var ids = svg.Doc.Descendants(SvgProbe.Ns + "clipPath").Select(c => (string)c.Attribute("id")!).ToList();
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => $"{ClosenessChart.ChartId}-clip-{i}"), ids);
    }

    [Fact]
    public void The_chart_is_byte_identical_for_the_same_run_in_one_process()
    {
        var run = FakeRuns.Make(336, 3);
        var (svg1, png1) = ClosenessChart.Render(run, "t", ChartSize.Default);
        var (svg2, png2) = ClosenessChart.Render(FakeRuns.Make(336, 3), "t", ChartSize.Default);
        Assert.Equal(svg1, svg2);
        Assert.Equal(png1, png2);
        // and one figure drawn again gives the same bytes
        var figure = ClosenessChart.Build(run, "t").Figure;
        Assert.Equal(figure.ToPng(), figure.ToPng());
        Assert.Equal(figure.ToSvg("c"), figure.ToSvg("c"));
        Assert.NotEqual(svg1, ClosenessChart.Svg(FakeRuns.Make(336, 4), "t"));
    }

    [Fact]
    public void An_empty_run_still_gives_a_valid_chart()
    {
        var (_, svg) = Draw(FakeRuns.Make(0));
        Assert.Contains("Closeness", svg.Texts);
        Assert.Contains("no events", svg.Texts);
    }

    [Fact]
    public void Control_characters_in_a_title_and_names_are_dropped()
    {
        var run = FakeRuns.Make(48);
        var alma = run.Partners[0] with { Spec = run.Partners[0].Spec with { Name = "Al\u0001ma\u001b[31m" } };
        run = run with { Partners = [alma, run.Partners[1]] };
        string svg = ClosenessChart.Svg(run, "Bad\u0000 title\u0007\uFFFF");
        var probe = new SvgProbe(svg); // parses: nothing XML forbids is left
        Assert.Contains("Bad title", probe.Texts);
        Assert.Contains("Alma[31m", probe.Texts);
    }

    [Fact]
    public void Anxiety_that_moves_in_a_run_gets_a_line_in_that_partners_colour_and_a_run_where_it_barely_moves_keeps_its_chart()
    {
        var still = ClosenessChart.Build(FakeRuns.Make(672)); // Alma's anxiety drifts 0.03 in four weeks: not shown
        Assert.Null(still.Anxiety);
        Assert.Equal(3, still.Figure.Panels.Count - still.Lanes.Length);

        var run = FakeRuns.Make(672, almaAnxietyDrift: 0.001); // 6.0 down to 5.33
        var c = ClosenessChart.Build(run);
        Assert.NotNull(c.Anxiety);
        Assert.Equal("Anxiety", c.Anxiety.Axes.Left.Label.Text);
        var line = Assert.Single(c.Anxiety.GetPlottables().OfType<ScottPlot.Plottables.Scatter>());
        Assert.Equal(ChartPalette.Color(ChartPalette.Partner(0)), line.Color);
        var points = line.Data.GetScatterPoints();
        Assert.Equal(run.Timeline.Partner(0, 0).Anxiety, points[0].Y, 9);
        Assert.Equal(run.Timeline.Partner(run.Timeline.Length - 1, 0).Anxiety, points[^1].Y, 9);
        var label = Assert.Single(c.Anxiety.GetPlottables().OfType<ScottPlot.Plottables.Text>());
        Assert.Equal("Alma's anxiety (ECR-R)", label.LabelText);
        Assert.Contains("Alma's anxiety (ECR-R)", new SvgProbe(c.Figure.ToSvg("t")).Texts);
    }

    [Fact]
    public void A_calm_runs_distress_is_drawn_on_the_scale_of_a_stormy_one_and_a_stormier_run_raises_it()
    {
        double Top(string scenario)
        {
            var s = Simulation.Scenarios.ScenarioLoader.Load(Path.Combine(FakeSweeps.Root, "scenarios", scenario));
            var run = CoupleSimulation.Run(s.Spec);
            double highest = Enumerable.Range(0, run.Timeline.Length).Max(t => Math.Max(run.Timeline.Partner(t, 0).Distress, run.Timeline.Partner(t, 1).Distress));
            double top = ClosenessChart.Build(run).Distress.Axes.GetLimits().Top;
            Assert.True(top >= highest, $"{scenario}: the axis ends at {top}, below the run's {highest}");
            return top;
        }
        double calm = Top("secure-secure.yaml"), fearful = Top("fearful-with-secure.yaml");
        Assert.Equal(ClosenessChart.DistressAxisAtLeast * 1.04, calm, 9); // its 0.06 does not fill the panel
        Assert.Equal(calm, fearful);
        double stormy = Top("alma-will.yaml");
        Assert.True(stormy > calm); // its 2.26 raises the axis
        Assert.True(stormy <= 1.4 * 2.26, $"alma-will: the axis ends at {stormy}, far above the run's 2.26"); // to 3, not 4
    }

    [Fact]
    public void A_long_runs_distress_axis_fits_the_daily_means_it_draws_not_the_hours_it_does_not()
    {
        var s = Simulation.Scenarios.ScenarioLoader.Load(Path.Combine(FakeSweeps.Root, "scenarios", "alma-will.yaml"));
        var run = CoupleSimulation.Run(Simulation.Scenarios.ScenarioChanges.WithLength(s, "1y").Spec);
        var tl = run.Timeline;
        double hourly = Enumerable.Range(0, tl.Length).Max(t => Math.Max(tl.Partner(t, 0).Distress, tl.Partner(t, 1).Distress));
        double daily = Enumerable.Range(0, tl.Length / 24).Max(d => Enumerable.Range(0, 2).Max(k => Enumerable.Range(24 * d, 24).Average(t => tl.Partner(t, k).Distress)));
        Assert.True(hourly > 2 && daily < 1.9, $"the case this test is about: hours to {hourly:0.00}, daily means to {daily:0.00}");
        double top = ClosenessChart.Build(run).Distress.Axes.GetLimits().Top;
        Assert.Equal(ClosenessChart.DistressAxisAtLeast * 1.04, top, 9); // 0–2, as a calm run: the year's daily means stay below 2
    }
}
