using System.Collections.Immutable;
using Simulation.Sweeps;

namespace Simulation.Grains;

/// <summary>
/// What a sweep sends to its workers: all its runs as one batch (<see cref="SweepDispatch"/> cuts it into the batches
/// it hands out), and how long each run is, which sets the batches' size.
/// </summary>
public sealed record SweepWork(SweepBatch All, int HoursPerRun)
{
    public ImmutableArray<SweepJob> Jobs => All.Jobs;
}

/// <summary>A sweep's results in run order (the closeness series only when asked for).</summary>
public sealed record SweepOutcome(ImmutableArray<RunFigures> Figures, ImmutableArray<ImmutableArray<double>> Closeness, int Retries);

/// <summary>
/// Hands a sweep's runs to worker grains in batches: a few batches in flight per silo, each batch a few
/// tens of thousands of simulated hours. A batch whose call fails (its silo died, a timeout) goes again to a
/// fresh worker, which Orleans places on a silo still alive. Results are kept by run, so they come out in
/// run order, the same bytes whatever silo ran what or which batch came back first; a batch run twice
/// gives the same figures (the runs are deterministic).
/// </summary>
public static class SweepDispatch
{
    /// <summary>Simulated hours per batch: a batch takes some tens of milliseconds, so progress is smooth and a lost one costs little.</summary>
    public const int HoursPerBatch = 50_000;

    /// <summary>Tries per batch before the sweep gives up (a failure that repeats is not a lost silo).</summary>
    public const int MaxAttempts = 8;

    /// <param name="silos">The cluster's silos, when the caller already asked (else this asks).</param>
    public static async Task<SweepOutcome> RunAsync(IGrainFactory grains, SweepWork work, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default, int? silos = null)
    {
        silos ??= (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;
        int slots = Math.Max(4, 4 * silos.Value);
        // Small enough that every slot gets several batches (a short sweep still uses every core), and no batch
        // holds more than about HoursPerBatch simulated hours.
        int perBatch = Math.Clamp(Math.Min(HoursPerBatch / Math.Max(1, work.HoursPerRun), (work.Jobs.Length + 8 * slots - 1) / (8 * slots)), 1, 64);
        var batches = work.Jobs.Chunk(perBatch).Select(jobs => ImmutableArray.Create(jobs)).ToArray();
        slots = Math.Min(slots, batches.Length);
        var figures = new RunFigures?[work.Jobs.Max(j => j.Run) + 1];
        var closeness = work.All.WithCloseness ? new ImmutableArray<double>[figures.Length] : [];
        string sweep = Guid.NewGuid().ToString("N");
        int next = -1, done = 0, retries = 0;

        async Task Slot(int slot)
        {
            for (int b = Interlocked.Increment(ref next); b < batches.Length; b = Interlocked.Increment(ref next))
            {
                var batch = work.All with { Jobs = batches[b] };
                for (int attempt = 1; ; attempt++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        var results = await grains.GetGrain<ISweepWorkerGrain>($"{sweep}/{slot}/{attempt}").RunAsync(batch)
                            .AsTask().WaitAsync(cancellationToken);
                        for (int i = 0; i < results.Figures.Length; i++)
                        {
                            figures[results.Figures[i].Run] = results.Figures[i];
                            if (work.All.WithCloseness) closeness[results.Figures[i].Run] = results.Closeness[i];
                        }
                        break;
                    }
                    catch (Exception) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
                    {
                        // Its silo may be gone: a moment for the cluster to notice, then a fresh worker elsewhere.
                        Interlocked.Increment(ref retries);
                        await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << Math.Min(attempt, 5))), cancellationToken);
                    }
                }
                progress?.Report(Interlocked.Add(ref done, batches[b].Length));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, slots).Select(Slot));
        var ordered = work.Jobs.Select(j => figures[j.Run] ?? throw new InvalidOperationException($"run {j.Run} came back empty")).ToImmutableArray();
        var series = work.All.WithCloseness ? [.. work.Jobs.Select(j => closeness[j.Run])] : ImmutableArray<ImmutableArray<double>>.Empty;
        return new SweepOutcome(ordered, series, retries);
    }
}
