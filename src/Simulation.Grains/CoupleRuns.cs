using Simulation.Model;

namespace Simulation.Grains;

/// <summary>Whole runs through the grains, from whatever can reach them (a silo's client, a test cluster's, a grain).</summary>
public static class CoupleRuns
{
    /// <summary>Hours per step call: a week, so a long run reports progress and no call holds the couple for long.</summary>
    public const int Chunk = 24 * 7;

    /// <summary>Runs a couple from start to end through a fresh couple grain and its partners, then releases them.</summary>
    /// <param name="progress">Receives the number of hours simulated so far, after each week.</param>
    public static async Task<RunResult> RunAsync(this IGrainFactory grains, CoupleSpec spec, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var couple = grains.GetGrain<ICoupleGrain>(NewRunId());
        await couple.StartAsync(spec);
        try
        {
            for (int done = 0; done < spec.Hours; done += Chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await couple.StepAsync(Chunk);
                progress?.Report(Math.Min(spec.Hours, done + Chunk));
            }
            return await couple.GetResultAsync();
        }
        finally
        {
            await couple.ReleaseAsync();
        }
    }

    /// <summary>A fresh run id, unique across every process that uses the same silo.</summary>
    public static string NewRunId() => "run-" + Guid.NewGuid().ToString("N");
}
