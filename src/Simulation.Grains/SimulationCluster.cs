using Simulation.Model;
using Simulation.Runtime;

namespace Simulation.Grains;

/// <summary>
/// The grain host with the couple and partner grains deployed: how the CLI, the web page and the
/// tests run couples. Every run goes through a <see cref="ICoupleGrain"/>.
/// </summary>
public sealed class SimulationCluster : IAsyncDisposable
{
    private readonly GrainHost _host;
    private long _runs;

    private SimulationCluster(GrainHost host) => _host = host;

    public static async Task<SimulationCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var host = new GrainHostBuilder().AddGrainsFromAssembly(typeof(CoupleGrain).Assembly).Build();
        await host.StartAsync(cancellationToken);
        return new SimulationCluster(host);
    }

    public IClusterClient Client => _host.Client;

    /// <summary>A fresh run id, unique within this cluster.</summary>
    public string NewRunId() => "run-" + Interlocked.Increment(ref _runs).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs a couple from start to end through the grains and releases them.</summary>
    /// <param name="progress">Receives the number of hours simulated so far, now and then.</param>
    public async Task<RunResult> RunAsync(CoupleSpec spec, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var couple = Client.GetGrain<ICoupleGrain>(NewRunId());
        await couple.StartAsync(spec);
        try
        {
            const int chunk = 24 * 7;
            for (int done = 0; done < spec.Hours; done += chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await couple.StepAsync(chunk);
                progress?.Report(Math.Min(spec.Hours, done + chunk));
            }
            return await couple.GetResultAsync();
        }
        finally
        {
            await couple.ReleaseAsync();
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
