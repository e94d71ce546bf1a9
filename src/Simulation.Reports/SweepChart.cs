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

        if (plan.Scenario.Expect.Length > 0)
        {
            var claims = Named(figure, "Claims shown", 1.5); // its many lines need more room than the others' one or two
            claims.Axes.SetLimitsY(-0.04, Headroom * 1.02);
            Figure.YTicks(claims, (0, "0"), (0.5, "half"), (1, "all seeds"));
            var claimed = plan.Scenario.Expect;
            var looks = claimed.Select((_, c) => Look(c, style)).ToArray();
            double[][] shares = [.. claimed.Select((_, c) => sweep.Points.Select(p => p.ClaimShares[c]).ToArray())];
            // Every marker before any line: a filled circle or square drawn after a dashed line in the same panel makes
            // SkiaSharp's SVG canvas print "Unsupported path effect" on standard output (ScottPlot 5.1.59), once a marker.
            for (int c = 0; c < claimed.Length; c++)
                claims.Add.Markers(xs, shares[c], looks[c].Marker, style.Px(16), ChartPalette.Color(looks[c].Color)).MarkerStyle.LineWidth = style.Px(3);
            for (int c = 0; c < claimed.Length; c++)
            {
                var line = claims.Add.ScatterLine(xs, shares[c], ChartPalette.Color(looks[c].Color));
                line.LineWidth = style.LineWidth;
                line.LinePattern = looks[c].Pattern;
                line.MarkerSize = 0;
                var item = style.LineItem($"claim {c + 1}: {claimed[c].Pattern}", looks[c].Color, style.Px(4), looks[c].Pattern);
                item.MarkerStyle = new MarkerStyle(looks[c].Marker, style.Px(16), ChartPalette.Color(looks[c].Color)) { LineWidth = style.Px(3) };
                figure.AddLegend(item);
            }
        }

        figure.AddLegend(style.LineItem("the couple", ChartPalette.Ink, style.Px(4)));
        for (int k = 0; k < partners.Length; k++) figure.AddLegend(style.LineItem(partners[k].Name, ChartPalette.Partner(k), style.Px(4)));
        figure.AddLegend(style.SwatchItem("95% interval of the mean", ChartPalette.Frame, 0.25));
        figure.Footnote = $"Each point: the mean over {RunText.Plural(plan.Seeds.Length, "seed")}; the band: a 95% interval for that mean. Claims: the share of seeds on which each showed.";
        return figure;
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

    /// <summary>How one claim's line is drawn, on the chart and in its legend.</summary>
    public sealed record ClaimLook(string Color, LinePattern Pattern, ScottPlot.MarkerShape Marker);

    /// <summary>
    /// Claim <paramref name="c"/>'s line: one of four colours the bands and partners do not use, solid the first time
    /// round them, dashed the second and dotted the third, with a marker of its own; so no two of seven claims look
    /// alike, in colour or in the grey of a washed-out projector (pattern and marker then tell them apart).
    /// </summary>
    public static ClaimLook Look(int c, ChartStyle style)
    {
        LinePattern[] patterns = [LinePattern.Solid, new([style.Px(10), style.Px(6)], 0, "dashed"), new([style.Px(3), style.Px(6)], 0, "dotted")];
        int round = c / ClaimColors.Length % patterns.Length; // 0: solid
        var pattern = patterns[round];
        var marker = ClaimMarkers[c % ClaimMarkers.Length];
        // A filled circle or square drawn with a broken line makes SkiaSharp's SVG writer print on stdout (docs/charts.md):
        // past the seventh claim, a broken line takes a triangle or a diamond instead.
        if (round > 0 && marker == ScottPlot.MarkerShape.FilledCircle) marker = ScottPlot.MarkerShape.FilledTriangleUp;
        if (round > 0 && marker == ScottPlot.MarkerShape.FilledSquare) marker = ScottPlot.MarkerShape.FilledDiamond;
        return new(ClaimColors[c % ClaimColors.Length], pattern, marker);
    }

    private static readonly string[] ClaimColors = [OkabeIto.BluishGreen, OkabeIto.ReddishPurple, OkabeIto.Orange, OkabeIto.SkyBlue];

    private static readonly ScottPlot.MarkerShape[] ClaimMarkers =
    [
        ScottPlot.MarkerShape.FilledCircle, ScottPlot.MarkerShape.FilledSquare, ScottPlot.MarkerShape.FilledTriangleUp,
        ScottPlot.MarkerShape.FilledDiamond, ScottPlot.MarkerShape.FilledTriangleDown, ScottPlot.MarkerShape.Eks, ScottPlot.MarkerShape.Cross,
    ];

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
        // The scale in the legend (a colour bar would need the room the panels' shared margins do not leave).
        double lo = means.Cast<double>().Min(), hi = means.Cast<double>().Max();
        foreach (var (label, v) in new[] { ("lowest", lo), ("middle", (lo + hi) / 2), ("highest", hi) })
        {
            var c = heat.Colormap.GetColor(hi == lo ? 0.5 : (v - lo) / (hi - lo));
            figure.AddLegend(style.SwatchItem($"{label} {RunText.Figure(sweep.Mapped, v)}", c.ToHex(), 1));
        }

        bool small = nx * ny <= 120; // the values written in the cells while they stay readable
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
        if (plan.Scenario.Expect.Length > 0)
            figure.AddLegend(style.LineItem(plan.Scenario.Expect.Length == 1
                ? $"the claim ({plan.Scenario.Expect[0].Pattern}) shows on most seeds"
                : $"all {plan.Scenario.Expect.Length} claims show on most seeds", ChartPalette.Ink, style.Px(5)));
        figure.Footnote = $"Each cell: {sweep.Mapped.Label.ToLowerInvariant()}, {sweep.Mapped.Meaning}; the mean over {RunText.Plural(plan.Seeds.Length, "seed")}"
                          + (plan.Axes.Length > 2 ? $" and over {string.Join(", ", plan.Axes.Skip(2).Select(a => a.Key))}." : ".");
        return figure;
    }

    /// <summary>How light the colour map is at a value (0 dark … 1 light), so a cell's number can be written in a colour that reads on it.</summary>
    private static double Lightness(ScottPlot.Plottables.Heatmap heat, double value)
    {
        var range = heat.GetRange();
        double span = range.Max - range.Min;
        double f = span == 0 ? 0.5 : (value - range.Min) / span;
        var c = heat.Colormap.GetColor(f);
        return (0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B) / 255;
    }
}
