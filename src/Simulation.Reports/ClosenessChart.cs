using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Reports.Svg;

namespace Simulation.Reports;

/// <summary>
/// closeness.svg: closeness over time on the main panel, each partner's stance and distress below,
/// the schedule as light bands, and one lane per partner with its events as markers.
/// Runs of <see cref="LongRunHours"/> or more are drawn as daily means with a min–max band
/// (weekly from <see cref="WeeklyFromHours"/> on), markers counted per day (or week).
/// </summary>
public static class ClosenessChart
{
    /// <summary>From this length on (8 weeks) a run is drawn per day rather than per hour.</summary>
    public const int LongRunHours = 8 * 7 * 24;

    /// <summary>From this length on (about two years) days are too narrow to see: a run is drawn per week.</summary>
    public const int WeeklyFromHours = 800 * 24;

    public const int Width = 1280;
    public const int Height = 900;

    // Band colours; the workshop page uses the same (Simulation.Web's /api/visual).
    public const string LeisureColor = OkabeIto.BluishGreen;
    public const string WorkColor = OkabeIto.SkyBlue;
    public const string StressColor = OkabeIto.Orange;
    public const string SleepColor = "#7F7F7F";

    /// <summary>The chart as SVG text.</summary>
    public static string Svg(RunResult run, string? title = null) => Build(run, title).ToSvg();

    /// <summary>The chart as a plot, for callers that want to add to it before writing.</summary>
    public static SvgPlot Build(RunResult run, string? title = null)
    {
        int hours = run.Timeline.Length;
        bool daily = hours >= LongRunHours;
        var plot = new SvgPlot(Width, Height) { Id = "closeness-chart" };
        plot.X.SetLimits(0, Math.Max(hours, 1) / 24.0);
        plot.X.Ticks = TimeAxis.Ticks(run.Spec.Start, hours, Width - plot.MarginLeft - plot.MarginRight);
        int bucket = hours >= WeeklyFromHours ? 7 : 1;
        string per = bucket == 7 ? "week" : "day", perly = bucket == 7 ? "weekly" : "daily";
        plot.X.Label = daily ? $"Date ({perly} values)" : "Day (local time)";
        plot.Title(title ?? run.Spec.Name,
            $"{RunText.LengthWords(hours)} from {RunText.Day(run.Spec.Start)} {run.Spec.Start:yyyy HH:mm} · seed {run.Spec.Seed} · " +
            string.Join(" and ", run.Partners.Select(p => $"{p.Spec.Name} ({p.StyleName})")));
        if (daily)
            plot.Footnote = $"Long run: lines are {perly} means, shaded ranges the lowest to highest hour of each {per}; markers count a {per}'s events; " +
                            (bucket == 1 ? "sleep and work hours are not shaded." : "schedule bands are not shaded.");

        var main = plot.Main;
        main.CssClass = "closeness";
        main.Weight = 3;
        main.SetLimitsY(0, 1);
        main.YLabel = "Closeness";
        var stance = plot.AddPanel(1.5, "stance").SetLimitsY(-1, 1);
        stance.YLabel = "Stance";
        var distress = plot.AddPanel(1.5, "distress");
        distress.YLabel = "Distress";
        var tl = run.Timeline;
        double maxDistress = hours == 0 ? 1 : Enumerable.Range(0, hours).Max(i => Math.Max(tl.Partner(i, 0).Distress, tl.Partner(i, 1).Distress));
        distress.SetLimitsY(0, NiceCeiling(Math.Max(0.5, maxDistress * 1.05)));
        stance.YTicks = [new(-1, "−1"), new(0, "0"), new(1, "+1")];

        var lanes = run.Partners.Select((p, i) =>
        {
            var lane = plot.AddPanel(0.75, "lane").SetLimitsY(0, 3);
            lane.LaneLabel = p.Spec.Name;
            lane.LaneColor = OkabeIto.Partner(i);
            lane.Data = [("partner", p.Spec.Id)];
            lane.GapAbove = i == 0 ? 18 : 6;
            return lane;
        }).ToArray();

        if (bucket == 1) AddBands(run, plot, [main, stance, distress], lanes, daily);
        else AddWithdrawnBars(run, lanes);
        if (daily) AddDailySeries(run, main, stance, distress, bucket);
        else AddHourlySeries(run, main, stance, distress);
        stance.Add.HorizontalLine(0, "#4d4d4d", "zero");
        AddMarkers(run, plot, [main, stance, distress], lanes, daily, bucket);
        return plot;
    }

    /// <summary>The smallest multiple of a nice tick spacing (about <paramref name="ticks"/> ticks) at or above <paramref name="v"/>.</summary>
    internal static double NiceCeiling(double v, int ticks = 4)
    {
        double step = NiceTicks.Spacing(0, v, ticks);
        return Math.Ceiling(v / step) * step;
    }

    /// <summary>Closeness hour by hour: a point at the end of each hour, starting from the initial closeness at 0.</summary>
    internal static (double[] Xs, double[] Ys) HourlyCloseness(RunResult run) =>
        (Ticks(run).Select(i => X(i + 1)).Prepend(0).ToArray(), Ticks(run).Select(run.Timeline.Closeness).Prepend(run.Spec.Closeness).ToArray());

    /// <summary>The run's tick numbers. Charts read the timeline's columns by tick rather than building a record per hour.</summary>
    private static IEnumerable<int> Ticks(RunResult run) => Enumerable.Range(0, run.Timeline.Length);

    /// <summary>Each calendar day's mean closeness, at the middle of the day's hours.</summary>
    internal static (double[] Xs, double[] Ys) DailyCloseness(RunResult run)
    {
        var days = Days(run, 1);
        var tl = run.Timeline;
        return (days.Select(d => d.Centre).ToArray(), days.Select(d => Enumerable.Range(d.From, d.To - d.From).Select(tl.Closeness).Average()).ToArray());
    }

    private static double X(int tick) => tick / 24.0;

    private static void AddHourlySeries(RunResult run, Panel main, Panel stance, Panel distress)
    {
        var tl = run.Timeline;
        var (xs, closeness) = HourlyCloseness(run);
        var c = main.Add.Line(xs, closeness, OkabeIto.Black, "Closeness", "series closeness");
        c.Width = 3;
        double[] hx = Ticks(run).Select(i => X(i + 1)).ToArray();
        for (int i = 0; i < run.Partners.Length; i++)
        {
            var p = run.Partners[i];
            int k = i;
            var s = stance.Add.Line(hx, Ticks(run).Select(t => tl.Partner(t, k).Stance).ToArray(), OkabeIto.Partner(i), p.Spec.Name, "series stance");
            s.Data = [("partner", p.Spec.Id)];
            var d = distress.Add.Line(hx, Ticks(run).Select(t => tl.Partner(t, k).Distress).ToArray(), OkabeIto.Partner(i), null, "series distress");
            d.Data = [("partner", p.Spec.Id)];
            d.Width = 2.5;
        }
    }

    /// <summary>One day of a long run: its ticks' index range and x position.</summary>
    private sealed record Day(DateTime Date, int From, int To)
    {
        public double Centre => (From + To) / 48.0;
    }

    /// <summary>The calendar day, or for weekly buckets the first day of the run's week, that a time falls in.</summary>
    internal static DateTime Bucket(DateTime start, DateTime t, int bucketDays) =>
        bucketDays == 1 ? t.Date : start.Date.AddDays((t.Date - start.Date).Days / bucketDays * bucketDays);

    private static ImmutableArray<Day> Days(RunResult run, int bucketDays)
    {
        var days = ImmutableArray.CreateBuilder<Day>();
        var tl = run.Timeline;
        var start = run.Spec.Start;
        int from = 0;
        for (int i = 1; i <= tl.Length; i++)
        {
            if (i < tl.Length && Bucket(start, tl.Time(i), bucketDays) == Bucket(start, tl.Time(from), bucketDays)) continue;
            days.Add(new Day(Bucket(start, tl.Time(from), bucketDays), from, i));
            from = i;
        }
        return days.ToImmutable();
    }

    private static void AddDailySeries(RunResult run, Panel main, Panel stance, Panel distress, int bucketDays)
    {
        var tl = run.Timeline;
        var days = Days(run, bucketDays);
        string per = bucketDays == 1 ? "daily" : "weekly";
        double[] xs = days.Select(d => d.Centre).ToArray();
        double[] Agg(Func<int, double> f, Func<IEnumerable<double>, double> g) =>
            days.Select(d => g(Enumerable.Range(d.From, d.To - d.From).Select(f))).ToArray();

        main.Add.FillBetween(xs, Agg(tl.Closeness, Enumerable.Min), Agg(tl.Closeness, Enumerable.Max), OkabeIto.Black, 0.18,
            $"{(bucketDays == 1 ? "Daily" : "Weekly")} range", "range closeness");
        main.Add.Line(xs, Agg(tl.Closeness, Enumerable.Average), OkabeIto.Black, $"Closeness ({per} mean)", "series closeness").Width = 3;
        for (int i = 0; i < run.Partners.Length; i++)
        {
            int k = i;
            var p = run.Partners[i];
            string colour = OkabeIto.Partner(i);
            if (bucketDays == 1) // a week's hourly range of stance spans nearly −1…1 and hides the means
                stance.Add.FillBetween(xs, Agg(t => tl.Partner(t, k).Stance, Enumerable.Min), Agg(t => tl.Partner(t, k).Stance, Enumerable.Max), colour, 0.12,
                    null, "range stance").Data = [("partner", p.Spec.Id)];
            stance.Add.Line(xs, Agg(t => tl.Partner(t, k).Stance, Enumerable.Average), colour, p.Spec.Name, "series stance").Data = [("partner", p.Spec.Id)];
            var d = distress.Add.Line(xs, Agg(t => tl.Partner(t, k).Distress, Enumerable.Average), colour, null, "series distress");
            d.Data = [("partner", p.Spec.Id)];
            d.Width = 2.5;
        }
    }

    /// <summary>Stretches of consecutive ticks for which a condition holds, as [from, to) tick ranges.</summary>
    internal static IEnumerable<(int From, int To)> Runs(int count, Func<int, bool> holds)
    {
        int start = -1;
        for (int i = 0; i <= count; i++)
        {
            bool h = i < count && holds(i);
            if (h && start < 0) start = i;
            else if (!h && start >= 0) { yield return (start, i); start = -1; }
        }
    }

    private static void AddBands(RunResult run, SvgPlot plot, Panel[] panels, Panel[] lanes, bool daily)
    {
        var tl = run.Timeline;
        int n = tl.Length;
        var c = new[] { CircumstancesOf(0), CircumstancesOf(1) };
        Circumstances[] CircumstancesOf(int k) => Ticks(run).Select(i => tl.Partner(i, k).Circumstances).ToArray();
        bool Leisure(int i) => c[0][i] is { Leisure: > 0, Asleep: false } || c[1][i] is { Leisure: > 0, Asleep: false };
        bool Sleep(int i) => c[0][i].Asleep && c[1][i].Asleep;

        var leisure = Runs(n, Leisure).ToList();
        var sleep = daily ? [] : Runs(n, Sleep).ToList();
        foreach (var panel in panels)
        {
            foreach (var (from, to) in leisure)
                Band(panel.Add.HorizontalSpan(X(from), X(to), LeisureColor, 0.13, panel == panels[0] ? "Leisure together" : null, "band leisure"), tl, from, to);
            foreach (var (from, to) in sleep)
                Band(panel.Add.HorizontalSpan(X(from), X(to), SleepColor, 0.11, panel == panels[0] ? "Both asleep" : null, "band sleep"), tl, from, to);
        }

        for (int k = 0; k < lanes.Length; k++)
        {
            string id = run.Partners[k].Spec.Id;
            var lane = lanes[k];
            var own = c[k];
            if (!daily)
            {
                foreach (var (from, to) in Runs(n, i => own[i].Asleep))
                    Band(lane.Add.HorizontalSpan(X(from), X(to), SleepColor, 0.16, null, "band sleep"), tl, from, to, id);
                foreach (var (from, to) in Runs(n, i => own[i].Availability < 1 && !own[i].Asleep))
                    Band(lane.Add.HorizontalSpan(X(from), X(to), WorkColor, 0.3, "At work / busy", "band work"), tl, from, to, id);
            }
            foreach (var (from, to) in Runs(n, i => own[i].Stress > 0))
                Band(lane.Add.HorizontalSpan(X(from), X(to), StressColor, 0.35, "Stress", "band stress"), tl, from, to, id);
        }
        AddWithdrawnBars(run, lanes);
    }

    /// <summary>A dark bar along the bottom of a partner's lane while they are withdrawn.</summary>
    private static void AddWithdrawnBars(RunResult run, Panel[] lanes)
    {
        var tl = run.Timeline;
        for (int k = 0; k < lanes.Length; k++)
        {
            int idx = k;
            foreach (var (from, to) in Runs(tl.Length, i => tl.Partner(i, idx).Withdrawn))
            {
                var span = lanes[k].Add.HorizontalSpan(X(from), X(to), "#333333", 0.85, "Withdrawn", "band withdrawn");
                span.YRange = (0, 0.28);
                Band(span, tl, from, to, run.Partners[k].Spec.Id);
            }
        }
    }

    private static void Band(HorizontalSpan span, Timeline tl, int from, int to, string? partner = null)
    {
        span.Data = partner is null
            ? [("from", RunText.Iso(tl.Time(from))), ("hours", (to - from).ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : [("partner", partner), ("from", RunText.Iso(tl.Time(from))), ("hours", (to - from).ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static void AddMarkers(RunResult run, SvgPlot plot, Panel[] panels, Panel[] lanes, bool daily, int bucketDays)
    {
        var ids = run.Partners.Select(p => p.Spec.Id).ToHashSet(StringComparer.Ordinal);
        var laneOf = run.Partners.Select((p, i) => (p.Spec.Id, i)).ToDictionary(t => t.Id, t => lanes[t.i], StringComparer.Ordinal);
        var names = RunText.Names(run);
        var marks = run.Events.SelectMany(e => ChartMarks.For(e, ids).Select(m => (Event: e, m.PartnerId, m.Kind))).ToList();

        // interventions also as a labelled line across the panels, once per hour; labels of close
        // lines go on the next row down so they never overprint
        double pxPerDay = (plot.Width - plot.MarginLeft - plot.MarginRight) / Math.Max(1 / 24.0, plot.X.Max);
        var rowEnds = new List<double>();
        foreach (var g in run.Events.Where(e => e.Kind == EventKinds.Intervention).GroupBy(e => e.Tick).OrderBy(g => g.Key))
        {
            string what = g.Select(e => e.Reason).FirstOrDefault(r => r.Length > 0) ?? "intervention";
            double px = X(g.Key) * pxPerDay;
            int row = rowEnds.FindIndex(end => end < px);
            if (row < 0) { row = rowEnds.Count; rowEnds.Add(0); }
            rowEnds[row] = px + SvgFormat.TextWidth(what, 16) + 16;
            for (int i = 0; i < panels.Length; i++)
            {
                var line = panels[i].Add.VerticalLine(X(g.Key), OkabeIto.BluishGreen, i == 0 ? what : null, "vline intervention");
                line.Width = 3;
                line.TextRow = row % 4;
                line.Data = [("tick", g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            }
        }

        if (!daily)
        {
            foreach (var (e, pid, kind) in marks)
            {
                var m = laneOf[pid].Add.Marker(X(e.Tick) + 1 / 48.0, kind.Row + 0.5, kind.Shape, kind.Color, 13, "marker " + kind.Key);
                m.Data = [("partner", pid), ("tick", e.Tick.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("count", "1")];
                m.Tooltip = $"{RunText.DayTime(e.Time)} — {RunText.Describe(e, names)}";
            }
        }
        else
        {
            var start = run.Spec.Start;
            foreach (var g in marks.GroupBy(m => (Date: Bucket(start, m.Event.Time, bucketDays), m.PartnerId, m.Kind.Key)).OrderBy(g => g.Key.Date)
                         .ThenBy(g => g.Key.PartnerId, StringComparer.Ordinal).ThenBy(g => g.Key.Key, StringComparer.Ordinal))
            {
                var first = g.First();
                int count = g.Count();
                double x = (g.Key.Date - start).TotalHours / 24.0 + bucketDays / 2.0;
                var m = laneOf[first.PartnerId].Add.Marker(Math.Max(x, 0), first.Kind.Row + 0.5, first.Kind.Shape, first.Kind.Color,
                    Math.Min(16, 7 + 2 * Math.Sqrt(count)), "marker " + first.Kind.Key);
                m.Data = [("partner", first.PartnerId), ("day", g.Key.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                    ("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture))];
                m.Tooltip = $"{(bucketDays == 1 ? "" : "week of ")}{RunText.Day(g.Key.Date)}: {count} × {first.Kind.Label.ToLowerInvariant()} ({names(first.PartnerId)})";
            }
        }
        foreach (var kind in ChartMarks.All.Where(k => marks.Any(m => m.Kind == k)))
            plot.AddLegend(new LegendItem(kind.Label, kind.Color, LegendSymbol.Marker, kind.Shape));
    }
}
