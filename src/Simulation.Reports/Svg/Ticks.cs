namespace Simulation.Reports.Svg;

/// <summary>One labelled position on an axis. <see cref="Row"/> 0 sits next to the axis, row 1 below it.</summary>
public sealed record Tick(double Position, string Label, int Row = 0, bool Grid = true, bool Major = false);

/// <summary>
/// "Nice" tick spacing as ScottPlot's DecimalTickSpacingCalculator does it: spacings of
/// 1, 2, 2.5 and 5 × 10ⁿ, the smallest that keeps the count at or under the target.
/// </summary>
public static class NiceTicks
{
    private static readonly double[] Steps = [1, 2, 2.5, 5];

    /// <summary>The spacing for a range shown with at most <paramref name="maxCount"/> ticks.</summary>
    public static double Spacing(double min, double max, int maxCount)
    {
        double span = Math.Abs(max - min);
        if (span <= 0 || maxCount < 1) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(span / maxCount)) - 1);
        for (int guard = 0; guard < 40; guard++, power *= 10)
            foreach (double s in Steps)
                if (span / (s * power) <= maxCount) return s * power;
        return span;
    }

    /// <summary>Ticks between <paramref name="min"/> and <paramref name="max"/> (inclusive) at a nice spacing.</summary>
    public static IReadOnlyList<Tick> Generate(double min, double max, int maxCount)
    {
        double step = Spacing(min, max, maxCount);
        int decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(step) + 1e-9));
        if (step * Math.Pow(10, decimals) % 1 != 0) decimals++; // 2.5 × 10ⁿ needs one more
        var ticks = new List<Tick>();
        double first = Math.Ceiling(min / step - 1e-9) * step;
        for (int i = 0; ; i++)
        {
            double v = first + i * step;
            if (v > max + step * 1e-9) break;
            ticks.Add(new Tick(v, SvgFormat.Num(v, decimals)));
        }
        return ticks;
    }
}
