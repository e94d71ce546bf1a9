using System.Collections.Immutable;
using Simulation.Sweeps;

namespace Simulation.Grains;

/// <summary>
/// One worker of a sweep: runs a batch of runs with the pure model (the direct runner, no partner grains)
/// and returns each run's figures, not its timeline. A sweep keeps a pool of these busy, spread over the
/// silos; activating a grain costs about as much as a four-week run, so one worker takes many batches.
/// </summary>
[Alias("couplesim.ISweepWorkerGrain")]
public interface ISweepWorkerGrain : IGrainWithStringKey
{
    /// <summary>Runs the batch's runs, in order; their figures come back in the same order.</summary>
    [Alias("Run")]
    ValueTask<SweepResults> RunAsync(SweepBatch batch);
}

/// <summary>
/// A batch of a sweep's runs. The scenario travels as its file's text, so a worker anywhere reads exactly
/// what the command read (and keeps it between batches); <see cref="BaseSets"/>, <see cref="Length"/> and
/// <see cref="BaseStretches"/> are the command's own changes (in that order), each job adds its grid point's.
/// </summary>
[GenerateSerializer, Immutable, Alias("couplesim.SweepBatch")]
public sealed record SweepBatch(
    [property: Id(0)] string ScenarioText,
    [property: Id(1)] string ScenarioPath,
    [property: Id(2)] ImmutableArray<string> BaseSets,
    [property: Id(3)] string? Length,
    [property: Id(4)] ImmutableArray<SweepJob> Jobs,
    [property: Id(5)] bool WithCloseness = false)
{
    /// <summary>The command's <c>--stretch</c> changes, applied after the length (as the command line applies them).</summary>
    [Id(6)]
    public ImmutableArray<string> BaseStretches { get; init; } = [];
}

/// <summary>One run of a batch: its place in the sweep, its grid point's changes, its seed.</summary>
[GenerateSerializer, Immutable, Alias("couplesim.SweepJob")]
public sealed record SweepJob(
    [property: Id(0)] int Run,
    [property: Id(1)] ImmutableArray<string> Sets,
    [property: Id(2)] ulong Seed);

/// <summary>The batch's figures, in job order; with each run's closeness per hour when the batch asked for it (ensemble compare).</summary>
[GenerateSerializer, Immutable, Alias("couplesim.SweepResults")]
public sealed record SweepResults(
    [property: Id(0)] ImmutableArray<RunFigures> Figures,
    [property: Id(1)] ImmutableArray<ImmutableArray<double>> Closeness);
