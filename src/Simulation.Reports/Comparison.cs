using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Simulation.Model;
using Simulation.Reports.Svg;
using static Simulation.Reports.Svg.SvgFormat;

namespace Simulation.Reports;

/// <summary>Where two runs first part: the first tick whose state differs, and the first tick whose events differ.</summary>
/// <param name="Tick">First tick at which anything differs.</param>
/// <param name="Time">Local time of <paramref name="Tick"/>.</param>
/// <param name="EventTick">First tick at which the events differ (null if they never do).</param>
/// <param name="OnlyA">Events of run A at <paramref name="EventTick"/> that B does not have.</param>
/// <param name="OnlyB">Events of run B at <paramref name="EventTick"/> that A does not have.</param>
/// <param name="Description">The divergence in plain words.</param>
public sealed record Divergence(int Tick, DateTime Time, int? EventTick, ImmutableArray<SimEvent> OnlyA, ImmutableArray<SimEvent> OnlyB, string Description);

/// <summary>What-if comparisons of two runs on the same seed: compare.svg and compare.html.</summary>
public static class ComparisonWriter
{
    public const string ChartFile = "compare.svg";
    public const string PageFile = "compare.html";
    private const string ColorA = OkabeIto.Blue;
    private const string ColorB = OkabeIto.Vermillion;

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
        var names = RunText.Names(b);
        var sb = new StringBuilder();
        if (eventTick is int et)
        {
            DateTime when = a.Spec.Start.AddHours(et);
            string Say(ImmutableArray<SimEvent> es) => es.Length == 0 ? "nothing" : string.Join("; ", es.Select(e => RunText.Describe(e, names)));
            if (stateTick is int st && st < et)
                sb.Append($"States drift apart from {RunText.DayTime(a.Spec.Start.AddHours(st))} (changed parameters); ");
            sb.Append($"first different event {RunText.DayTime(when)}: B — {Say(onlyB)}; A — {Say(onlyA)}");
        }
        else
        {
            sb.Append($"States drift apart from {RunText.DayTime(time)}; the events stay the same");
        }
        return sb.ToString();
    }

    /// <summary>compare.svg: both closeness curves, the difference shaded, and the divergence marked.</summary>
    public static SvgPlot Chart(RunReport a, RunReport b) => Chart(a, b, FindDivergence(a.Run, b.Run));

    private static SvgPlot Chart(RunReport a, RunReport b, Divergence? div)
    {
        RunResult ra = a.Run, rb = b.Run;
        int hours = Math.Max(ra.Timeline.Length, rb.Timeline.Length);
        bool daily = hours >= ClosenessChart.LongRunHours;
        var plot = new SvgPlot(ClosenessChart.Width, 760) { Id = "compare-chart" };
        plot.X.SetLimits(0, Math.Max(hours, 1) / 24.0);
        plot.X.Ticks = TimeAxis.Ticks(ra.Spec.Start, hours, plot.Width - plot.MarginLeft - plot.MarginRight);
        plot.X.Label = daily ? "Date (daily means)" : "Day (local time)";
        plot.Title($"What if? {a.Scenario.Title}", $"A: {a.Label}   ·   B: {b.Label}   ·   seed {ra.Spec.Seed}");
        plot.Main.CssClass = "closeness";
        plot.Main.Weight = 3;
        plot.Main.SetLimitsY(0, 1);
        plot.Main.YLabel = "Closeness";
        var diff = plot.AddPanel(1.3, "difference");
        diff.YLabel = "B − A";

        var (xa, ya) = daily ? ClosenessChart.DailyCloseness(ra) : ClosenessChart.HourlyCloseness(ra);
        var (xb, yb) = daily ? ClosenessChart.DailyCloseness(rb) : ClosenessChart.HourlyCloseness(rb);
        int n = Math.Min(ya.Length, yb.Length);
        double[] xs = xa[..n], a1 = ya[..n], b1 = yb[..n];
        double[] hi = a1.Zip(b1, Math.Max).ToArray(), lo = a1.Zip(b1, Math.Min).ToArray();
        plot.Main.Add.FillBetween(xs, a1, hi, OkabeIto.BluishGreen, 0.35, "B closer than A", "fill b-above");
        plot.Main.Add.FillBetween(xs, lo, a1, OkabeIto.Orange, 0.4, "B further apart than A", "fill b-below");
        plot.Main.Add.Line(xa, ya, ColorA, "A: " + a.Label, "series closeness run-a").Width = 3;
        var lb = plot.Main.Add.Line(xb, yb, ColorB, "B: " + b.Label, "series closeness run-b");
        lb.Width = 3;
        lb.Dash = "9 5";

        double[] d = b1.Zip(a1, (p, q) => p - q).ToArray();
        double span = Math.Max(0.1, d.Length == 0 ? 0.1 : d.Max(Math.Abs));
        double lim = ClosenessChart.NiceCeiling(span, ticks: 2);
        diff.SetLimitsY(-lim, lim);
        string L(double v) => SvgFormat.Num(v, 3);
        diff.YTicks = [new(-lim, "−" + L(lim)), new(0, "0"), new(lim, "+" + L(lim))];
        diff.Add.FillBetween(xs, d.Select(v => Math.Min(0, v)).ToArray(), d.Select(v => Math.Max(0, v)).ToArray(), "#555555", 0.35, null, "fill difference");
        diff.Add.Line(xs, d, OkabeIto.Black, null, "series difference").Width = 2;
        diff.Add.HorizontalLine(0, "#4d4d4d", "zero");

        if (div is not null)
        {
            double x = div.Tick / 24.0;
            var v = plot.Main.Add.VerticalLine(x, OkabeIto.Black, null, "vline divergence");
            v.Data = [("tick", div.Tick.ToString(CultureInfo.InvariantCulture))];
            diff.Add.VerticalLine(x, OkabeIto.Black, null, "vline divergence");
            int idx = Math.Clamp(div.Tick, 0, Math.Max(0, rb.Timeline.Length - 1));
            double y = rb.Timeline.Length == 0 ? 0.5 : rb.Timeline.Closeness(idx);
            string label = CalloutText(div, rb);
            // the tip sits on B's curve at the end of the first differing hour
            var c = plot.Main.Add.Callout(label, (x + plot.X.Max * 0.03, y > 0.5 ? 0.2 : 0.85), ((div.Tick + 1) / 24.0, y), OkabeIto.Black, "callout divergence");
            c.Data = [("tick", div.Tick.ToString(CultureInfo.InvariantCulture)), ("event-tick", div.EventTick?.ToString(CultureInfo.InvariantCulture) ?? "")];
            if (div.EventTick is int et && et != div.Tick)
                plot.Main.Add.VerticalLine(et / 24.0, OkabeIto.ReddishPurple, null, "vline first-event-difference").Data =
                    [("tick", et.ToString(CultureInfo.InvariantCulture))];
        }
        else plot.Footnote = "The two runs are identical.";
        return plot;
    }

    private static string CalloutText(Divergence div, RunResult b)
    {
        var names = RunText.Names(b);
        var lines = new List<string>();
        if (div.EventTick is not int et)
        {
            lines.Add($"Runs part: {RunText.DayTime(div.Time)}");
            lines.Add("states drift apart; the events stay the same");
            return string.Join('\n', lines);
        }
        DateTime when = b.Spec.Start.AddHours(et);
        if (div.Tick < et)
        {
            lines.Add($"Runs part: {RunText.DayTime(div.Time)} (changed parameters)");
            lines.Add($"First different event {RunText.DayTime(when)}:");
        }
        else lines.Add($"Runs part: {RunText.DayTime(when)}");
        if (div.OnlyB.Length > 0) lines.Add("B: " + RunText.Describe(div.OnlyB[0], names));
        if (div.OnlyA.Length > 0) lines.Add("A: " + RunText.Describe(div.OnlyA[0], names));
        if (div.OnlyA.Length == 0) lines.Add("A: nothing then");
        if (div.OnlyB.Length == 0) lines.Add("B: nothing then");
        return string.Join('\n', lines);
    }

    /// <summary>compare.html: the chart, what differs in the set-up, the metric differences, both parameter cards.</summary>
    public static string Page(RunReport a, RunReport b, string? svg = null) => Page(a, b, svg, FindDivergence(a.Run, b.Run));

    private static string Page(RunReport a, RunReport b, string? svg, Divergence? div)
    {
        RunResult ra = a.Run, rb = b.Run;
        var sb = new StringBuilder();
        sb.Append($"<header>\n<h1>What if? {Escape(a.Scenario.Title)}</h1>\n");
        sb.Append($"<p class=\"meta\"><b style=\"color:{ColorA}\">A</b>: {Escape(a.Label)} · <b style=\"color:{ColorB}\">B</b>: {Escape(b.Label)} · seed {ra.Spec.Seed} · " +
                  $"{RunText.LengthWords(ra.Spec.Hours)} from {Escape(RunText.Day(ra.Spec.Start))} · couplesim {Escape(ToolInfo.Version)}</p>\n</header>\n");
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
        sb.Append($"<p class=\"divergence\" data-tick=\"{(div is null ? "" : div.Tick.ToString(CultureInfo.InvariantCulture))}\"><b>Where they part:</b> {Escape(div?.Description ?? "nowhere — the runs are identical")}.</p>\n");
        sb.Append("<figure>\n").Append(HtmlParts.InlineSvg(svg ?? Chart(a, b, div).ToSvg()))
          .Append("<figcaption>A solid, B dashed. Green: B closer than A; orange: B further apart. Lower panel: the difference B − A. The black line marks where the runs first differ.</figcaption>\n</figure>\n");

        sb.Append("<h2 id=\"metrics\">How the figures differ</h2>\n");
        MetricTable(sb, a, b);

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
                    list.Add(new Change(pb.Spec.Id, pb.Spec.Name, info.Name, info.Format(pa.Parameters), info.Format(pb.Parameters)));
        }
        foreach (var pa in a.Partners.Where(p => b.Partners.All(q => q.Spec.Id != p.Spec.Id)))
            list.Add(new Change(pa.Spec.Id, pa.Spec.Name, "partner", "present", "—"));
        return list;
    }

    private static void MetricTable(StringBuilder sb, RunReport a, RunReport b)
    {
        RunMetrics ma = a.Metrics, mb = b.Metrics;
        sb.Append("<table class=\"metric-diff\"><thead><tr><th>Figure</th><th class=\"num\">A</th><th class=\"num\">B</th><th class=\"num\">B − A</th></tr></thead><tbody>\n");
        // higherIsBetter null: a change is neither good nor bad in itself (e.g. how many interactions there were)
        void Row(string id, string label, double x, double y, Func<double, string> f, bool? higherIsBetter = true)
        {
            double d = y - x;
            string cls = Math.Abs(d) < 1e-9 || higherIsBetter is null ? "" : (d > 0) == higherIsBetter ? "diff-pos" : "diff-neg";
            string sign = d > 0 ? "+" : d < 0 ? "−" : "±";
            sb.Append($"<tr data-metric=\"{id}\"><td>{Escape(label)}</td><td class=\"num\">{f(x)}</td><td class=\"num\">{f(y)}</td>" +
                      $"<td class=\"num {cls}\">{sign}{f(Math.Abs(d))}</td></tr>\n");
        }
        string F2(double v) => RunText.Fixed(v);
        string P(double v) => RunText.Percent(v);
        string I(double v) => v.ToString("0", CultureInfo.InvariantCulture);
        Row("mean-closeness", "Mean closeness", ma.MeanCloseness, mb.MeanCloseness, F2);
        Row("min-closeness", "Lowest closeness", ma.MinCloseness, mb.MinCloseness, F2);
        Row("positive-share", "Interactions that went well", ma.PositiveShare, mb.PositiveShare, P);
        Row("interactions", "Interactions", ma.Interactions, mb.Interactions, I, higherIsBetter: null);
        var names = RunText.Names(b.Run);
        foreach (var pb in mb.Partners)
        {
            var pa = ma.Partners.FirstOrDefault(p => p.Id == pb.Id);
            if (pa is null) continue;
            string n = names(pb.Id);
            Row($"{pb.Id}-bids", $"{n}: bids", pa.Bids, pb.Bids, I, higherIsBetter: null);
            Row($"{pb.Id}-protests", $"{n}: protests", pa.Protests, pb.Protests, I, higherIsBetter: false);
            Row($"{pb.Id}-rebuffed", $"{n}: bids turned away", pa.Rebuffed, pb.Rebuffed, I, higherIsBetter: false);
            Row($"{pb.Id}-repairs", $"{n}: repair attempts", pa.RepairsAttempted, pb.RepairsAttempted, I, higherIsBetter: null);
            Row($"{pb.Id}-distress", $"{n}: mean distress", pa.MeanDistress, pb.MeanDistress, F2, higherIsBetter: false);
            Row($"{pb.Id}-withdrawn", $"{n}: time withdrawn", pa.TimeWithdrawn, pb.TimeWithdrawn, P, higherIsBetter: false);
        }
        sb.Append("</tbody></table>\n");
    }

    /// <summary>Renders compare.svg and compare.html in memory.</summary>
    public static ImmutableArray<(string Name, string Content)> Render(RunReport a, RunReport b)
    {
        var div = FindDivergence(a.Run, b.Run); // once for both: it walks both runs
        string svg = Chart(a, b, div).ToSvg();
        return [(ChartFile, svg), (PageFile, Page(a, b, svg, div))];
    }

    /// <summary>Writes compare.svg and compare.html (and, with <paramref name="withRuns"/>, each run's CSVs as a_/b_ files).</summary>
    public static ImmutableArray<string> Write(RunReport a, RunReport b, string directory, bool withRuns = true, CancellationToken cancellationToken = default)
    {
        var files = Render(a, b).ToList();
        if (withRuns)
        {
            files.Add(("a_" + ReportWriter.TimelineFile, CsvWriters.Timeline(a.Run)));
            files.Add(("a_" + ReportWriter.EventsFile, CsvWriters.Events(a.Run)));
            files.Add(("b_" + ReportWriter.TimelineFile, CsvWriters.Timeline(b.Run)));
            files.Add(("b_" + ReportWriter.EventsFile, CsvWriters.Events(b.Run)));
        }
        return OutputFiles.Commit(directory, files, cancellationToken);
    }
}
