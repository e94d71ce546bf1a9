using System.Diagnostics;

namespace Simulation.Grains.Tests;

/// <summary>
/// Ctrl+C can come while a command's silo is still starting. Orleans reports a start cancelled between
/// its lifecycle stages as its own exception, which a command would report as an internal error; the
/// start must end as a cancellation wherever it is cut, and leave no silo behind.
/// </summary>
public sealed class SiloStartTests
{
    [Fact]
    public async Task A_start_cancelled_at_any_point_ends_as_a_cancellation()
    {
        await using (await SimulationCluster.StartSiloAsync()) { } // compiled once
        var whole = TimeSpan.MaxValue; // how long a start takes: the fastest seen, so the cuts fall inside one
        for (int i = 0; i < 2; i++) whole = Min(whole, await TimedStartAsync(CancellationToken.None));

        int cancelled = 0;
        for (int k = 1; k <= 8; k++)
        {
            using var cut = new CancellationTokenSource(whole * k / 9);
            try
            {
                // A start that was not cut is one more measure: a machine that got faster meanwhile is cut earlier next.
                whole = Min(whole, await TimedStartAsync(cut.Token));
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }
        }
        Assert.True(cancelled >= 2, $"only {cancelled} of 8 starts were cut (a start took {whole.TotalMilliseconds:0} ms)");

        // nothing of the cut starts is left listening: a fresh silo starts and runs
        await using var after = await SimulationCluster.StartSiloAsync();
        var run = await after.RunAsync(Couples.Make(6, 2, 2, 5.5, 1, hours: 24));
        Assert.Equal(24, run.Timeline.Length);
    }

    /// <summary>Starts a silo and stops it again; how long the start took.</summary>
    private static async Task<TimeSpan> TimedStartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var silo = await SimulationCluster.StartSiloAsync(cancellationToken: cancellationToken);
        var took = clock.Elapsed;
        await silo.DisposeAsync();
        return took;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
