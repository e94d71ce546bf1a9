using ScottPlot;

namespace Simulation.Reports.Charts;

/// <summary>The shaded bands of the charts: a range, an interval or a spread drawn as a fill without an outline.</summary>
public static class Fills
{
    /// <summary>Fills between <paramref name="lower"/> and <paramref name="upper"/> over <paramref name="xs"/>; nothing for fewer than two points (no area to fill).</summary>
    public static void Between(Plot plot, double[] xs, double[] lower, double[] upper, string color, double alpha)
    {
        if (xs.Length < 2) return;
        var fill = plot.Add.FillY(xs, upper, lower);
        fill.FillColor = ChartPalette.Color(color, alpha);
        fill.LineWidth = 0;
    }
}
