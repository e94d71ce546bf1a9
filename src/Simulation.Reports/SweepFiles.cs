using System.Collections.Immutable;
using Simulation.Sweeps;
using Simulation.Scenarios;

namespace Simulation.Reports;

/// <summary>A finished sweep: its plan, its figures (and the one the regime map shows), every run's figures and every point's summary.</summary>
/// <param name="Command">The command line that ran it, as the page shows it (to run it again).</param>
/// <param name="Sets">The <c>--set</c> changes every run of it made, as given (none: the file's couple).</param>
public sealed record SweepResult(
    SweepPlan Plan, ImmutableArray<RunFigure> Figures, RunFigure Mapped,
    ImmutableArray<RunFigures> Runs, ImmutableArray<PointSummary> Points, string Command, ImmutableArray<string> Sets = default);

/// <summary>The files of a sweep, written all together or not at all.</summary>
public static class SweepFiles
{
    /// <summary>What a sweep writes, in this order (checked against the output folder before the sweep runs).</summary>
    public static ImmutableArray<string> Names { get; } =
        [SweepTables.RunsFile, SweepTables.SummaryFile, SweepChart.ChartFile, SweepChart.ImageFile, SweepPage.PageFile];

    public static ImmutableArray<string> Write(SweepResult sweep, string directory, Charts.ChartSize? size = null, CancellationToken cancellationToken = default) =>
        OutputFiles.Commit(directory, Render(sweep, size), cancellationToken);

    public static ImmutableArray<(string Name, byte[] Content)> Render(SweepResult sweep, Charts.ChartSize? size = null)
    {
        var (svg, png) = SweepChart.Render(sweep, sweep.Plan.Scenario.Title, size ?? Charts.ChartSize.Default);
        return
        [
            (SweepTables.RunsFile, OutputFiles.Text(SweepTables.Runs(sweep.Plan, sweep.Figures, sweep.Runs))),
            (SweepTables.SummaryFile, OutputFiles.Text(SweepTables.Summary(sweep.Plan, sweep.Figures, sweep.Points))),
            (SweepChart.ChartFile, OutputFiles.Text(svg)),
            (SweepChart.ImageFile, png),
            (SweepPage.PageFile, OutputFiles.Text(SweepPage.Write(sweep, svg))),
        ];
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
        yield return $"{sweep.Mapped.Label}: highest {RunText.Figure(sweep.Mapped, best.Figures[figure].Mean)} at {Where(best)}, lowest {RunText.Figure(sweep.Mapped, worst.Figures[figure].Mean)} at {Where(worst)} (means over {RunText.Plural(plan.Seeds.Length, "seed")})";
        foreach (var (claim, c) in plan.Scenario.Expect.Select((e, c) => (e, c)))
        {
            int most = sweep.Points.Count(p => p.ClaimShares[c] > 0.5);
            // In words, as the run's report says it; the pattern is in the column's name (claim_N_PATTERN).
            yield return $"Claim {c + 1}, \"{ClaimSentences.For(claim, plan.Scenario.Spec)}\", shows on most seeds at {most} of {RunText.Plural(sweep.Points.Length, "grid point")}";
        }
    }
}
