using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Simulation.Model;
using ScottPlot;
using Simulation.Reports.Charts;
using static Simulation.Reports.Markup;

namespace Simulation.Reports;

/// <summary>Where two runs first part: the first tick whose state differs, and the first tick whose events differ.</summary>
/// <param name="Tick">First tick at which anything differs.</param>
/// <param name="Time">Local time of <paramref name="Tick"/>.</param>
/// <param name="EventTick">First tick at which the events differ (null if they never do).</param>
/// <param name="OnlyA">Events of run A at <paramref name="EventTick"/> that B does not have.</param>
/// <param name="OnlyB">Events of run B at <paramref name="EventTick"/> that A does not have.</param>
/// <param name="Description">The divergence in plain words.</param>
public sealed record Divergence(int Tick, DateTime Time, int? EventTick, ImmutableArray<SimEvent> OnlyA, ImmutableArray<SimEvent> OnlyB, string Description);

/// <summary>The what-if chart as built, with its panels named.</summary>
public sealed record CompareChart(Figure Figure, Plot Notes, Plot Closeness, Plot Difference, Divergence? Divergence);

/// <summary>What-if comparisons of two runs on the same seed: compare.svg, compare.png and compare.html.</summary>
public static class ComparisonWriter
{
    public const string ChartFile = "compare.svg";
    public const string ImageFile = "compare.png";
    public const string PageFile = "compare.html";
    public const string ChartId = "compare-chart";
    private const string ColorA = ChartPalette.RunA;
    private const string ColorB = ChartPalette.RunB;

    /// <summary>Whether the two runs are of one couple (the same partner ids, in any order): only then is where they part a question.</summary>
    public static bool SameCouple(RunResult a, RunResult b) =>
        a.Spec.Partners.Select(x => x.Id).ToHashSet(StringComparer.Ordinal).SetEquals(b.Spec.Partners.Select(x => x.Id));

    /// <summary>The first point where the runs differ, or null when they are the same throughout.</summary>
    public static Divergence? FindDivergence(RunResult a, RunResult b)
    {
        int n = Math.Min(a.Timeline.Length, b.Timeline.Length);
        int? stateTick = null;
        for (int i = 0; i < n && stateTick is null; i++)
            if (!SameState(a.Timeline, b.Timeline, i)) stateTick = i;
        if (stateTick is null && a.Timeline.Length != b.Timeline.Length) stateTick = n;

        var ea = a.Events.ToLookup(e => e.Tick);
        var eb = b.Events.ToLookup(e => e.Tick);
        int? eventTick = null;
        ImmutableArray<SimEvent> onlyA = [], onlyB = [];
        foreach (int t in a.Events.Select(e => e.Tick).Concat(b.Events.Select(e => e.Tick)).Distinct().Order())
        {
            var la = ea[t].ToList();
            var lb = eb[t].ToList();
            if (la.SequenceEqual(lb)) continue;
            eventTick = t;
            onlyA = la.Where(e => !lb.Contains(e)).ToImmutableArray();
            onlyB = lb.Where(e => !la.Contains(e)).ToImmutableArray();
            break;
        }
        if (stateTick is null && eventTick is null) return null;
        int tick = Math.Min(stateTick ?? int.MaxValue, eventTick ?? int.MaxValue);
        DateTime time = a.Spec.Start.AddHours(tick);
        return new Divergence(tick, time, eventTick, onlyA, onlyB, Describe(a, b, tick, time, stateTick, eventTick, onlyA, onlyB));
    }

    private static bool SameState(Timeline x, Timeline y, int tick) =>
        x.Closeness(tick) == y.Closeness(tick) && x.Partner(tick, 0) == y.Partner(tick, 0) && x.Partner(tick, 1) == y.Partner(tick, 1);

    private static string Describe(RunResult a, RunResult b, int tick, DateTime time, int? stateTick, int? eventTick,
        ImmutableArray<SimEvent> onlyA, ImmutableArray<SimEvent> onlyB)
    {
        var sb = new StringBuilder();
        if (eventTick is int et)
        {
            DateTime when = a.Spec.Start.AddHours(et);
            // each side's events in its own partners' names (two scenarios may name different couples)
            static string Say(ImmutableArray<SimEvent> es, Func<string, string> names) =>
                es.Length == 0 ? "nothing" : string.Join("; ", es.Select(e => RunText.Describe(e, names)));
            if (stateTick is int st && st < et)
                sb.Append($"States drift apart from {RunText.DayTime(a.Spec.Start.AddHours(st))} (changed parameters); ");
            sb.Append($"first different event {RunText.DayTime(when)}: B — {Say(onlyB, RunText.Names(b))}; A — {Say(onlyA, RunText.Names(a))}");
        }
        else
        {
            sb.Append($"States drift apart from {RunText.DayTime(time)}; the events stay the same");
        }
        return sb.ToString();
    }

    /// <summary>
    /// When the two runs start at other times or last other lengths (two scenarios): how, and how they are set side by
    /// side, so that nobody reads a 4-week run against a 52-week one as a change of one couple. Null when they agree.
    /// </summary>
    public static string? CalendarNote(RunResult a, RunResult b) =>
        a.Spec.Start == b.Spec.Start && a.Spec.Hours == b.Spec.Hours ? null
            : $"the runs differ in calendar (A: {RunText.LengthWords(a.Spec.Hours)} from {RunText.Day(a.Spec.Start)}; B: {RunText.LengthWords(b.Spec.Hours)} from {RunText.Day(b.Spec.Start)}). " +
              "Both are drawn hour by hour from their own start on A's dates, and each figure counts its own run's hours.";

    /// <summary>compare.svg / compare.png: both closeness curves, the difference shaded, and where the runs part.</summary>
    public static CompareChart Chart(RunReport a, RunReport b, ChartSize? size = null) => Chart(a, b, FindDivergence(a.Run, b.Run), size ?? ChartSize.Default);

    private static CompareChart Chart(RunReport a, RunReport b, Divergence? div, ChartSize size)
    {
        RunResult ra = a.Run, rb = b.Run;
        int hours = Math.Max(ra.Timeline.Length, rb.Timeline.Length);
        bool daily = hours >= ClosenessChart.LongRunHours;
        var figure = new Figure(size, $"What if? {a.Scenario.Title}", $"A: {a.Label}   ·   B: {b.Label}   ·   seed {ra.Spec.Seed}");
        var style = figure.Style;
        double dataWidth = ChartSize.DesignWidth - Figure.LeftMargin - Figure.RightMargin;
        figure.X = (0, Math.Max(hours, 1) / 24.0);
        figure.XTicks = TimeAxis.Ticks(ra.Spec.Start, hours, dataWidth);

        // where the runs part is written above the curves, in a strip of its own, so it covers none of them
        string note = Markup.Clean(!SameCouple(ra, rb) ? "Two different couples: they differ from the start."
            : div is null ? "The two runs are identical." : CalloutText(div, ra, rb)); // names are the scenario's text
        int noteLines = note.Split('\n').Length;
        var notes = figure.AddFixedPanel(noteLines * 30 + 16, null, gapAbove: 0);
        figure.Bare(notes);
        notes.Axes.SetLimitsY(0, 1);
        var closeness = figure.AddPanel(3, "Closeness", gapAbove: 0);
        closeness.Axes.SetLimitsY(0, 1);
        Figure.YTicks(closeness, (0, "0"), (0.25, ""), (0.5, "0.5"), (0.75, ""), (1, "1"));
        var diff = figure.AddPanel(1.3, "B − A");

        var (xa, ya) = daily ? ClosenessChart.DailyCloseness(ra) : ClosenessChart.HourlyCloseness(ra);
        var (xb, yb) = daily ? ClosenessChart.DailyCloseness(rb) : ClosenessChart.HourlyCloseness(rb);
        int n = Math.Min(ya.Length, yb.Length);
        double[] xs = xa[..n], a1 = ya[..n], b1 = yb[..n];
        double[] hi = a1.Zip(b1, Math.Max).ToArray(), lo = a1.Zip(b1, Math.Min).ToArray();
        Fills.Between(closeness, xs, a1, hi, ChartPalette.Closer, ChartPalette.CloserAlpha);
        Fills.Between(closeness, xs, lo, a1, ChartPalette.FurtherApart, ChartPalette.FurtherApartAlpha);
        var lineA = closeness.Add.ScatterLine(xa, ya, ChartPalette.Color(ColorA));
        lineA.LineWidth = style.Px(4);
        lineA.MarkerSize = 0;
        var lineB = closeness.Add.ScatterLine(xb, yb, ChartPalette.Color(ColorB));
        lineB.LineWidth = style.Px(4);
        lineB.MarkerSize = 0;
        lineB.LinePattern = DashB(style);

        double[] d = b1.Zip(a1, (p, q) => p - q).ToArray();
        double span = Math.Max(0.1, d.Length == 0 ? 0.1 : d.Max(Math.Abs));
        double lim = ClosenessChart.NiceCeiling(span, ticks: 2);
        diff.Axes.SetLimitsY(-lim * 1.08, lim * 1.08);
        Figure.YTicks(diff, (-lim, "−" + RunText.Trim(lim)), (0, "0"), (lim, "+" + RunText.Trim(lim)));
        Fills.Between(diff, xs, d.Select(v => Math.Min(0, v)).ToArray(), new double[d.Length], ChartPalette.FurtherApart, ChartPalette.FurtherApartAlpha);
        Fills.Between(diff, xs, new double[d.Length], d.Select(v => Math.Max(0, v)).ToArray(), ChartPalette.Closer, ChartPalette.CloserAlpha);
        var dl = diff.Add.ScatterLine(xs, d, ChartPalette.Color(ChartPalette.Ink));
        dl.LineWidth = style.Px(2.5);
        dl.MarkerSize = 0;
        diff.Add.HorizontalLine(0, style.Px(1.5), ChartPalette.Color(ChartPalette.Frame), LinePattern.Dashed);

        figure.AddLegend(style.LineItem("A: " + a.Label, ColorA, style.Px(4)));
        figure.AddLegend(style.LineItem("B: " + b.Label, ColorB, style.Px(4), DashB(style)));
        figure.AddLegend(style.SwatchItem("B closer than A", ChartPalette.Closer, ChartPalette.CloserAlpha));
        figure.AddLegend(style.SwatchItem("B further apart than A", ChartPalette.FurtherApart, ChartPalette.FurtherApartAlpha));

        double noteX = 0;
        if (div is not null)
        {
            double x = div.Tick / 24.0;
            noteX = x;
            foreach (var panel in new[] { notes, closeness, diff })
                panel.Add.VerticalLine(x, style.Px(3), ChartPalette.Color(ChartPalette.Ink), LinePattern.Dotted).IsDraggable = false;
            figure.AddLegend(style.LineItem("Runs part", ChartPalette.Ink, style.Px(3), LinePattern.Dotted));
            if (div.EventTick is int et && et != div.Tick)
            {
                foreach (var panel in new[] { notes, closeness, diff })
                    panel.Add.VerticalLine(et / 24.0, style.Px(3), ChartPalette.Color(ChartPalette.Frame), LinePattern.Dashed).IsDraggable = false;
                figure.AddLegend(style.LineItem("First different event", ChartPalette.Frame, style.Px(3), LinePattern.Dashed));
            }
        }
        // the note reads from the line to the right, or ends at it when the line is in the right half
        bool right = noteX > figure.X.Max * 0.55;
        var text = notes.Add.Text(note, noteX, 0.5);
        style.Font(text.LabelStyle, style.TextSize);
        text.LabelStyle.Alignment = right ? Alignment.MiddleRight : Alignment.MiddleLeft;
        text.LabelStyle.OffsetX = style.Px(right ? -12 : 12);
        if (daily) figure.Footnote = "Long runs: each run's daily mean closeness.";
        return new CompareChart(figure, notes, closeness, diff, div);
    }

    private static LinePattern DashB(ChartStyle style) => new([style.Px(14), style.Px(8)], 0, "B");

    /// <summary>The note the chart puts where the runs part: when, and each side's first different events.</summary>
    public static string CalloutText(Divergence div, RunResult a, RunResult b)
    {
        var lines = new List<string>();
        if (div.EventTick is not int et)
        {
            lines.Add($"Runs part: {RunText.DayTime(div.Time)}");
            lines.Add("states drift apart; the events stay the same");
            return string.Join('\n', lines);
        }
        DateTime when = div.Time.AddHours(et - div.Tick); // on A's calendar, as the chart's axis and the page's note
        if (div.Tick < et)
        {
            lines.Add($"Runs part: {RunText.DayTime(div.Time)} (changed parameters)");
            lines.Add($"First different event {RunText.DayTime(when)}:");
        }
        else lines.Add($"Runs part: {RunText.DayTime(when)}");
        // Up to two of each side's events, a line each (both partners starting to stretch is one change, not one of
        // them); more are counted, so the callout stays small on the chart.
        void Side(string side, ImmutableArray<SimEvent> only, RunResult run)
        {
            if (only.Length == 0) { lines.Add($"{side}: nothing then"); return; }
            var names = RunText.Names(run);
            foreach (var e in only.Take(2)) lines.Add($"{side}: {RunText.Describe(e, names)}");
            if (only.Length > 2) lines.Add($"{side}: and {only.Length - 2} more");
        }
        Side("B", div.OnlyB, b);
        Side("A", div.OnlyA, a);
        return string.Join('\n', lines);
    }

    /// <summary>compare.html: the chart, what differs in the set-up, the metric differences, both parameter cards.</summary>
    public static string Page(RunReport a, RunReport b, string? svg = null) => Page(a, b, svg, FindDivergence(a.Run, b.Run));

    private static string Page(RunReport a, RunReport b, string? svg, Divergence? div)
    {
        RunResult ra = a.Run, rb = b.Run;
        var sb = new StringBuilder();
        // as report.html: the chart first, carrying the title; the heading is for the outline only
        sb.Append($"<h1 class=\"hidden-title\">What if? {Escape(a.Scenario.Title)}</h1>\n");
        sb.Append("<figure class=\"chart first\">\n").Append(HtmlParts.InlineSvg(svg ?? Chart(a, b, div, ChartSize.Default).Figure.ToSvg(ChartId)))
          .Append("<figcaption>A solid black, B dashed blue-violet. Green shading: B closer than A; pink: B further apart. Lower panel: the difference B − A. " +
                  "The dotted line marks where the runs first differ; the note above the curves says how.</figcaption>\n</figure>\n");
        sb.Append("<header>\n");
        HtmlParts.Meta(sb, $"<b style=\"color:{ColorA}\">A</b>: {Escape(a.Label)}", $"<b style=\"color:{ColorB}\">B</b>: {Escape(b.Label)}", $"seed {ra.Spec.Seed}",
            $"{RunText.LengthWords(ra.Spec.Hours)} from {Escape(RunText.Day(ra.Spec.Start))}", $"couplesim {Escape(ToolInfo.Version)}");
        if (CalendarNote(ra, rb) is { } calendar) sb.Append($"<p class=\"note calendar\"><b>Note:</b> {Escape(calendar)}</p>\n");
        sb.Append("</header>\n");
        var changes = Changes(ra, rb);
        sb.Append("<h2 id=\"changes\">What was changed</h2>\n");
        if (changes.Count == 0) sb.Append("<p>Nothing in the partners' set-up differs.</p>\n");
        else
        {
            sb.Append("<table class=\"changes\"><thead><tr><th>Partner</th><th>Setting</th><th class=\"num\">A</th><th class=\"num\">B</th></tr></thead><tbody>\n");
            foreach (var c in changes)
                sb.Append($"<tr class=\"changed\" data-partner=\"{Escape(c.Partner)}\" data-parameter=\"{Escape(c.Name)}\"><td>{Escape(c.PartnerName)}</td><td><code>{Escape(c.Name)}</code></td>" +
                          $"<td class=\"num\">{Escape(c.A)}</td><td class=\"num\">{Escape(c.B)}</td></tr>\n");
            sb.Append("</tbody></table>\n");
        }
        // two couples differ from the first hour: their first different event says nothing about a change
        string parting = !SameCouple(ra, rb) ? "from the start — these are two different couples" : div?.Description ?? "nowhere — the runs are identical";
        sb.Append($"<p class=\"divergence\" data-tick=\"{(div is null ? "" : div.Tick.ToString(CultureInfo.InvariantCulture))}\"><b>Where they part:</b> {Escape(parting)}.</p>\n");

        sb.Append("<h2 id=\"metrics\">How the figures differ</h2>\n");
        MetricTable(sb, a, b);
        if (div is not null) sb.Append($"<p class=\"note one-seed\"><b>One seed:</b> {Escape(OneSeedNote)}</p>\n");
        sb.Append($"<p class=\"defs\">{Escape(HtmlParts.InteractionsDefined)}</p>\n");

        sb.Append("<h2 id=\"expectations\">Teaching claims</h2>\n<div class=\"cards\">\n<div><h3>A</h3>\n");
        HtmlParts.Expectations(sb, a.Expectations);
        sb.Append("</div>\n<div><h3>B</h3>\n");
        HtmlParts.Expectations(sb, b.Expectations);
        sb.Append("</div>\n</div>\n");

        sb.Append("<h2 id=\"partners\">The partners, A beside B</h2>\n");
        for (int i = 0; i < Math.Max(ra.Partners.Length, rb.Partners.Length); i++)
        {
            sb.Append("<div class=\"cards\">\n");
            var pa = i < ra.Partners.Length ? ra.Partners[i] : null;
            var pb = i < rb.Partners.Length ? rb.Partners[i] : null;
            var changed = changes.Where(c => c.Partner == (pb ?? pa)!.Spec.Id).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            if (pa is not null) HtmlParts.PartnerCard(sb, pa, i, changed, $"A: {pa.Spec.Name}");
            if (pb is not null) HtmlParts.PartnerCard(sb, pb, i, changed, $"B: {pb.Spec.Name}");
            sb.Append("</div>\n");
        }
        HtmlParts.Notes(sb, a.Scenario);
        return HtmlParts.Page($"What if? {a.Scenario.Title}", sb.ToString());
    }

    /// <summary>
    /// What a what-if on one seed cannot tell: each side is one run, so every difference is the change and chance together
    /// (a change that helps on most seeds can look harmful on one). Said on the page and in the terminal.
    /// </summary>
    public const string OneSeedNote =
        "A and B are one run each, so each difference is the change and chance together; run the compare again with --seeds 1-20 (in place of any --seed) to run both on twenty seeds and see which differences hold.";

    /// <summary>One difference in set-up between the runs.</summary>
    public sealed record Change(string Partner, string PartnerName, string Name, string A, string B);

    /// <summary>Traits, wound and derived parameters that differ, per partner (matched by id), in catalog order.</summary>
    public static IReadOnlyList<Change> Changes(RunResult a, RunResult b)
    {
        var list = new List<Change>();
        foreach (var pb in b.Partners)
        {
            var pa = a.Partners.FirstOrDefault(p => p.Spec.Id == pb.Spec.Id);
            if (pa is null) { list.Add(new Change(pb.Spec.Id, pb.Spec.Name, "partner", "—", "added")); continue; }
            void Cmp(string name, string x, string y) { if (x != y) list.Add(new Change(pb.Spec.Id, pb.Spec.Name, name, x, y)); }
            Cmp("anxiety", RunText.Fixed(pa.Spec.Anxiety, 2), RunText.Fixed(pb.Spec.Anxiety, 2));
            Cmp("avoidance", RunText.Fixed(pa.Spec.Avoidance, 2), RunText.Fixed(pb.Spec.Avoidance, 2));
            Cmp("wound", RunText.Wound(pa.Spec.Wound), RunText.Wound(pb.Spec.Wound));
            foreach (var info in ParameterCatalog.All)
                if (info.Get(pa.Parameters) != info.Get(pb.Parameters))
                {
                    var (x, y) = SameDecimals(info.Format(pa.Parameters), info.Format(pb.Parameters));
                    list.Add(new Change(pb.Spec.Id, pb.Spec.Name, info.Name, x, y));
                }
        }
        foreach (var pa in a.Partners.Where(p => b.Partners.All(q => q.Spec.Id != p.Spec.Id)))
            list.Add(new Change(pa.Spec.Id, pa.Spec.Name, "partner", "present", "removed"));
        return list;
    }

    /// <summary>Two values written to as many decimals as the longer one (0.543 and 0.630, not 0.63), so a column of them reads evenly.</summary>
    public static (string A, string B) SameDecimals(string a, string b)
    {
        static int Decimals(string v) => v.IndexOf('.') is int i and >= 0 ? v.Length - i - 1 : 0;
        static string Pad(string v, int n) => Decimals(v) >= n ? v : (v.Contains('.') ? v : v + ".") + new string('0', n - Decimals(v));
        int n = Math.Max(Decimals(a), Decimals(b));
        return (Pad(a, n), Pad(b, n));
    }

    /// <summary>How a row of the figures table reads: a value (two decimals), a share (a percentage) or a count.</summary>
    private enum Kind { Value, Share, Count }

    private static void MetricTable(StringBuilder sb, RunReport a, RunReport b)
    {
        RunMetrics ma = a.Metrics, mb = b.Metrics;
        sb.Append("<table class=\"metric-diff\"><thead><tr><th>Figure</th><th class=\"num\">A</th><th class=\"num\">B</th><th class=\"num\">B − A</th></tr></thead><tbody>\n");
        // higherIsBetter null: a change is neither good nor bad in itself (e.g. how many interactions there were).
        // A change under ten of the usual last digit gets one decimal more, for A and B too, so that it shows and
        // matches them; a row is coloured only when the change it shows is not zero ("4% 5% +0%" in orange misled).
        void Row(string id, string label, double x, double y, Kind kind, bool? higherIsBetter = true)
        {
            double d = y - x;
            int decimals = kind == Kind.Count ? 0 : RunText.SmallChange(d) ? 3 : 2;
            string Value(double v) => kind == Kind.Share ? RunText.Percent(v, decimals - 2) : RunText.Fixed(v, decimals);
            string shown = kind == Kind.Share ? RunText.Points(Math.Abs(d), decimals - 2) : RunText.Fixed(Math.Abs(d), decimals);
            bool moved = shown.Any(c => c is >= '1' and <= '9');
            string cls = !moved || higherIsBetter is null ? "" : (d > 0) == higherIsBetter ? "diff-pos" : "diff-neg";
            string sign = !moved ? "±" : d > 0 ? "+" : "−";
            sb.Append($"<tr data-metric=\"{id}\"><td>{Escape(label)}</td><td class=\"num\">{Value(x)}</td><td class=\"num\">{Value(y)}</td>" +
                      $"<td class=\"num {cls}\">{sign}{shown}</td></tr>\n");
        }
        Row("mean-closeness", "Mean closeness", ma.MeanCloseness, mb.MeanCloseness, Kind.Value);
        Row("min-closeness", "Lowest closeness", ma.MinCloseness, mb.MinCloseness, Kind.Value);
        Row("positive-share", "Interactions that went well", ma.PositiveShare, mb.PositiveShare, Kind.Share);
        Row("interactions", "Interactions", ma.Interactions, mb.Interactions, Kind.Count, higherIsBetter: null);
        var names = RunText.Names(b.Run);
        foreach (var pb in mb.Partners)
        {
            var pa = ma.Partners.FirstOrDefault(p => p.Id == pb.Id);
            if (pa is null) continue;
            string n = names(pb.Id);
            Row($"{pb.Id}-bids", $"{n}: bids", pa.Bids, pb.Bids, Kind.Count, higherIsBetter: null);
            Row($"{pb.Id}-protests", $"{n}: protests", pa.Protests, pb.Protests, Kind.Count, higherIsBetter: false);
            // whose bids, turned away by whom: "Alma: bids turned away" read as bids Alma refused
            string by = mb.Partners.Where(p => p.Id != pb.Id).Select(p => names(p.Id)).FirstOrDefault() is { } other ? $" by {other}" : "";
            Row($"{pb.Id}-rebuffed", $"{n}: bids turned away{by}", pa.Rebuffed, pb.Rebuffed, Kind.Count, higherIsBetter: false);
            Row($"{pb.Id}-repairs", $"{n}: repair attempts", pa.RepairsAttempted, pb.RepairsAttempted, Kind.Count, higherIsBetter: null);
            Row($"{pb.Id}-distress", $"{n}: mean distress", pa.MeanDistress, pb.MeanDistress, Kind.Value, higherIsBetter: false);
            Row($"{pb.Id}-withdrawn", $"{n}: time withdrawn", pa.TimeWithdrawn, pb.TimeWithdrawn, Kind.Share, higherIsBetter: false);
        }
        sb.Append("</tbody></table>\n");
    }

    /// <summary>Renders compare.svg, compare.png and compare.html in memory.</summary>
    public static ImmutableArray<(string Name, byte[] Content)> Render(RunReport a, RunReport b, ChartSize? size = null)
    {
        var div = FindDivergence(a.Run, b.Run); // once for chart and page: it walks both runs
        var (svg, png) = Chart(a, b, div, size ?? ChartSize.Default).Figure.ToSvgAndPng(ChartId);
        return [(ChartFile, OutputFiles.Text(svg)), (ImageFile, png), (PageFile, OutputFiles.Text(Page(a, b, svg, div)))];
    }

    /// <summary>Writes compare.svg, compare.png and compare.html (and, with <paramref name="withRuns"/>, each run's CSVs as a_/b_ files).</summary>
    public static ImmutableArray<string> Write(RunReport a, RunReport b, string directory, bool withRuns = true, ChartSize? size = null, CancellationToken cancellationToken = default)
    {
        var files = Render(a, b, size).ToList();
        if (withRuns)
        {
            files.Add(("a_" + ReportWriter.TimelineFile, OutputFiles.Text(CsvWriters.Timeline(a.Run))));
            files.Add(("a_" + ReportWriter.EventsFile, OutputFiles.Text(CsvWriters.Events(a.Run))));
            files.Add(("b_" + ReportWriter.TimelineFile, OutputFiles.Text(CsvWriters.Timeline(b.Run))));
            files.Add(("b_" + ReportWriter.EventsFile, OutputFiles.Text(CsvWriters.Events(b.Run))));
        }
        return OutputFiles.Commit(directory, files, cancellationToken);
    }
}
