using System.Collections.Immutable;

namespace Simulation.Sweeps;

/// <summary>A figure over the seeds of one grid point: mean, sample standard deviation and a 95 % interval for the mean.</summary>
public readonly record struct Estimate(double Mean, double Sd, double Low, double High, int N)
{
    /// <summary>The estimate of <paramref name="values"/> (a t interval; a single value has no spread and no interval wider than itself).</summary>
    public static Estimate Of(IReadOnlyList<double> values)
    {
        int n = values.Count;
        if (n == 0) return new(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double mean = 0;
        for (int i = 0; i < n; i++) mean += values[i];
        mean /= n;
        if (n == 1) return new(mean, 0, mean, mean, 1);
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
        double sd = Math.Sqrt(ss / (n - 1));
        double half = StudentT.Quantile975(n - 1) * sd / Math.Sqrt(n);
        return new(mean, sd, mean - half, mean + half, n);
    }

    /// <summary>The interval cut to what the figure can be: a share's mean is never below 0 nor above 1
    /// (a t interval around a share of 0.001 reaches below 0; summary.csv read −0.0011).</summary>
    public Estimate Within(double lowest, double highest) => this with { Low = Math.Max(Low, lowest), High = Math.Min(High, highest) };
}

/// <summary>One grid point's summary: each figure's estimate and the share of seeds on which each claim showed.</summary>
public sealed record PointSummary(GridPoint Point, ImmutableArray<Estimate> Figures, ImmutableArray<double> ClaimShares, int Seeds);

/// <summary>The summaries of a sweep's grid points, from its runs' figures (in run order).</summary>
public static class SweepSummary
{
    public static ImmutableArray<PointSummary> Of(SweepPlan plan, ImmutableArray<RunFigure> figures, IReadOnlyList<RunFigures> runs)
    {
        if (runs.Count != plan.Runs) throw new ArgumentException($"expected {plan.Runs} runs, got {runs.Count}", nameof(runs));
        int seeds = plan.Seeds.Length, claims = plan.Scenario.Expect.Length;
        var result = ImmutableArray.CreateBuilder<PointSummary>(plan.Points.Length);
        var values = new double[seeds];
        foreach (var point in plan.Points)
        {
            int first = point.Index * seeds;
            var estimates = ImmutableArray.CreateBuilder<Estimate>(figures.Length);
            foreach (var figure in figures)
            {
                for (int s = 0; s < seeds; s++) values[s] = figure.Read(runs[first + s]);
                estimates.Add(Estimate.Of(values).Within(0, figure.Highest));
            }
            var shares = ImmutableArray.CreateBuilder<double>(claims);
            for (int c = 0; c < claims; c++)
            {
                int shown = 0;
                for (int s = 0; s < seeds; s++) if (runs[first + s].Claims[c]) shown++;
                shares.Add(shown / (double)seeds);
            }
            result.Add(new PointSummary(point, estimates.MoveToImmutable(), shares.MoveToImmutable(), seeds));
        }
        return result.MoveToImmutable();
    }
}

/// <summary>Student's t distribution: the 97.5 % quantile, for 95 % two-sided intervals.</summary>
public static class StudentT
{
    // Exact to three decimals for 1–30 degrees of freedom; beyond, interpolated in 1/df towards the normal 1.960.
    private static readonly double[] Table =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    private static readonly (int Df, double T)[] Beyond = [(30, 2.042), (40, 2.021), (60, 2.000), (120, 1.980), (int.MaxValue, 1.960)];

    public static double Quantile975(int df)
    {
        if (df < 1) throw new ArgumentOutOfRangeException(nameof(df), df, "at least one degree of freedom");
        if (df <= Table.Length) return Table[df - 1];
        for (int i = 1; i < Beyond.Length; i++)
        {
            if (df > Beyond[i].Df) continue;
            double x0 = 1.0 / Beyond[i - 1].Df, x1 = Beyond[i].Df == int.MaxValue ? 0 : 1.0 / Beyond[i].Df, x = 1.0 / df;
            return Beyond[i - 1].T + (Beyond[i].T - Beyond[i - 1].T) * (x0 - x) / (x0 - x1);
        }
        return 1.960;
    }
}
