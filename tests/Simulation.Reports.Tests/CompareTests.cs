using System.Xml.Linq;
using Simulation.Model;
using Simulation.Reports.Charts;

namespace Simulation.Reports.Tests;

public sealed class CompareTests
{
    private static (RunReport A, RunReport B) Pair(int divergeAt = 100)
    {
        var a = new RunReport(FakeRuns.Make(672), FakeRuns.Info, FakeRuns.Expect()) { Label = "as written" };
        var b = new RunReport(FakeRuns.Make(672, willResponsiveness: 0.9, divergeAt: divergeAt), FakeRuns.Info, FakeRuns.Expect(false)) { Label = "will.responsiveness=0.9" };
        return (a, b);
    }

    [Fact]
    public void Identical_runs_do_not_diverge()
    {
        Assert.Null(ComparisonWriter.FindDivergence(FakeRuns.Make(200), FakeRuns.Make(200)));
    }

    [Fact]
    public void Divergence_is_the_first_tick_where_events_or_states_differ()
    {
        var a = FakeRuns.Make(200);
        var events = a.Events.ToList();
        var target = events.First(e => e.Tick >= 50 && e.Outcome == Outcomes.Rebuffed);
        int i = events.IndexOf(target);
        events[i] = target with { Outcome = Outcomes.Answered };
        var b = a with { Events = [.. events] };

        var d = ComparisonWriter.FindDivergence(a, b)!;
        Assert.Equal(target.Tick, d.Tick);
        Assert.Equal(target.Tick, d.EventTick);
        Assert.Equal([target], d.OnlyA.ToArray());
        Assert.Equal(Outcomes.Answered, Assert.Single(d.OnlyB).Outcome);
        Assert.Contains("Will answers", d.Description);

        // a state difference earlier than any event difference comes first
        var tl = b.Timeline.ToArray();
        tl[20] = tl[20] with { Closeness = tl[20].Closeness + 0.01 };
        var c = b with { Timeline = [.. tl] };
        var d2 = ComparisonWriter.FindDivergence(a, c)!;
        Assert.Equal(20, d2.Tick);
        Assert.Equal(target.Tick, d2.EventTick);
    }

    [Fact]
    public void Compare_chart_overlays_both_curves_shades_the_difference_and_notes_the_divergence_above_them()
    {
        var (a, b) = Pair();
        var chart = ComparisonWriter.Chart(a, b);
        var svg = new SvgProbe(chart.Figure.ToSvg(ComparisonWriter.ChartId));
        var rect = chart.Figure.DataRect(chart.Closeness);
        var lineA = SvgProbe.DataPoints(Assert.Single(svg.Lines(rect, "black"), l => l.Width > 100), chart.Closeness); // A is in ink
        Assert.Equal(a.Run.Timeline.Length + 1, lineA.Count);
        double tol = chart.Closeness.Axes.GetLimits().VerticalSpan / rect.Height * 0.51;
        for (int i = 0; i < a.Run.Timeline.Length; i += 5)
            Assert.True(Math.Abs(a.Run.Timeline[i].Closeness - lineA[i + 1].Y) <= tol);
        // B is dashed, which SkiaSharp's SVG writes as the dashes' outlines: its values are read from the difference panel
        var b1 = Assert.Single(svg.In(rect), s => s.Attr("fill") == "#328");
        Assert.InRange(b1.MinX, rect.Left - 3, rect.Left + 3); // from the start (less half the line width)
        Assert.InRange(b1.MaxX, rect.Right - 3, rect.Right + 3);
        var diffPlot = chart.Difference;
        var d = SvgProbe.DataPoints(Assert.Single(svg.Lines(chart.Figure.DataRect(diffPlot), "black")), diffPlot);
        Assert.Equal(a.Run.Timeline.Length + 1, d.Count);
        double dTol = diffPlot.Axes.GetLimits().VerticalSpan / chart.Figure.DataRect(diffPlot).Height * 0.51;
        for (int i = 0; i < a.Run.Timeline.Length; i += 5)
            Assert.True(Math.Abs(b.Run.Timeline[i].Closeness - a.Run.Timeline[i].Closeness - d[i + 1].Y) <= dTol);
        Assert.NotEqual(ChartPalette.RunB, ChartPalette.Partner(0));
        Assert.NotEqual(ChartPalette.RunB, ChartPalette.Partner(1));
        // the shading between the curves, in both directions
        Assert.Contains(svg.In(rect), s => s.Attr("fill") == ChartPalette.Closer);
        Assert.Contains(svg.In(rect), s => s.Attr("fill") == ChartPalette.FurtherApart);

        // where the runs part: a line at the tick, and the note in its own strip above the closeness panel
        var div = ComparisonWriter.FindDivergence(a.Run, b.Run)!;
        var line = Assert.Single(svg.In(rect), s => s.Element.Name.LocalName == "path" && s.Attr("fill") is null && s.Width < 5 && s.MaxY - s.MinY > rect.Height * 0.9);
        Assert.True(Math.Abs(div.Tick / 24.0 - chart.Closeness.GetCoordinates(new ScottPlot.Pixel(line.Cx, line.Cy)).X) < 0.01);
        var note = svg.Doc.Descendants(SvgProbe.Ns + "text").Single(t => t.Value.Trim().StartsWith("Runs part:", StringComparison.Ordinal));
        var translate = System.Text.RegularExpressions.Regex.Match((string)note.Attribute("transform")!, @"translate\(([-\d.]+) ([-\d.]+)\)");
        double noteY = double.Parse(translate.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(noteY < rect.Top, "the note is above the curves, not over them");
        Assert.True(noteY > chart.Figure.DataRect(chart.Notes).Top - 1);
        Assert.Contains("Runs part", svg.Texts);          // in the legend
        Assert.Contains("B closer than A", svg.Texts);
        Assert.Contains("B further apart than A", svg.Texts);
    }

    [Fact]
    public void The_callout_names_up_to_two_events_a_side_and_counts_the_rest()
    {
        var run = FakeRuns.Make(200);
        var t = run.Spec.Start.AddHours(50);
        SimEvent Stretch(string who) => new(50, t, who, EventKinds.Intervention, "", Outcomes.None, "starts stretching");
        var two = new Divergence(50, t, 50, [], [Stretch("alma"), Stretch("will")], "");
        string text = ComparisonWriter.CalloutText(two, run, run);
        // both partners starting to stretch: the callout named only the first
        Assert.Contains("alma", text.Split('\n')[1], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("will", text.Split('\n')[2], StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("A: nothing then", text);
        var three = two with { OnlyB = [Stretch("alma"), Stretch("will"), Stretch("alma")] };
        Assert.Contains("B: and 1 more", ComparisonWriter.CalloutText(three, run, run));
    }

    [Fact]
    public void Compare_colours_are_their_own_in_colour_and_in_grey()
    {
        string[] differences = [ChartPalette.Closer, ChartPalette.FurtherApart];
        string[] bands = [ChartPalette.Leisure, ChartPalette.Work, ChartPalette.Stress, ChartPalette.Sleep];
        var all = differences.Concat(bands).Concat(ChartPalette.Partners).Append(ChartPalette.RunB).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        // tints as they look over white, in grey: apart by at least 12 of 255 where they appear together
        double Grey(string hex, double alpha)
        {
            var c = ScottPlot.Color.FromHex(hex);
            double Over(byte v) => 255 - (255 - v) * alpha;
            return 0.299 * Over(c.R) + 0.587 * Over(c.G) + 0.114 * Over(c.B);
        }
        Assert.True(Math.Abs(Grey(ChartPalette.Closer, ChartPalette.CloserAlpha) - Grey(ChartPalette.FurtherApart, ChartPalette.FurtherApartAlpha)) >= 12);
        Assert.True(Math.Abs(Grey(ChartPalette.Leisure, ChartPalette.LeisureAlpha) - Grey(ChartPalette.Sleep, ChartPalette.SleepAlpha)) >= 12);
        Assert.True(Math.Abs(Grey(ChartPalette.Work, ChartPalette.WorkAlpha) - Grey(ChartPalette.Stress, ChartPalette.StressAlpha)) >= 12);
        Assert.True(Math.Abs(Grey(ChartPalette.Partner(0), 1) - Grey(ChartPalette.Partner(1), 1)) >= 12);
    }

    [Fact]
    public void Compare_writes_svg_png_and_page()
    {
        var (a, b) = Pair();
        var files = ComparisonWriter.Render(a, b, new Charts.ChartSize(1280, 720));
        Assert.Equal([ComparisonWriter.ChartFile, ComparisonWriter.ImageFile, ComparisonWriter.PageFile], files.Select(f => f.Name));
        Assert.Equal((1280, 720), ChartTests.PngSize(files[1].Content));
        XDocument.Parse(System.Text.Encoding.UTF8.GetString(files[0].Content));
    }

    [Fact]
    public void Compare_html_highlights_changed_values_and_lists_metric_differences()
    {
        var (a, b) = Pair();
        string html = ComparisonWriter.Page(a, b);
        HtmlTests.AssertSelfContained(html);
        Assert.Contains("<tr class=\"changed\" data-partner=\"will\" data-parameter=\"responsiveness\">", html);
        Assert.Contains("<tr data-parameter=\"responsiveness\" class=\"changed\">", html);
        Assert.DoesNotContain("<tr data-parameter=\"threat_gain\" class=\"changed\">", html);
        Assert.Contains("data-metric=\"mean-closeness\"", html);
        Assert.Contains("data-metric=\"will-rebuffed\"", html);
        // whose bids, turned away by whom
        Assert.Matches("<tr data-metric=\"alma-rebuffed\"><td>Alma: bids turned away by Will</td>", html);
        Assert.Contains("Where they part:", html);
        var changes = ComparisonWriter.Changes(a.Run, b.Run);
        var change = Assert.Single(changes);
        Assert.Equal("responsiveness", change.Name);
        Assert.Equal("0.900", change.B); // as many decimals as A's value beside it
        Assert.Equal(change.A.Length, change.B.Length);
    }

    [Theory]
    [InlineData("0.543", "0.63", "0.543", "0.630")]
    [InlineData("1.225", "0.6", "1.225", "0.600")]
    [InlineData("2", "0.25", "2.00", "0.25")]
    [InlineData("0.00006", "0.001", "0.00006", "0.00100")]
    [InlineData("-0.05", "0", "-0.05", "0.00")]
    [InlineData("3", "4", "3", "4")]
    public void A_changed_parameters_two_values_have_the_same_decimals(string a, string b, string wantA, string wantB) =>
        Assert.Equal((wantA, wantB), ComparisonWriter.SameDecimals(a, b));

    [Fact]
    public void Compare_html_opens_with_its_chart_the_title_shown_once_and_a_meta_line_that_breaks_between_parts()
    {
        var (a, b) = Pair();
        string html = ComparisonWriter.Page(a, b);
        int body = html.IndexOf("<main>", StringComparison.Ordinal), figure = html.IndexOf("<figure class=\"chart first\">", StringComparison.Ordinal);
        Assert.Equal($"<h1 class=\"hidden-title\">What if? {a.Scenario.Title}</h1>", html[(body + "<main>".Length)..figure].Trim());
        Assert.True(figure < html.IndexOf("<p class=\"meta\">", StringComparison.Ordinal), "the meta line under the chart");
        Assert.Contains($"<span>couplesim {ToolInfo.Version}</span></p>", html);
    }

    [Fact]
    public void Each_figure_change_shows_the_digit_it_moved_and_is_coloured_only_when_it_shows_one()
    {
        var (a, b) = Pair();
        string html = ComparisonWriter.Page(a, b);
        var rows = System.Text.RegularExpressions.Regex.Matches(html, "<tr data-metric=\"([^\"]+)\"><td>[^<]*</td><td class=\"num\">([^<]*)</td><td class=\"num\">([^<]*)</td><td class=\"num ([^\"]*)\">([^<]*)</td></tr>");
        Assert.NotEmpty(rows);
        foreach (System.Text.RegularExpressions.Match row in rows)
        {
            string change = row.Groups[5].Value;
            bool shows = change.Any(c => c is >= '1' and <= '9');
            // "+0%" or "−0.00" next to two different figures read as a contradiction; a change that shows nothing is "±0", uncoloured
            Assert.True(shows || (change.StartsWith('±') && row.Groups[4].Value.Trim() == ""), $"{row.Groups[1].Value}: {change} ({row.Groups[4].Value})");
            if (shows) Assert.True(change[0] is '+' or '−', change);
            // A, B and the change are written to the same number of decimals
            string Number(string v) => new([.. v.Where(c => char.IsDigit(c) || c == '.')]);
            int decimals = Number(change).Split('.').ElementAtOrDefault(1)?.Length ?? 0;
            Assert.Equal(Number(row.Groups[2].Value).Split('.').ElementAtOrDefault(1)?.Length ?? 0, decimals);
            // a small change of a value or a share has the decimal more that keeps two digits of it ("+0.017", "+0.3 pts")
            double size = double.Parse(Number(change), System.Globalization.CultureInfo.InvariantCulture);
            bool share = row.Groups[2].Value.EndsWith('%'), value = !share && row.Groups[2].Value.Contains('.');
            if (share && size < 10) Assert.True(decimals == 1, $"{row.Groups[1].Value}: {change}");
            if (value && size < 0.1) Assert.True(decimals == 3, $"{row.Groups[1].Value}: {change}");
        }
    }

    [Fact]
    public void Control_characters_in_a_title_and_names_leave_compare_svg_and_html_valid()
    {
        var (a, b) = Pair();
        RunResult Rename(RunResult r) => r with { Partners = [r.Partners[0], r.Partners[1] with { Spec = r.Partners[1].Spec with { Name = "Wi\u0001ll\u001f" } }] };
        var info = a.Scenario with { Title = "What\u0000 now\u0007" };
        var files = ComparisonWriter.Render(a with { Run = Rename(a.Run), Scenario = info }, b with { Run = Rename(b.Run), Scenario = info });
        var svg = new SvgProbe(System.Text.Encoding.UTF8.GetString(files[0].Content));
        Assert.Contains("What if? What now", svg.Texts);
        Assert.Contains(svg.Texts, t => t.Contains("Will", StringComparison.Ordinal)); // in the note on where the runs part
        string html = System.Text.Encoding.UTF8.GetString(files[2].Content);
        Assert.DoesNotMatch(@"[\u0000-\u0008\u000B\u000C\u000E-\u001F]", html);
        int start = html.IndexOf("<svg", StringComparison.Ordinal), end = html.IndexOf("</svg>", StringComparison.Ordinal) + 6;
        XElement.Parse(html[start..end]);
    }

    [Fact]
    public void Compare_files_are_byte_identical_on_rerun()
    {
        var (a1, b1) = Pair();
        var (a2, b2) = Pair();
        var x = ComparisonWriter.Render(a1, b1);
        var y = ComparisonWriter.Render(a2, b2);
        Assert.Equal(x.Select(f => f.Name), y.Select(f => f.Name));
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i].Content, y[i].Content);
    }
}
