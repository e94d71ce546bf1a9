using System.Collections.Concurrent;
using Simulation.Runtime.Hosting;

namespace Simulation.Runtime;

/// <summary>
/// An in-process grain host with Orleans' programming model (Orleans: a silo plus its cluster client):
/// virtual activation on first call, one turn at a time per activation, response timeouts, timers and
/// idle collection. Build it with <see cref="GrainHostBuilder"/>, start it, call grains via <see cref="Client"/>.
/// </summary>
public sealed class GrainHost : IAsyncDisposable
{
    private const int Created = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly Dictionary<Type, GrainInterfaceInfo> _interfaces;
    private readonly Dictionary<Type, List<Type>> _ambiguous;
    private ITimer? _collectionTimer;
    private ITimer? _clockTimer;
    private int _status;

    internal GrainHost(
        GrainHostOptions options,
        TimeProvider timeProvider,
        Dictionary<Type, GrainInterfaceInfo> interfaces,
        Dictionary<Type, List<Type>> ambiguous)
    {
        Options = options;
        TimeProvider = timeProvider;
        _interfaces = interfaces;
        _ambiguous = ambiguous;
        Timeouts = new ResponseTimeouts(options.ResponseTimeout);
        Client = new ClusterClient(this);
        CoarseNowTicks = timeProvider.GetUtcNow().UtcTicks;
    }

    /// <summary>Makes grain references (Orleans: <c>IClusterClient</c>).</summary>
    public IClusterClient Client { get; }

    /// <summary>The clock of timers and idle collection.</summary>
    public TimeProvider TimeProvider { get; }

    private GrainHostOptions Options { get; }

    /// <summary>A copy of the options the host was built with (changing it has no effect).</summary>
    public GrainHostOptions GetOptions() => Options.Copy();

    /// <summary>Number of live activations (diagnostics and tests).</summary>
    public int ActivationCount => _activations.Count;

    internal ResponseTimeouts Timeouts { get; }

    /// <summary>
    /// The host clock, read at most <see cref="ClockResolution"/> ago; stamped on activity so that the call path never
    /// reads the clock. An activation may therefore be collected up to that much early.
    /// </summary>
    internal long CoarseNowTicks;

    private TimeSpan ClockResolution => Options.CollectionQuantum < TimeSpan.FromSeconds(1) ? Options.CollectionQuantum : TimeSpan.FromSeconds(1);

    /// <summary>Starts accepting calls, the response-timeout scan and idle collection.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _status, Running, Created) != Created)
        {
            throw new InvalidOperationException("The grain host was already started.");
        }

        RefreshClock();
        Timeouts.Start();
        _clockTimer = TimeProvider.CreateTimer(static s => ((GrainHost)s!).RefreshClock(), this, ClockResolution, ClockResolution);
        _collectionTimer = TimeProvider.CreateTimer(
            static s => ((GrainHost)s!).CollectOnQuantum(), this, Options.CollectionQuantum, Options.CollectionQuantum);
        return Task.CompletedTask;
    }

    /// <summary>Deactivates every activation (OnDeactivateAsync, reason ShuttingDown) and stops accepting calls.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _status, Stopped) != Running)
        {
            return;
        }

        _collectionTimer?.Dispose();
        _clockTimer?.Dispose();
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The grain host is stopping.");
        var deactivations = _activations.Values.Select(a => a.RequestDeactivation(reason)).ToList();
        try
        {
            // Requests stuck in a call cycle would hold their activations; give them one response timeout at most.
            var limit = Options.ResponseTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(30) : Options.ResponseTimeout;
            await Task.WhenAll(deactivations).WaitAsync(limit, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Best effort, as Orleans' shutdown: activations still busy are abandoned.
        }
        finally
        {
            Timeouts.Dispose();
        }
    }

    /// <summary>"Collect now": deactivates activations idle for at least <see cref="GrainHostOptions.CollectionAge"/>. Returns how many.</summary>
    public Task<int> CollectIdleActivationsAsync() => CollectIdleActivationsAsync(Options.CollectionAge);

    /// <summary>Deactivates activations idle (nothing running or waiting) for at least <paramref name="ageLimit"/> on the host clock; TimeSpan.Zero takes every idle one.</summary>
    public async Task<int> CollectIdleActivationsAsync(TimeSpan ageLimit)
    {
        var deactivations = Collect(ageLimit);
        await Task.WhenAll(deactivations).ConfigureAwait(false);
        return deactivations.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _status) == Running)
        {
            await StopAsync().ConfigureAwait(false);
        }
        else
        {
            Interlocked.Exchange(ref _status, Stopped);
            Timeouts.Dispose();
        }
    }

    private void CollectOnQuantum() => Collect(Options.CollectionAge);

    private List<Task> Collect(TimeSpan ageLimit)
    {
        var now = RefreshClock();
        var deactivations = new List<Task>();
        foreach (var activation in _activations.Values)
        {
            if (activation.TryCollect(now, ageLimit.Ticks) is { } deactivation)
            {
                deactivations.Add(deactivation);
            }
        }

        return deactivations;
    }

    private long RefreshClock()
    {
        var now = TimeProvider.GetUtcNow().UtcTicks;
        Volatile.Write(ref CoarseNowTicks, now);
        return now;
    }

    internal bool TryGetOrCreateActivation(GrainId id, out Activation? activation, out bool created, out Exception? notRunning)
    {
        created = false;
        notRunning = null;
        if (_activations.TryGetValue(id, out activation))
        {
            return true;
        }

        if (Volatile.Read(ref _status) != Running)
        {
            notRunning = new InvalidOperationException(
                _status == Created ? "The grain host is not started; call StartAsync (or DeployAsync) first." : "The grain host has stopped.");
            return false;
        }

        var fresh = new Activation(this, id);
        activation = _activations.GetOrAdd(id, fresh);
        created = ReferenceEquals(activation, fresh);
        return true;
    }

    internal void RemoveActivation(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation));

    internal TGrainInterface CreateReference<TGrainInterface>(GrainId id)
    {
        var info = InterfaceInfo(typeof(TGrainInterface));
        if (!ReferenceEquals(info.Class, id.Class))
        {
            throw new InvalidOperationException(
                $"{id} is a {id.Class.Type.Name}; {typeof(TGrainInterface).Name} is implemented by {info.Class.Type.Name}.");
        }

        return CreateReference<TGrainInterface>(info, id);
    }

    internal TGrainInterface CreateReference<TGrainInterface>(GrainInterfaceInfo info, GrainId id)
    {
        var reference = info.CreateProxy();
        reference.Initialize(this, info, id);
        return (TGrainInterface)(object)reference;
    }

    internal GrainInterfaceInfo InterfaceInfo(Type grainInterface)
    {
        if (_interfaces.TryGetValue(grainInterface, out var info))
        {
            return info;
        }

        if (_ambiguous.TryGetValue(grainInterface, out var implementers))
        {
            throw new InvalidOperationException(
                $"{grainInterface.Name} is implemented by several grain classes ({string.Join(", ", implementers.Select(t => t.Name))}); ask for a more specific interface.");
        }

        throw new ArgumentException(
            $"No grain class implementing {grainInterface.Name} is registered; call AddGrain<T>() or AddGrainsFromAssembly(...).");
    }

    private sealed class ClusterClient(GrainHost host) : IClusterClient
    {
        public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
            where TGrainInterface : IGrainWithStringKey
        {
            ArgumentNullException.ThrowIfNull(primaryKey);
            var info = host.InterfaceInfo(typeof(TGrainInterface));
            return host.CreateReference<TGrainInterface>(info, GrainId.ForString(info.Class, primaryKey));
        }

        public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
            where TGrainInterface : IGrainWithIntegerKey
        {
            var info = host.InterfaceInfo(typeof(TGrainInterface));
            return host.CreateReference<TGrainInterface>(info, GrainId.ForInteger(info.Class, primaryKey));
        }

        public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
            where TGrainInterface : IGrainWithGuidKey
        {
            var info = host.InterfaceInfo(typeof(TGrainInterface));
            return host.CreateReference<TGrainInterface>(info, GrainId.ForGuid(info.Class, primaryKey));
        }
    }
}
