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
        var clock = Stopwatch.StartNew();
        var first = await SimulationCluster.StartSiloAsync();
        var whole = clock.Elapsed;
        await first.DisposeAsync();

        int cancelled = 0;
        for (int k = 1; k <= 8; k++)
        {
            using var cut = new CancellationTokenSource(whole * k / 9);
            try
            {
                await using var silo = await SimulationCluster.StartSiloAsync(cancellationToken: cut.Token);
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
}
