using System.Globalization;
using ScottPlot;
using Simulation.Reports.Charts;
using Simulation.Sweeps;

namespace Simulation.Reports;

/// <summary>
/// sweep.svg and sweep.png. One varied key: each figure's mean over the seeds, with its 95 % interval as a
/// band, against the key. Two or more: a regime map of one figure over the first two keys (the others
/// averaged), the cells where every claim shows on most seeds outlined.
/// </summary>
public static class SweepChart
{
    public const string ChartFile = "sweep.svg";
    public const string ImageFile = "sweep.png";
    public const string ChartId = "sweep-chart";

    public static (string Svg, byte[] Png) Render(SweepResult sweep, string title, ChartSize size) => Build(sweep, title, size).ToSvgAndPng(ChartId);

    /// <summary>The chart before it is drawn: its panels, top to bottom, and its legend.</summary>
    public static Figure Build(SweepResult sweep, string title, ChartSize size) =>
        sweep.Plan.Axes.Length == 1 ? Curves(sweep, title, size) : Map(sweep, title, size);

    private static string Subtitle(SweepPlan plan) =>
        $"{RunText.Plural(plan.Points.Length, "grid point")} × {RunText.Plural(plan.Seeds.Length, "seed")} ({Seeds(plan)}) · {RunText.LengthWords(plan.Scenario.Spec.Hours)} each";

    /// <summary>The seeds as a reader would write them: "1–10", or the list.</summary>
    public static string Seeds(SweepPlan plan)
    {
        var s = plan.Seeds;
        return s.Length == 1 ? $"seed {s[0]}" : "seeds " + RunText.Seeds(s);
    }

    // ---- one key: curves with bands ----------------------------------------------------------------

    private static Figure Curves(SweepResult sweep, string title, ChartSize size)
    {
        var plan = sweep.Plan;
        var axis = plan.Axes[0];
        var figure = new Figure(size, title, Subtitle(plan));
        var style = figure.Style;
        double[] xs = Positions(axis, out var ticks);
        figure.X = (xs[0] - Pad(xs), xs[^1] + Pad(xs));
        figure.XTicks = ticks;
        figure.XLabel = axis.Key;

        int F(string column) => sweep.Figures.Select((f, i) => (f, i)).First(x => x.f.Column == column).i;
        var partners = plan.Scenario.Spec.Partners;

        var closeness = Named(figure, "Mean closeness", 1.2);
        closeness.Axes.SetLimitsY(0, Headroom * 1);
        Figure.YTicks(closeness, (0, "0"), (0.5, "0.5"), (1, "1"));
        Curve(closeness, style, xs, sweep, F("mean_closeness"), ChartPalette.Ink);

        var share = Named(figure, "Positive share", 1);
        share.Axes.SetLimitsY(0, Headroom * 1);
        Figure.YTicks(share, (0, "0"), (0.5, "50%"), (1, "100%"));
        Curve(share, style, xs, sweep, F("positive_share"), ChartPalette.Ink);

        var withdrawn = Named(figure, "Time withdrawn", 1);
        withdrawn.Axes.SetLimitsY(0, Headroom * 1);
        Figure.YTicks(withdrawn, (0, "0"), (0.5, "50%"), (1, "100%"));
        var distress = Named(figure, "Mean distress", 1);
        double top = 0;
        for (int k = 0; k < partners.Length; k++)
        {
            Curve(withdrawn, style, xs, sweep, F($"{partners[k].Id}_time_withdrawn"), ChartPalette.Partner(k));
            int d = F($"{partners[k].Id}_mean_distress");
            Curve(distress, style, xs, sweep, d, ChartPalette.Partner(k));
            top = Math.Max(top, sweep.Points.Max(p => p.Figures[d].High));
        }
        distress.Axes.SetLimitsY(0, Headroom * Math.Max(0.5, top * 1.04));

        figure.AddLegend(style.LineItem("the couple", ChartPalette.Ink, style.Px(4)));
        for (int k = 0; k < partners.Length; k++) figure.AddLegend(style.LineItem(partners[k].Name, ChartPalette.Partner(k), style.Px(4)));
        figure.AddLegend(style.SwatchItem("95% interval of the mean", ChartPalette.Frame, 0.25));
        if (plan.Scenario.Expect.Length > 0) Claims(figure, xs, sweep);
        figure.Footnote = $"Each point: the mean over {RunText.Plural(plan.Seeds.Length, "seed")}; the band: a 95% interval for that mean. Claims: the share of seeds on which each showed (in bold: most seeds).";
        // Where the scenario itself stands, so a student reads "less avoidant than Will" off the chart, not off the file.
        var (own, ownShown) = Own(plan, axis);
        string ownText = $"{Whose(sweep)}: {axis.Key} {ownShown}";
        if (own is { } at && Place(axis, own, xs) is { } x)
        {
            foreach (var panel in figure.Panels)
                panel.Add.VerticalLine(x, style.Px(3), ChartPalette.Color(ChartPalette.Ink), LinePattern.Dashed);
            figure.AddLegend(style.LineItem(ownText, ChartPalette.Ink, style.Px(3), LinePattern.Dashed));
        }
        else if (own is not null) figure.Footnote += $" The scenario's own {axis.Key} {ownShown} is outside the grid.";
        return figure;
    }

    /// <summary>The scenario's own value of <paramref name="axis"/>'s key (null for a key without one, as the seed), and as the legend writes it.</summary>
    private static (string? Value, string Shown) Own(SweepPlan plan, Axis axis)
    {
        string? own = Simulation.Scenarios.ScenarioChanges.ValueOf(plan.Scenario, axis.Key);
        return (own, own is null ? "" : HtmlReport.Shown(own));
    }

    /// <summary>Whose value the mark is: the file's couple, or with the sweep's --set changes the couple those make
    /// (--set will.avoidance=3 moves Will's derived responsiveness too, so "as written" would name a value the file does not have).</summary>
    private static string Whose(SweepResult sweep) =>
        sweep.Sets.IsDefaultOrEmpty ? $"{sweep.Plan.Scenario.Name} as written" : $"{sweep.Plan.Scenario.Name} with {string.Join(", ", sweep.Sets)}";

    /// <summary>
    /// Where <paramref name="own"/> sits among the axis' values placed at <paramref name="positions"/>: at its value's
    /// position when it is one of them, between two neighbours' positions when it lies between them (numbers in order),
    /// null when it is outside the grid.
    /// </summary>
    private static double? Place(Axis axis, string own, double[] positions)
    {
        int exact = axis.Values.IndexOf(own);
        if (exact >= 0) return positions[exact];
        if (!double.TryParse(own, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return null;
        for (int i = 0; i + 1 < axis.Values.Length; i++)
        {
            if (!double.TryParse(axis.Values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                || !double.TryParse(axis.Values[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var b)) return null;
            if (a == v) return positions[i];
            if (Math.Min(a, b) < v && v < Math.Max(a, b)) return positions[i] + (positions[i + 1] - positions[i]) * (v - a) / (b - a); // values may run downwards (7,5,3)
        }
        return double.TryParse(axis.Values[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var last) && last == v ? positions[^1] : null;
    }

    /// <summary>A panel named by a line of text inside its top-left corner: short panels leave no room for a rotated label.</summary>
    private static Plot Named(Figure figure, string name, double weight)
    {
        var plot = figure.AddPanel(weight, null, gapAbove: 10);
        var label = plot.Add.Annotation(name, Alignment.UpperLeft);
        figure.Style.Font(label.LabelStyle, figure.Style.TextSize, bold: true);
        label.LabelStyle.BackgroundColor = Colors.White.WithOpacity(0.85);
        label.LabelStyle.BorderWidth = 0;
        label.LabelStyle.ShadowColor = Colors.Transparent;
        label.OffsetX = figure.Style.Px(8);
        label.OffsetY = figure.Style.Px(4);
        return plot;
    }

    private static void Curve(Plot plot, ChartStyle style, double[] xs, SweepResult sweep, int figure, string color)
    {
        var estimates = sweep.Points.Select(p => p.Figures[figure]).ToArray();
        Fills.Between(plot, xs, [.. estimates.Select(e => e.Low)], [.. estimates.Select(e => e.High)], color, 0.22);
        var line = plot.Add.ScatterLine(xs, [.. estimates.Select(e => e.Mean)], ChartPalette.Color(color));
        line.LineWidth = style.LineWidth;
        line.MarkerSize = style.Px(12);
        line.MarkerShape = ScottPlot.MarkerShape.FilledCircle;
    }

    /// <summary>Room above the highest value for the panel's name.</summary>
    private const double Headroom = 1.3;

    /// <summary>
    /// The claims as a grid: a row per claim (claim 1 on top, named on the left as in the terminal's "Claim 1"),
    /// a cell per value of the key, shaded by the share of seeds on which the claim showed and, while cells are
    /// wide enough, that share written in it (bold where it is most seeds, as the terminal counts). Seven lines in
    /// one panel hid each other where shares were equal, at 0 and at all seeds most of all.
    /// </summary>
    private static void Claims(Figure figure, double[] xs, SweepResult sweep)
    {
        var style = figure.Style;
        var claimed = sweep.Plan.Scenario.Expect;
        int n = claimed.Length;
        var panel = figure.AddPanel(Math.Max(0.9, 0.33 * n), null, gapAbove: 10);
        panel.Axes.SetLimitsY(-0.5, n - 0.5);
        Figure.NoYGrid(panel);
        panel.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        var tick = style.Label(style.TextSize);
        Figure.YTicks(panel, [.. claimed.Select((e, c) => (Row(c, n), Figure.Fit(tick, $"{c + 1} {e.Pattern}", style.Px(Figure.LeftMargin - 16))))]);

        var (lefts, rights) = Cells(xs);
        double margin = (rights[^1] - lefts[0]) * 0.01; // the outer cells whole, inside the frame
        figure.X = (Math.Min(figure.X.Min, lefts[0] - margin), Math.Max(figure.X.Max, rights[^1] + margin));
        // the shares written while "100%" fits a cell at the chart's size, as on the regime map
        double cellPixels = (figure.Size.Width - style.Px(Figure.LeftMargin + Figure.RightMargin)) * (rights[0] - lefts[0]) / (figure.X.Max - figure.X.Min);
        bool written = Figure.Measure(style.Label(style.TextSize, bold: true), "100%") * 1.15 <= cellPixels;
        for (int c = 0; c < n; c++)
        {
            double y = Row(c, n);
            for (int i = 0; i < xs.Length; i++)
            {
                double share = sweep.Points[i].ClaimShares[c];
                var shade = ClaimShade(share);
                var cell = panel.Add.Rectangle(lefts[i], rights[i], y - 0.44, y + 0.44);
                cell.FillStyle.Color = shade;
                cell.LineStyle.Width = 0;
                if (!written) continue;
                var t = panel.Add.Text(RunText.Percent(share), xs[i], y);
                style.Font(t.LabelStyle, style.TextSize, bold: share > 0.5, color: Luminance(shade) < 0.5 ? "#FFFFFF" : ChartPalette.Ink);
                t.LabelStyle.Alignment = Alignment.MiddleCenter;
            }
        }
        figure.AddLegend(style.SwatchItem("claim shown on no seed", ClaimShade(0).ToHex(), 1));
        figure.AddLegend(style.SwatchItem("… on half the seeds", ClaimShade(0.5).ToHex(), 1));
        figure.AddLegend(style.SwatchItem("… on every seed", ClaimShade(1).ToHex(), 1));
    }

    /// <summary>Claim <paramref name="c"/>'s row: the first claim at the top.</summary>
    private static double Row(int c, int n) => n - 1 - c;

    /// <summary>Each value's cell, centred on it and as wide as the closest two values are apart (less a gap), so a
    /// share's text sits in the middle of its cell and uneven values (1, 2, 5) leave room between cells, not wide cells.</summary>
    private static (double[] Lefts, double[] Rights) Cells(double[] xs)
    {
        double gap = xs.Length > 1 ? xs.Zip(xs.Skip(1), (a, b) => Math.Abs(b - a)).Min() : 1;
        double half = gap * 0.47;
        return ([.. xs.Select(x => x - half)], [.. xs.Select(x => x + half)]);
    }

    /// <summary>A claim's share as a shade from pale grey (no seed) to a dark bluish green (every seed), darker with more, so it also
    /// reads in grey; white text reads on the darker half.</summary>
    public static ScottPlot.Color ClaimShade(double share)
    {
        var pale = ScottPlot.Color.FromHex("#F2F2F2");
        var full = ScottPlot.Color.FromHex("#006B4F"); // Okabe–Ito's bluish green, darkened
        double f = Math.Clamp(share, 0, 1);
        byte mix(byte a, byte b) => (byte)Math.Round(a + (b - a) * f);
        return new ScottPlot.Color(mix(pale.R, full.R), mix(pale.G, full.G), mix(pale.B, full.B));
    }

    /// <summary>Where a key's values sit on the x axis: their numbers when all are numbers, else one step apart; and their labels.</summary>
    private static double[] Positions(Axis axis, out TimeTicks ticks)
    {
        var numbers = axis.Values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray();
        double[] xs = numbers.All(double.IsFinite) ? numbers : [.. Enumerable.Range(0, axis.Values.Length).Select(i => (double)i)];
        int every = Math.Max(1, (int)Math.Ceiling(axis.Values.Length / 12.0)); // at most a dozen labels under the axis
        var labels = xs.Select((x, i) => (x, axis.Values[i])).Where((_, i) => i % every == 0 || i == xs.Length - 1).ToList();
        ticks = new TimeTicks(labels, xs, [], axis.Key);
        return xs;
    }

    private static double Pad(double[] xs) => xs.Length > 1 ? (xs[^1] - xs[0]) * 0.04 : 0.5;

    // ---- two keys: a regime map ----------------------------------------------------------------------

    private static Figure Map(SweepResult sweep, string title, ChartSize size)
    {
        var plan = sweep.Plan;
        var (ax, ay) = (plan.Axes[0], plan.Axes[1]);
        int mapped = sweep.Figures.IndexOf(sweep.Mapped);
        int nx = ax.Values.Length, ny = ay.Values.Length;
        // The mean of the mapped figure per cell, over the seeds (and over any further keys), and whether
        // every claim showed on most seeds in that cell (on every combination of the further keys).
        var sum = new double[ny, nx];
        var count = new int[ny, nx];
        var holds = new bool[ny, nx];
        for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) holds[y, x] = plan.Scenario.Expect.Length > 0;
        foreach (var p in sweep.Points)
        {
            int x = ax.Values.IndexOf(p.Point.Values[0]), y = ay.Values.IndexOf(p.Point.Values[1]);
            sum[y, x] += p.Figures[mapped].Mean;
            count[y, x]++;
            if (p.ClaimShares.Any(s => s <= 0.5)) holds[y, x] = false;
        }
        var means = new double[ny, nx];
        for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) means[ny - 1 - y, x] = sum[y, x] / count[y, x]; // row 0 is the top

        var figure = new Figure(size, title, Subtitle(plan) + $" · colour: {sweep.Mapped.Label.ToLowerInvariant()}");
        var style = figure.Style;
        figure.X = (-0.5, nx - 0.5);
        int every = Math.Max(1, (int)Math.Ceiling(nx / 12.0));
        figure.XTicks = new TimeTicks([.. ax.Values.Select((v, i) => ((double)i, v)).Where((_, i) => i % every == 0 || i == nx - 1)], [], [], ax.Key);
        figure.XLabel = ax.Key;
        var panel = figure.AddPanel(1, ay.Key);
        panel.Axes.SetLimitsY(-0.5, ny - 0.5);
        int everyY = Math.Max(1, (int)Math.Ceiling(ny / 12.0));
        Figure.YTicks(panel, [.. ay.Values.Select((v, i) => ((double)i, v)).Where((_, i) => i % everyY == 0 || i == ny - 1)]);
        Figure.NoYGrid(panel);
        panel.Grid.XAxisStyle.MinorLineStyle.Width = 0;

        var heat = panel.Add.Heatmap(means);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        heat.Rectangle = new CoordinateRect(-0.5, nx - 0.5, -0.5, ny - 0.5); // the cells' edges, one unit per value
        // The values written in the cells while they fit: a cell's width and height estimated from the chart's size
        // (the map's panel takes most of the height), against the widest value at the chart's text size.
        var measure = style.Label(style.TextSize, bold: true);
        float widest = means.Cast<double>().Select(v => RunText.Figure(sweep.Mapped, v)).Distinct().Max(v => Figure.Measure(measure, v));
        float cellWidth = (size.Width - style.Px(Figure.LeftMargin + Figure.RightMargin)) / nx, cellHeight = size.Height * 0.55f / ny;
        bool small = widest * 1.15f <= cellWidth && style.TextSize * 1.3f <= cellHeight;

        // The scale in the legend (a colour bar would need the room the panels' shared margins do not leave):
        // three swatches when every cell has its number, five when none has.
        double lo = means.Cast<double>().Min(), hi = means.Cast<double>().Max();
        (string, double)[] swatches = small
            ? [("lowest", 0), ("middle", 0.5), ("highest", 1)]
            : [("lowest", 0), ("", 0.25), ("middle", 0.5), ("", 0.75), ("highest", 1)];
        foreach (var (label, f) in swatches)
        {
            double v = lo + (hi - lo) * f;
            var c = heat.Colormap.GetColor(hi == lo ? 0.5 : f);
            figure.AddLegend(style.SwatchItem($"{label} {RunText.Figure(sweep.Mapped, v)}".TrimStart(), c.ToHex(), 1));
        }

        for (int y = 0; y < ny; y++)
        {
            for (int x = 0; x < nx; x++)
            {
                double v = sum[y, x] / count[y, x];
                if (holds[y, x])
                {
                    var r = panel.Add.Rectangle(x - 0.46, x + 0.46, y - 0.46, y + 0.46);
                    r.FillStyle.Color = Colors.Transparent;
                    r.LineStyle.Color = ChartPalette.Color(ChartPalette.Ink);
                    r.LineStyle.Width = style.Px(5);
                }
                if (!small) continue;
                var t = panel.Add.Text(RunText.Figure(sweep.Mapped, v), x, y);
                style.Font(t.LabelStyle, style.TextSize, bold: holds[y, x], color: Lightness(heat, v) > 0.55 ? ChartPalette.Ink : "#FFFFFF");
                t.LabelStyle.Alignment = Alignment.MiddleCenter;
            }
        }
        // The scenario itself, as a ring on the map where its own two values meet.
        var (ownX, shownX) = Own(plan, ax);
        var (ownY, shownY) = Own(plan, ay);
        double? px = ownX is null ? null : Place(ax, ownX, [.. Enumerable.Range(0, nx).Select(i => (double)i)]);
        double? py = ownY is null ? null : Place(ay, ownY, [.. Enumerable.Range(0, ny).Select(i => (double)i)]);
        string ownWords = $"{Whose(sweep)}: {ax.Key} {shownX}, {ay.Key} {shownY}";
        if (px is { } mx && py is { } my)
        {
            foreach (var (color, width) in new[] { ("#FFFFFF", 9.0), (ChartPalette.Ink, 4.0) }) // a white halo reads on dark and light cells alike
            {
                var ring = panel.Add.Marker(mx, my, ScottPlot.MarkerShape.OpenCircle, style.Px(34), ChartPalette.Color(color));
                ring.MarkerLineWidth = style.Px(width);
            }
            figure.AddLegend(style.MarkerItem(ownWords, ChartPalette.Ink, ScottPlot.MarkerShape.OpenCircle));
        }
        if (plan.Scenario.Expect.Length > 0)
            figure.AddLegend(style.LineItem(plan.Scenario.Expect.Length == 1
                ? $"the claim ({plan.Scenario.Expect[0].Pattern}) shows on most seeds"
                : $"all {plan.Scenario.Expect.Length} claims show on most seeds", ChartPalette.Ink, style.Px(5)));
        figure.Footnote = $"Each cell: {sweep.Mapped.Label.ToLowerInvariant()}, {sweep.Mapped.Meaning}; the mean over {RunText.Plural(plan.Seeds.Length, "seed")}"
                          + (plan.Axes.Length > 2 ? $" and over {string.Join(", ", plan.Axes.Skip(2).Select(a => a.Key))}." : ".")
                          + (ownX is not null && ownY is not null ? OffTheGrid([(px is null, $"{ax.Key} {shownX}"), (py is null, $"{ay.Key} {shownY}")]) : "");
        return figure;
    }

    /// <summary>The footnote for the scenario's own values that lie off the map: only those, so a value on the grid is not named as off it.</summary>
    private static string OffTheGrid(IEnumerable<(bool Off, string Words)> values)
    {
        var off = values.Where(v => v.Off).Select(v => v.Words).ToList();
        return off.Count switch
        {
            0 => "",
            1 => $" The scenario's own {off[0]} is outside the grid.",
            _ => $" The scenario's own {string.Join(" and ", off)} are outside the grid.",
        };
    }

    /// <summary>How light the colour map is at a value (0 dark … 1 light), so a cell's number can be written in a colour that reads on it.</summary>
    private static double Lightness(ScottPlot.Plottables.Heatmap heat, double value)
    {
        var range = heat.GetRange();
        double span = range.Max - range.Min;
        double f = span == 0 ? 0.5 : (value - range.Min) / span;
        return Luminance(heat.Colormap.GetColor(f));
    }

    /// <summary>A colour's relative luminance (0 dark … 1 light): which text colour reads on a cell of it.</summary>
    private static double Luminance(ScottPlot.Color c) => (0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B) / 255;
}
