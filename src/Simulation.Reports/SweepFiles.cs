using System.Collections.Immutable;
using Simulation.Sweeps;

namespace Simulation.Reports;

/// <summary>A finished sweep: its plan, its figures (and the one the regime map shows), every run's figures and every point's summary.</summary>
public sealed record SweepResult(
    SweepPlan Plan, ImmutableArray<Figure> Figures, Figure Mapped,
    ImmutableArray<RunFigures> Runs, ImmutableArray<PointSummary> Points);

/// <summary>The files of a sweep, written all together or not at all.</summary>
public static class SweepFiles
{
    /// <summary>What a sweep writes, in this order (checked against the output folder before the sweep runs).</summary>
    public static ImmutableArray<string> Names { get; } = [SweepTables.RunsFile, SweepTables.SummaryFile];

    public static ImmutableArray<string> Write(SweepResult sweep, string directory, CancellationToken cancellationToken = default) =>
        OutputFiles.Commit(directory, Render(sweep), cancellationToken);

    public static IEnumerable<(string Name, string Content)> Render(SweepResult sweep)
    {
        yield return (SweepTables.RunsFile, SweepTables.Runs(sweep.Plan, sweep.Figures, sweep.Runs));
        yield return (SweepTables.SummaryFile, SweepTables.Summary(sweep.Plan, sweep.Figures, sweep.Points));
    }
}

/// <summary>A sweep's results in a few plain lines, for the terminal and the page.</summary>
public static class SweepText
{
    public static IEnumerable<string> Highlights(SweepResult sweep)
    {
        var plan = sweep.Plan;
        int figure = sweep.Figures.IndexOf(sweep.Mapped);
        string Where(PointSummary p) => string.Join(", ", plan.Axes.Select((a, i) => $"{a.Key}={p.Point.Values[i]}"));
        var best = sweep.Points.MaxBy(p => p.Figures[figure].Mean)!;
        var worst = sweep.Points.MinBy(p => p.Figures[figure].Mean)!;
        yield return $"{sweep.Mapped.Label}: highest {RunText.Fixed(best.Figures[figure].Mean)} at {Where(best)}, lowest {RunText.Fixed(worst.Figures[figure].Mean)} at {Where(worst)} (means over {RunText.Plural(plan.Seeds.Length, "seed")})";
        foreach (var (claim, c) in plan.Scenario.Expect.Select((e, c) => (e, c)))
        {
            int most = sweep.Points.Count(p => p.ClaimShares[c] > 0.5);
            yield return $"Claim {c + 1} ({claim.Pattern}) shows on most seeds at {most} of {RunText.Plural(sweep.Points.Length, "grid point")}";
        }
    }
}
