using Simulation.Runtime;

namespace Simulation.Web;

/// <summary>
/// The grain host the runs live in, started on first use (so building the app stays synchronous
/// and a server nobody visits starts nothing) and stopped with the app.
/// </summary>
internal sealed class GrainAccess(Func<CancellationToken, Task<(IClusterClient Client, IAsyncDisposable? Host)>> start) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private Task<(IClusterClient Client, IAsyncDisposable? Host)>? _started;

    public async Task<IClusterClient> ClientAsync(CancellationToken ct)
    {
        Task<(IClusterClient Client, IAsyncDisposable? Host)> started;
        lock (_lock) started = _started ??= start(CancellationToken.None);
        return (await started.WaitAsync(ct)).Client;
    }

    public async ValueTask DisposeAsync()
    {
        Task<(IClusterClient Client, IAsyncDisposable? Host)>? started;
        lock (_lock) started = _started;
        if (started is null) return;
        var (_, host) = await started;
        if (host is not null) await host.DisposeAsync();
    }
}
