using System.Collections.Immutable;
using ScottPlot;
using Simulation.Model;
using Simulation.Reports.Charts;

namespace Simulation.Reports;

/// <summary>The run chart as built, with its panels named (tests read the drawn series back through them).</summary>
public sealed record RunChart(Figure Figure, Plot Closeness, Plot Stance, Plot Distress, Plot? Anxiety, ImmutableArray<Plot> Lanes, EventLanes Events, bool Daily, int BucketDays)
{
    /// <summary>The panels of values over time (not the event lanes): the schedule's bands and interventions cross them all.</summary>
    public IEnumerable<Plot> TimePanels => Anxiety is null ? [Closeness, Stance, Distress] : [Closeness, Stance, Distress, Anxiety];
}

/// <summary>
/// closeness.svg / closeness.png: closeness over time on the main panel, each partner's stance and
/// distress below, the schedule as light bands, and one lane per partner with a row for each kind of
/// event, counted per time bin (<see cref="EventLanes"/>). Runs of <see cref="LongRunHours"/> or more are
/// drawn as daily means with a min–max band (weekly from <see cref="WeeklyFromHours"/> on).
/// </summary>
public static class ClosenessChart
{
    /// <summary>From this length on (8 weeks) a run is drawn per day rather than per hour.</summary>
    public const int LongRunHours = 8 * 7 * 24;

    /// <summary>From this length on (about two years) days are too narrow to see: a run is drawn per week.</summary>
    public const int WeeklyFromHours = 800 * 24;

    /// <summary>
    /// Runs shorter than this get the leisure bands. Past about four months an evening's band is a pixel or two
    /// wide and the bands merge into a striped wash that hides the lines more than it tells.
    /// </summary>
    public const int LeisureBandsBelowHours = 17 * 7 * 24;

    /// <summary>The SVG root's id (clip-path ids start with it).</summary>
    public const string ChartId = "closeness-chart";

    // Band colours; the workshop page takes the same (Simulation.Web's /api/visual).
    public const string LeisureColor = ChartPalette.Leisure;
    public const string WorkColor = ChartPalette.Work;
    public const string StressColor = ChartPalette.Stress;
    public const string SleepColor = ChartPalette.Sleep;

    /// <summary>Height of one event row in a lane (design pixels): room for the largest marker.</summary>
    public const double LaneRowHeight = 26;

    /// <summary>The chart as SVG text.</summary>
    public static string Svg(RunResult run, string? title = null, ChartSize? size = null) => Build(run, title, size).Figure.ToSvg(ChartId);

    /// <summary>The chart as SVG and PNG.</summary>
    public static (string Svg, byte[] Png) Render(RunResult run, string? title, ChartSize size) =>
        Build(run, title, size).Figure.ToSvgAndPng(ChartId);

    /// <summary>Builds the chart's figure.</summary>
    public static RunChart Build(RunResult run, string? title = null, ChartSize? size = null)
    {
        var sz = size ?? ChartSize.Default;
        int hours = run.Timeline.Length;
        bool daily = hours >= LongRunHours;
        int bucket = hours >= WeeklyFromHours ? 7 : 1;
        string per = bucket == 7 ? "week" : "day", perly = bucket == 7 ? "weekly" : "daily";
        var spec = run.Spec;
        var figure = new Figure(sz, title ?? spec.Name,
            $"{RunText.LengthWords(hours)} from {RunText.Day(spec.Start)} {spec.Start:yyyy HH:mm} · seed {spec.Seed} · " +
            string.Join(" and ", run.Partners.Select(p => $"{p.Spec.Name} ({p.StyleName})")));
        double dataWidth = ChartSize.DesignWidth - Figure.LeftMargin - Figure.RightMargin;
        figure.X = (0, Math.Max(hours, 1) / 24.0);
        figure.XTicks = TimeAxis.Ticks(spec.Start, hours, dataWidth);
        var style = figure.Style;

        var lanes = EventLanes.For(run, EventLanes.ChooseBin(hours, dataWidth, 22));
        var closeness = figure.AddPanel(3, "Closeness", gapAbove: 0);
        Figure.YTicks(closeness, (0, "0"), (0.25, ""), (0.5, "0.5"), (0.75, ""), (1, "1"));
        closeness.Axes.SetLimitsY(0, 1);
        var stance = figure.AddPanel(1.4, "Stance");
        Figure.YTicks(stance, (-1, "−1"), (0, "0"), (1, "+1"));
        stance.Axes.SetLimitsY(-1.08, 1.08);
        var distress = figure.AddPanel(1.4, "Distress");
        var tl = run.Timeline;
        // the highest of what is drawn: hour by hour, or a long run's daily (weekly) means, whose peaks are far below an hour's
        double maxDistress = hours == 0 ? 1 : daily
            ? Days(run, bucket).Max(d => Enumerable.Range(0, 2).Max(k => Enumerable.Range(d.From, d.To - d.From).Average(i => tl.Partner(i, k).Distress)))
            : Enumerable.Range(0, hours).Max(i => Math.Max(tl.Partner(i, 0).Distress, tl.Partner(i, 1).Distress));
        // At least 0 to 2 (past the inconsolable thresholds of 1.5–1.9), so a calm run looks calm beside a stormy one: scaled to
        // its own top, a secure couple's 0.06 and a fearful one's 0.47 filled the panel as Alma's 2.3 does.
        // Three steps of nice size rather than two, so a top just past 2 ends at 3, not 4 (Alma's 2.26 had half the panel empty).
        double dTop = NiceCeiling(Math.Max(DistressAxisAtLeast, maxDistress * 1.05), 3);
        Figure.YTicks(distress, (0, "0"), (dTop / 2, RunText.Trim(dTop / 2)), (dTop, RunText.Trim(dTop)));
        distress.Axes.SetLimitsY(0, dTop * 1.04);
        var moving = DriftingAnxiety(run); // a pass over the run's hours per partner, so once per chart
        var anxiety = AnxietyPanel(run, figure, moving);

        var lanePlots = run.Partners.Select((p, i) =>
        {
            int rows = Math.Max(1, lanes.Lanes[i].Rows.Length);
            var lane = figure.AddFixedPanel(rows * LaneRowHeight + 6, p.Spec.Name, gapAbove: i == 0 ? 22 : 10);
            style.Font(lane.Axes.Left.Label, style.AxisLabelSize, bold: true, color: ChartPalette.Partner(i));
            style.Font(lane.Axes.Left.TickLabelStyle, style.SmallSize);
            lane.Axes.SetLimitsY(0, rows + 6 / LaneRowHeight);
            Figure.NoYGrid(lane);
            return lane;
        }).ToImmutableArray();

        var chart = new RunChart(figure, closeness, stance, distress, anxiety, lanePlots, lanes, daily, bucket);
        figure.AddLegend(style.LineItem(daily ? $"Closeness ({perly} mean)" : "Closeness", ChartPalette.Ink, style.Px(4)));
        if (daily) figure.AddLegend(style.SwatchItem($"{(bucket == 1 ? "Daily" : "Weekly")} range", ChartPalette.Ink, 0.18));
        for (int i = 0; i < run.Partners.Length; i++)
            figure.AddLegend(style.LineItem(run.Partners[i].Spec.Name, ChartPalette.Partner(i), style.Px(3.5)));

        if (bucket == 1) AddBands(run, chart);
        if (daily) AddDailySeries(run, chart);
        else AddHourlySeries(run, chart);
        AddAnxiety(run, chart, moving);
        stance.Add.HorizontalLine(0, style.Px(1.5), ChartPalette.Color(ChartPalette.Frame), LinePattern.Dashed);
        AddWithdrawn(run, chart);
        AddInterventions(run, chart);
        AddLaneMarkers(run, chart);

        figure.Footnote = (daily
            ? $"Lines are {perly} means, shaded ranges the lowest to highest hour of each {per}"
              + (bucket == 7 ? "; the schedule is not shaded.\n" : hours < LeisureBandsBelowHours ? "; nights and work hours are not shaded.\n" : "; at this length the schedule is not shaded.\n")
            : "") + $"Lanes count each partner's events per {lanes.BinWords}; a larger marker is more events (the largest: {lanes.MaxCount}).";
        return chart;
    }

    /// <summary>
    /// How far (ECR-R points, lowest to highest) a partner's anxiety must move in a run to get its line. Every run
    /// drifts a little (<c>security_drift</c> is never 0); a few hundredths over four weeks is not a story to show.
    /// </summary>
    public const double AnxietyMoveShown = 0.25;

    /// <summary>The partners whose anxiety moves by <see cref="AnxietyMoveShown"/> or more during the run (falling, it is earned security), in scenario order.</summary>
    public static ImmutableArray<int> DriftingAnxiety(RunResult run)
    {
        var tl = run.Timeline;
        return [.. Enumerable.Range(0, run.Partners.Length).Where(k =>
        {
            var values = Ticks(run).Select(t => tl.Partner(t, k).Anxiety).ToList();
            return values.Count > 0 && values.Max() - values.Min() >= AnxietyMoveShown;
        })];
    }

    /// <summary>
    /// A panel of anxiety on the ECR-R scale, only when some partner's anxiety moves (a run without drift
    /// keeps the chart it always had), its y range the whole points the moving lines pass through.
    /// </summary>
    private static Plot? AnxietyPanel(RunResult run, Figure figure, ImmutableArray<int> moving)
    {
        if (moving.Length == 0) return null;
        var tl = run.Timeline;
        var values = moving.SelectMany(k => Ticks(run).Select(t => tl.Partner(t, k).Anxiety)).ToList();
        double low = Math.Max(1, Math.Floor(values.Min())), high = Math.Min(7, Math.Ceiling(values.Max()));
        if (high <= low) high = low + 1;
        var panel = figure.AddPanel(1.4, "Anxiety");
        Figure.YTicks(panel, [.. Enumerable.Range((int)low, (int)(high - low) + 1).Select(v => ((double)v, v.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        panel.Axes.SetLimitsY(low - 0.08 * (high - low), high + 0.08 * (high - low));
        return panel;
    }

    /// <summary>Each moving partner's anxiety in their colour (per day or week in long runs), named at its end.</summary>
    private static void AddAnxiety(RunResult run, RunChart c, ImmutableArray<int> moving)
    {
        if (c.Anxiety is null) return;
        var tl = run.Timeline;
        var style = c.Figure.Style;
        var days = Days(run, c.BucketDays);
        foreach (int k in moving)
        {
            double Anx(int t) => tl.Partner(t, k).Anxiety;
            var (xs, ys) = c.Daily
                ? (days.Select(d => d.Centre).ToArray(), days.Select(d => Enumerable.Range(d.From, d.To - d.From).Select(Anx).Average()).ToArray())
                : (Ticks(run).Select(i => X(i + 1)).ToArray(), Ticks(run).Select(Anx).ToArray());
            Line(c.Anxiety, xs, ys, ChartPalette.Partner(k), style.Px(3.5));
            // named at its end, on the side of the line with more room in the panel
            var limits = c.Anxiety.Axes.GetLimits();
            bool above = ys[^1] < (limits.Bottom + limits.Top) / 2;
            var label = c.Anxiety.Add.Text($"{Markup.Clean(run.Partners[k].Spec.Name)}'s anxiety (ECR-R)", xs[^1], ys[^1]);
            style.Font(label.LabelStyle, style.TextSize, bold: true, color: ChartPalette.Partner(k));
            label.LabelStyle.Alignment = above ? Alignment.LowerRight : Alignment.UpperRight;
            label.LabelStyle.OffsetX = -style.Px(8);
            label.LabelStyle.OffsetY = above ? -style.Px(6) : style.Px(6);
            label.LabelStyle.BackgroundColor = Colors.White.WithOpacity(0.85);
        }
    }

    /// <summary>The lowest top of the distress axis: runs are drawn on one scale until one goes higher.</summary>
    public const double DistressAxisAtLeast = 2;

    /// <summary>The smallest multiple of a nice tick spacing (1, 2, 2.5 or 5 × 10ⁿ, about <paramref name="ticks"/> ticks) at or above <paramref name="v"/>.</summary>
    internal static double NiceCeiling(double v, int ticks = 4)
    {
        if (!(v > 0)) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(v / ticks)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(s => s * power).First(s => v / s <= ticks);
        return Math.Ceiling(v / step - 1e-9) * step;
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

    private static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, string color, double width)
    {
        var s = plot.Add.ScatterLine(xs, ys, ChartPalette.Color(color));
        s.LineWidth = (float)width;
        s.MarkerSize = 0;
        return s;
    }

    private static void AddHourlySeries(RunResult run, RunChart c)
    {
        var tl = run.Timeline;
        var style = c.Figure.Style;
        var (xs, closeness) = HourlyCloseness(run);
        Line(c.Closeness, xs, closeness, ChartPalette.Ink, style.Px(4));
        double[] hx = Ticks(run).Select(i => X(i + 1)).ToArray();
        for (int i = 0; i < run.Partners.Length; i++)
        {
            int k = i;
            Line(c.Stance, hx, Ticks(run).Select(t => tl.Partner(t, k).Stance).ToArray(), ChartPalette.Partner(i), style.Px(3));
            Line(c.Distress, hx, Ticks(run).Select(t => tl.Partner(t, k).Distress).ToArray(), ChartPalette.Partner(i), style.Px(3.5));
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

    private static void AddDailySeries(RunResult run, RunChart c)
    {
        var tl = run.Timeline;
        var style = c.Figure.Style;
        var days = Days(run, c.BucketDays);
        double[] xs = days.Select(d => d.Centre).ToArray();
        double[] Agg(Func<int, double> f, Func<IEnumerable<double>, double> g) =>
            days.Select(d => g(Enumerable.Range(d.From, d.To - d.From).Select(f))).ToArray();

        Fills.Between(c.Closeness, xs, Agg(tl.Closeness, Enumerable.Min), Agg(tl.Closeness, Enumerable.Max), ChartPalette.Ink, 0.18);
        Line(c.Closeness, xs, Agg(tl.Closeness, Enumerable.Average), ChartPalette.Ink, style.Px(4));
        for (int i = 0; i < run.Partners.Length; i++)
        {
            int k = i;
            string colour = ChartPalette.Partner(i);
            if (c.BucketDays == 1) // a week's hourly range of stance spans nearly −1…1 and hides the means
                Fills.Between(c.Stance, xs, Agg(t => tl.Partner(t, k).Stance, Enumerable.Min), Agg(t => tl.Partner(t, k).Stance, Enumerable.Max), colour, 0.14);
            Line(c.Stance, xs, Agg(t => tl.Partner(t, k).Stance, Enumerable.Average), colour, style.Px(3));
            Line(c.Distress, xs, Agg(t => tl.Partner(t, k).Distress, Enumerable.Average), colour, style.Px(3.5));
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

    private static void Band(Plot plot, int from, int to, string color, double alpha)
    {
        var span = plot.Add.HorizontalSpan(X(from), X(to), ChartPalette.Color(color, alpha));
        span.LineWidth = 0;
        span.IsDraggable = false;
    }

    /// <summary>A shaded box over [from, to) ticks and a y range (a strip of a lane).</summary>
    private static void Strip(Plot plot, int from, int to, double y0, double y1, string color, double alpha)
    {
        var r = plot.Add.Rectangle(X(from), X(to), y0, y1);
        r.FillColor = ChartPalette.Color(color, alpha);
        r.LineWidth = 0;
    }

    private static void AddBands(RunResult run, RunChart c)
    {
        var tl = run.Timeline;
        var style = c.Figure.Style;
        int n = tl.Length;
        var circ = run.Partners.Select((_, k) => Ticks(run).Select(i => tl.Partner(i, k).Circumstances).ToArray()).ToArray();
        bool Leisure(int i) => circ.Any(p => p[i] is { Leisure: > 0, Asleep: false });
        bool Sleep(int i) => circ.All(p => p[i].Asleep);

        var leisure = n < LeisureBandsBelowHours ? Runs(n, Leisure).ToList() : [];
        var sleep = c.Daily ? [] : Runs(n, Sleep).ToList();
        foreach (var panel in c.TimePanels)
        {
            foreach (var (from, to) in leisure) Band(panel, from, to, ChartPalette.Leisure, ChartPalette.LeisureAlpha);
            foreach (var (from, to) in sleep) Band(panel, from, to, ChartPalette.Sleep, ChartPalette.SleepAlpha);
        }
        if (leisure.Count > 0) c.Figure.AddLegend(style.SwatchItem("Leisure together", ChartPalette.Leisure, ChartPalette.LeisureAlpha));
        if (sleep.Count > 0) c.Figure.AddLegend(style.SwatchItem("Both asleep", ChartPalette.Sleep, ChartPalette.SleepAlpha));

        bool work = false, stress = false;
        for (int k = 0; k < c.Lanes.Length; k++)
        {
            var own = circ[k];
            var lane = c.Lanes[k];
            double top = lane.Axes.GetLimits().Top;
            if (!c.Daily)
            {
                foreach (var (from, to) in Runs(n, i => own[i].Availability < 1 && !own[i].Asleep))
                {
                    Band(lane, from, to, ChartPalette.Work, ChartPalette.WorkAlpha);
                    work = true;
                }
            }
            // stress as a strip along the top of the lane: apart from the other tints by place as well as colour
            foreach (var (from, to) in Runs(n, i => own[i].Stress > 0))
            {
                Strip(lane, from, to, top - 0.42, top, ChartPalette.Stress, ChartPalette.StressAlpha);
                stress = true;
            }
        }
        if (work) c.Figure.AddLegend(style.SwatchItem("At work / busy", ChartPalette.Work, ChartPalette.WorkAlpha));
        if (stress) c.Figure.AddLegend(style.SwatchItem("Stress (strip)", ChartPalette.Stress, ChartPalette.StressAlpha));
    }

    /// <summary>The y of a lane row's centre (row 0 at the top).</summary>
    private static double RowY(int rows, int row) => rows - row - 0.5;

    /// <summary>A grey bar along the "Withdraws" row (or the lane's bottom) while the partner is withdrawn.</summary>
    private static void AddWithdrawn(RunResult run, RunChart c)
    {
        var tl = run.Timeline;
        bool any = false;
        for (int k = 0; k < c.Lanes.Length; k++)
        {
            int idx = k;
            var rows = c.Events.Lanes[k].Rows;
            int row = rows.Select(r => r.Kind).ToList().IndexOf(ChartMarks.Withdraw);
            double y = row >= 0 ? RowY(rows.Length, row) : 0.3;
            foreach (var (from, to) in Runs(tl.Length, i => tl.Partner(i, idx).Withdrawn))
            {
                Strip(c.Lanes[k], from, to, y - 0.17, y + 0.17, ChartPalette.Withdrawn, 0.5);
                any = true;
            }
        }
        if (any) c.Figure.AddLegend(c.Figure.Style.SwatchItem("Withdrawn (bar)", ChartPalette.Withdrawn, 0.5));
    }

    /// <summary>Interventions as a dashed line across the panels, named at the top of the closeness panel (close names on the next line down).</summary>
    private static void AddInterventions(RunResult run, RunChart c)
    {
        var style = c.Figure.Style;
        var groups = run.Events.Where(e => e.Kind == EventKinds.Intervention).GroupBy(e => e.Tick).OrderBy(g => g.Key).ToList();
        if (groups.Count == 0) return;
        double pxPerDay = (ChartSize.DesignWidth - Figure.LeftMargin - Figure.RightMargin) / Math.Max(1 / 24.0, c.Figure.X.Max);
        var rowEnds = new List<double>();
        foreach (var g in groups)
        {
            string what = Markup.Clean(g.Select(e => e.Reason).FirstOrDefault(r => r.Length > 0) ?? "intervention");
            double x = X(g.Key), px = x * pxPerDay;
            int row = rowEnds.FindIndex(end => end < px);
            if (row < 0) { row = rowEnds.Count; rowEnds.Add(0); }
            rowEnds[row] = px + what.Length * 22 * 0.62 + 20;
            foreach (var panel in c.TimePanels)
            {
                var line = panel.Add.VerticalLine(x, style.Px(3), ChartPalette.Color(ChartPalette.Ink), LinePattern.Dashed);
                line.IsDraggable = false;
            }
            var t = c.Closeness.Add.Text(what, x, 1);
            style.Font(t.LabelStyle, style.TextSize, bold: true);
            t.LabelStyle.Alignment = Alignment.UpperLeft;
            t.LabelStyle.OffsetX = style.Px(8);
            t.LabelStyle.OffsetY = style.Px(6 + 28 * (row % 3));
            t.LabelStyle.BackgroundColor = Colors.White.WithOpacity(0.85);
        }
        c.Figure.AddLegend(style.LineItem("Intervention", ChartPalette.Ink, style.Px(3), LinePattern.Dashed));
    }

    /// <summary>ScottPlot's marker for one of the chart's shapes.</summary>
    internal static ScottPlot.MarkerShape ToScottPlot(MarkerShape shape) => shape switch
    {
        MarkerShape.Circle => ScottPlot.MarkerShape.FilledCircle,
        MarkerShape.OpenCircle => ScottPlot.MarkerShape.OpenCircle,
        MarkerShape.Square => ScottPlot.MarkerShape.FilledSquare,
        MarkerShape.Diamond => ScottPlot.MarkerShape.FilledDiamond,
        MarkerShape.TriangleUp => ScottPlot.MarkerShape.FilledTriangleUp,
        MarkerShape.TriangleDown => ScottPlot.MarkerShape.FilledTriangleDown,
        MarkerShape.Cross => ScottPlot.MarkerShape.Eks,
        MarkerShape.Plus => ScottPlot.MarkerShape.Cross,
        MarkerShape.Asterisk => ScottPlot.MarkerShape.Asterisk,
        _ => ScottPlot.MarkerShape.FilledCircle,
    };

    /// <summary>
    /// A bin's marker size (design pixels): its area grows with the count, from a single event to the
    /// run's busiest bin (and at least to 5 events, so two events do not look like twenty).
    /// </summary>
    internal static double MarkerSize(int count, int maxCount, double binPx)
    {
        double max = Math.Min(LaneRowHeight - 2, binPx * 0.95), min = Math.Min(13, max);
        int top = Math.Max(5, maxCount);
        return min + (max - min) * Math.Sqrt((Math.Min(count, top) - 1) / (double)(top - 1));
    }

    private static void AddLaneMarkers(RunResult run, RunChart c)
    {
        var style = c.Figure.Style;
        var lanes = c.Events;
        double pxPerDay = (ChartSize.DesignWidth - Figure.LeftMargin - Figure.RightMargin) / Math.Max(1 / 24.0, c.Figure.X.Max);
        int max = lanes.MaxCount;
        for (int k = 0; k < c.Lanes.Length; k++)
        {
            var lane = c.Lanes[k];
            var rows = lanes.Lanes[k].Rows;
            var ticks = new List<(double, string)>();
            for (int r = 0; r < rows.Length; r++)
            {
                var row = rows[r];
                double y = RowY(rows.Length, r);
                ticks.Add((y, row.Kind.Label));
                // one plottable per count: markers of a size drawn together
                foreach (var g in row.Counts.GroupBy(b => b.Count).OrderBy(g => g.Key))
                {
                    var xs = g.Select(b => lanes.Span(b.Bin)).Select(s => (s.From + s.To) / 2).ToArray();
                    double binPx = lanes.BinHours / 24.0 * pxPerDay;
                    var m = lane.Add.Markers(xs, xs.Select(_ => y).ToArray(), ToScottPlot(row.Kind.Shape),
                        style.Px(MarkerSize(g.Key, max, binPx)), ChartPalette.Color(row.Kind.Color));
                    m.MarkerStyle.LineWidth = style.Px(3);
                    m.MarkerStyle.OutlineColor = Colors.White;
                }
            }
            if (rows.Length == 0) ticks.Add((0.5, "no events"));
            Figure.YTicks(lane, [.. ticks]);
        }
    }
}
