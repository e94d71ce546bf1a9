using System.Collections.Concurrent;

namespace Simulation.Runtime.Tests;

/// <summary>What grains report to the tests across activations (injected as a singleton).</summary>
public sealed class Journal
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public int Constructed;

    public void Write(string entry) => Entries.Enqueue(entry);
}

public sealed class Boom(string message) : Exception(message);

public interface ICounterGrain : IGrainWithStringKey
{
    ValueTask<int> GetAsync();

    ValueTask SetAsync(int value);

    /// <summary>Reads, awaits, then writes: loses updates if two increments interleave.</summary>
    ValueTask IncrementAsync();

    Task<bool> WasActivatedBeforeFirstCallAsync();

    Task DeactivateAsync();

    Task FailAsync(string message);

    Task FailSynchronouslyAsync(string message);
}

public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly Journal _journal;
    private int _value;
    private bool _activated;
    private bool _firstCallSeen;
    private bool _activatedBeforeFirstCall;

    public CounterGrain(Journal journal)
    {
        _journal = journal;
        Interlocked.Increment(ref journal.Constructed);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        _activated = true;
        _journal.Write($"activate {this.GetPrimaryKeyString()}");
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _journal.Write($"deactivate {this.GetPrimaryKeyString()} {reason.ReasonCode}");
        return Task.CompletedTask;
    }

    private void SeeCall()
    {
        if (!_firstCallSeen)
        {
            _firstCallSeen = true;
            _activatedBeforeFirstCall = _activated;
        }
    }

    public ValueTask<int> GetAsync()
    {
        SeeCall();
        return ValueTask.FromResult(_value);
    }

    public ValueTask SetAsync(int value)
    {
        SeeCall();
        _value = value;
        return ValueTask.CompletedTask;
    }

    public async ValueTask IncrementAsync()
    {
        SeeCall();
        var read = _value;
        await Task.Yield();
        _value = read + 1;
    }

    public Task<bool> WasActivatedBeforeFirstCallAsync()
    {
        SeeCall();
        return Task.FromResult(_activatedBeforeFirstCall);
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task FailAsync(string message)
    {
        await Task.Yield();
        throw new Boom(message);
    }

    public Task FailSynchronouslyAsync(string message) => throw new Boom(message);
}

/// <summary>Records entering and leaving a call that spans awaits, and how many turns ever overlapped on threads.</summary>
public interface ITurnProbe : IAddressable
{
    Task<int> WorkAsync(int id);

    [AlwaysInterleave]
    Task<int> PeekAsync();

    Task<int> NormalAsync();

    Task HoldAsync();

    [AlwaysInterleave]
    Task ReleaseAsync();

    Task<string[]> LogAsync();

    Task<int> MaxThreadsInsideAsync();

    Task<int> MaxRequestsInsideAsync();
}

public interface IPlainProbeGrain : ITurnProbe, IGrainWithIntegerKey;

public interface IReentrantProbeGrain : ITurnProbe, IGrainWithIntegerKey;

public abstract class TurnProbeGrain : Grain
{
    private readonly List<string> _log = [];
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _threadsInside;
    private int _maxThreadsInside;
    private int _requestsInside;
    private int _maxRequestsInside;

    // Marks a synchronous stretch of a turn and widens it so that two threads in one activation would be seen.
    private void Sync(string entry)
    {
        var inside = Interlocked.Increment(ref _threadsInside);
        _maxThreadsInside = Math.Max(_maxThreadsInside, inside);
        _log.Add(entry);
        Thread.SpinWait(20_000);
        Interlocked.Decrement(ref _threadsInside);
    }

    public async Task<int> WorkAsync(int id)
    {
        _requestsInside++;
        _maxRequestsInside = Math.Max(_maxRequestsInside, _requestsInside);
        Sync($"enter {id}");
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(1);
            Sync($"step {id}");
        }

        Sync($"exit {id}");
        _requestsInside--;
        return id;
    }

    public Task<int> PeekAsync() => Task.FromResult(_requestsInside);

    public Task<int> NormalAsync() => Task.FromResult(_requestsInside);

    public async Task HoldAsync()
    {
        _requestsInside++;
        await _gate.Task;
        _requestsInside--;
    }

    public Task ReleaseAsync()
    {
        _gate.TrySetResult();
        _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        return Task.CompletedTask;
    }

    public Task<string[]> LogAsync() => Task.FromResult(_log.ToArray());

    public Task<int> MaxThreadsInsideAsync() => Task.FromResult(_maxThreadsInside);

    public Task<int> MaxRequestsInsideAsync() => Task.FromResult(_maxRequestsInside);
}

public sealed class PlainProbeGrain : TurnProbeGrain, IPlainProbeGrain;

[Reentrant]
public sealed class ReentrantProbeGrain : TurnProbeGrain, IReentrantProbeGrain;

/// <summary>A → B → A: Ping calls the other's Pong, which calls back the first's Ack.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<string> PingAsync(IPongGrain other);

    Task<string> AckAsync();
}

public interface IPongGrain : IGrainWithStringKey
{
    Task<string> PongAsync(IPingGrain caller);
}

public interface IPlainPingGrain : IPingGrain;

public interface IReentrantPingGrain : IPingGrain;

public sealed class PingGrain : Grain, IPlainPingGrain
{
    public async Task<string> PingAsync(IPongGrain other) => "ping>" + await other.PongAsync(this.AsReference<IPlainPingGrain>());

    public Task<string> AckAsync() => Task.FromResult("ack");
}

public sealed class PongGrain : Grain, IPongGrain
{
    public async Task<string> PongAsync(IPingGrain caller) => "pong>" + await caller.AckAsync();
}

[Reentrant]
public sealed class ReentrantPingGrain : Grain, IReentrantPingGrain
{
    public async Task<string> PingAsync(IPongGrain other) => "ping>" + await other.PongAsync(this.AsReference<IReentrantPingGrain>());

    public Task<string> AckAsync() => Task.FromResult("ack");
}

public interface ITickerGrain : IGrainWithGuidKey
{
    Task StartAsync(bool holdTicks, bool keepAlive = false);

    Task<int> TicksAsync();

    Task<int> MaxOverlapAsync();

    [AlwaysInterleave]
    Task ReleaseTickAsync();

    Task StopTimerAsync();

    Task DeactivateAsync();
}

public sealed class TickerGrain(Journal journal) : Grain, ITickerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _inside;
    private int _maxOverlap;
    private bool _holdTicks;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task StartAsync(bool holdTicks, bool keepAlive = false)
    {
        _holdTicks = holdTicks;
        _timer = RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        _inside++;
        _maxOverlap = Math.Max(_maxOverlap, _inside);
        _ticks++;
        journal.Write($"tick {this.GetPrimaryKey():N}");
        if (_holdTicks)
        {
            await _release.Task;
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _inside--;
    }

    public Task<int> TicksAsync() => Task.FromResult(_ticks);

    public Task<int> MaxOverlapAsync() => Task.FromResult(_maxOverlap);

    public Task ReleaseTickAsync()
    {
        _release.TrySetResult();
        return Task.CompletedTask;
    }

    public Task StopTimerAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public interface IEchoGrain : IGrainWithIntegerKey
{
    ValueTask<long> EchoAsync(long value);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public ValueTask<long> EchoAsync(long value) => ValueTask.FromResult(value + this.GetPrimaryKeyLong());
}

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<int> GetAsync();
}

public sealed class FailingActivationGrain(Journal journal) : Grain, IFailingActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        journal.Write("failing activation");
        throw new Boom("cannot activate");
    }

    public Task<int> GetAsync() => Task.FromResult(1);
}
