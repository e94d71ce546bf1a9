using System.Collections.Immutable;
using Simulation.Scenarios;

namespace Simulation.Sweeps;

/// <summary>One side of an ensemble what-if: a scenario run on every seed, each run's figures and closeness per hour.</summary>
public sealed record EnsembleSide(string Label, Scenario Scenario, ImmutableArray<RunFigures> Runs, ImmutableArray<ImmutableArray<double>> Closeness);

/// <summary>How one figure moved from A to B: the change per seed (B − A on the same seed) as an estimate, and on how many seeds it moved the way the mean did.</summary>
/// <param name="SameWay">Seeds on which B − A has the sign of the mean change (a change of exactly 0 counts for neither way).</param>
public sealed record FigureChange(RunFigure Figure, Estimate A, Estimate B, Estimate Change, int SameWay, int Seeds);

/// <summary>Closeness per step (an hour, or a day on long runs): each side's mean over the seeds with its interval, and the paired difference.</summary>
public sealed record EnsembleCurves(int HoursPerStep, ImmutableArray<Estimate> A, ImmutableArray<Estimate> B, ImmutableArray<Estimate> Difference);

/// <summary>
/// A what-if over many seeds (<c>compare A --set … --seeds 1-20</c>): both sides on the same seeds, so each
/// seed gives a pair and chance is taken out of the change. One seed cannot tell the change from chance;
/// this tells how large the change is and how often it goes the same way.
/// </summary>
public sealed record Ensemble(EnsembleSide A, EnsembleSide B, ImmutableArray<ulong> Seeds)
{
    /// <summary>Longer runs are averaged per day first, as the run charts draw them.</summary>
    public const int DailyFromHours = 24 * 7 * 8;

    /// <summary>Each figure's change, in the figures' order (the figures of A's scenario: both sides have the same partners).</summary>
    public ImmutableArray<FigureChange> Changes()
    {
        var list = ImmutableArray.CreateBuilder<FigureChange>();
        foreach (var f in RunFigure.For(A.Scenario))
        {
            var a = A.Runs.Select(f.Read).ToArray();
            var b = B.Runs.Select(f.Read).ToArray();
            var d = a.Zip(b, (x, y) => y - x).ToArray();
            var change = Estimate.Of(d);
            int same = d.Count(x => change.Mean > 0 ? x > 0 : change.Mean < 0 && x < 0);
            list.Add(new FigureChange(f, Estimate.Of(a).Within(0, f.Highest), Estimate.Of(b).Within(0, f.Highest), change, same, d.Length));
        }
        return list.ToImmutable();
    }

    /// <summary>Closeness over time for both sides and their difference (hour by hour, or day by day from <see cref="DailyFromHours"/>).</summary>
    public EnsembleCurves Curves()
    {
        int hours = Math.Min(A.Closeness.Min(c => c.Length), B.Closeness.Min(c => c.Length));
        int step = hours >= DailyFromHours ? 24 : 1;
        int steps = hours / step;
        var a = ImmutableArray.CreateBuilder<Estimate>(steps);
        var b = ImmutableArray.CreateBuilder<Estimate>(steps);
        var diff = ImmutableArray.CreateBuilder<Estimate>(steps);
        var xa = new double[Seeds.Length];
        var xb = new double[Seeds.Length];
        var xd = new double[Seeds.Length];
        for (int s = 0; s < steps; s++)
        {
            for (int k = 0; k < Seeds.Length; k++)
            {
                (xa[k], xb[k]) = (Mean(A.Closeness[k], s * step, step), Mean(B.Closeness[k], s * step, step));
                xd[k] = xb[k] - xa[k];
            }
            a.Add(Estimate.Of(xa).Within(0, 1)); // closeness: 0 apart … 1 close
            b.Add(Estimate.Of(xb).Within(0, 1));
            diff.Add(Estimate.Of(xd));
        }
        return new EnsembleCurves(step, a.MoveToImmutable(), b.MoveToImmutable(), diff.MoveToImmutable());
    }

    /// <summary>The share of seeds on which each side's claims showed, claim by claim (B's claims are its own scenario's).</summary>
    public (ImmutableArray<double> A, ImmutableArray<double> B) ClaimShares() => (Shares(A), Shares(B));

    private static ImmutableArray<double> Shares(EnsembleSide side) =>
        [.. Enumerable.Range(0, side.Scenario.Expect.Length).Select(c => side.Runs.Count(r => r.Claims[c]) / (double)side.Runs.Length)];

    private static double Mean(ImmutableArray<double> values, int from, int count)
    {
        double sum = 0;
        for (int i = from; i < from + count; i++) sum += values[i];
        return sum / count;
    }
}
