using System.Collections.Immutable;
using Orleans.Placement;
using Simulation.Model;
using Simulation.Scenarios;
using Simulation.Sweeps;

namespace Simulation.Grains;

/// <inheritdoc cref="ISweepWorkerGrain"/>
[RandomPlacement] // a sweep's workers spread evenly over the silos (the default bunches client-called grains)
[GrainType("sweep-worker")]
public sealed class SweepWorkerGrain : Grain, ISweepWorkerGrain
{
    // The scenario of the last batch, read once per silo: a sweep sends every batch the same text, to several
    // workers at once, and reading it (1.8 ms) cost each of them as much as a few runs. Immutable, so shared.
    private sealed record ReadScenario(SweepBatch Batch, Scenario Scenario);

    private static ReadScenario? s_last;

    public ValueTask<SweepResults> RunAsync(SweepBatch batch)
    {
        var scenario = Read(batch);
        // A run's hours are read into its figures and dropped, so the batch's runs share one set of buffers, each
        // run writing over the last. Per batch, not per grain: an idle worker would keep its longest run's hours
        // until collected. Safe because a batch runs start to end in this synchronous call.
        var buffers = new RunBuffers();
        var figures = ImmutableArray.CreateBuilder<RunFigures>(batch.Jobs.Length);
        var closeness = ImmutableArray.CreateBuilder<ImmutableArray<double>>(batch.WithCloseness ? batch.Jobs.Length : 0);
        foreach (var job in batch.Jobs)
        {
            var run = ScenarioChanges.WithSeed(ScenarioChanges.WithSets(scenario, job.Sets), job.Seed);
            var (runFigures, series) = CoupleSimulation.Run(run.Spec, buffers, result => (
                RunFigures.Of(job.Run, run, result),
                batch.WithCloseness ? [.. Enumerable.Range(0, result.Timeline.Length).Select(result.Timeline.Closeness)] : ImmutableArray<double>.Empty));
            figures.Add(runFigures);
            if (batch.WithCloseness) closeness.Add(series);
        }
        return ValueTask.FromResult(new SweepResults(figures.MoveToImmutable(), closeness.ToImmutable()));
    }

    private static Scenario Read(SweepBatch batch)
    {
        if (Volatile.Read(ref s_last) is { } last && last.Batch.ScenarioText == batch.ScenarioText && last.Batch.ScenarioPath == batch.ScenarioPath
            && last.Batch.BaseSets.SequenceEqual(batch.BaseSets) && last.Batch.Length == batch.Length
            && last.Batch.BaseStretches.SequenceEqual(batch.BaseStretches))
            return last.Scenario;
        var scenario = ScenarioChanges.WithChanges(ScenarioLoader.Parse(batch.ScenarioText, batch.ScenarioPath),
            batch.BaseSets, batch.Length, batch.BaseStretches);
        Volatile.Write(ref s_last, new ReadScenario(batch, scenario));
        return scenario;
    }
}
