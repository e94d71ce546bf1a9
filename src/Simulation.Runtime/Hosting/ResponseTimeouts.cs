using System.Diagnostics;
using System.Globalization;

namespace Simulation.Runtime.Hosting;

/// <summary>
/// Fails calls that outlive the response timeout, with one shared timer instead of a timer or delay per call
/// (Orleans likewise scans its callbacks periodically). Only calls that did not complete synchronously are
/// registered. All calls share one timeout, so each shard's list is in deadline order and a scan stops at the first live call.
/// </summary>
internal sealed class ResponseTimeouts : IDisposable
{
    internal sealed class Shard
    {
        public CallBase? Head;
        public CallBase? Tail;
    }

    private readonly Shard[] _shards;
    private readonly long _timeoutTicks;
    private readonly TimeSpan _timeout;
    private readonly bool _enabled;
    private ITimer? _timer;

    public ResponseTimeouts(TimeSpan timeout)
    {
        _timeout = timeout;
        _enabled = timeout != Timeout.InfiniteTimeSpan;
        _timeoutTicks = _enabled ? (long)(timeout.TotalSeconds * Stopwatch.Frequency) : 0;
        _shards = new Shard[Math.Max(4, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount * 2))];
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard();
        }
    }

    /// <summary>How often expired calls are looked for: a tenth of the timeout, between 1 ms and 1 s.</summary>
    public TimeSpan ScanPeriod => TimeSpan.FromTicks(Math.Clamp(_timeout.Ticks / 10, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond));

    public void Start()
    {
        if (_enabled && _timer is null)
        {
            // Real time, as Orleans measures response timeouts; the host's TimeProvider may be a manual clock.
            _timer = TimeProvider.System.CreateTimer(static s => ((ResponseTimeouts)s!).Scan(), this, ScanPeriod, ScanPeriod);
        }
    }

    public void Register(CallBase call)
    {
        if (!_enabled)
        {
            return;
        }

        var shard = _shards[Environment.CurrentManagedThreadId & (_shards.Length - 1)];
        call.TimeoutDeadline = Stopwatch.GetTimestamp() + _timeoutTicks;
        lock (shard)
        {
            call.TimeoutShard = shard;
            call.TimeoutPrevious = shard.Tail;
            if (shard.Tail is null)
            {
                shard.Head = call;
            }
            else
            {
                shard.Tail.TimeoutNext = call;
            }

            shard.Tail = call;
        }
    }

    public void Unregister(CallBase call)
    {
        var shard = call.TimeoutShard;
        if (shard is null)
        {
            return;
        }

        lock (shard)
        {
            if (call.TimeoutShard is null)
            {
                return;
            }

            Unlink(shard, call);
        }
    }

    private static void Unlink(Shard shard, CallBase call)
    {
        if (call.TimeoutPrevious is null)
        {
            shard.Head = call.TimeoutNext;
        }
        else
        {
            call.TimeoutPrevious.TimeoutNext = call.TimeoutNext;
        }

        if (call.TimeoutNext is null)
        {
            shard.Tail = call.TimeoutPrevious;
        }
        else
        {
            call.TimeoutNext.TimeoutPrevious = call.TimeoutPrevious;
        }

        call.TimeoutPrevious = null;
        call.TimeoutNext = null;
        call.TimeoutShard = null;
    }

    private void Scan()
    {
        var now = Stopwatch.GetTimestamp();
        List<CallBase>? expired = null;
        foreach (var shard in _shards)
        {
            lock (shard)
            {
                while (shard.Head is { } head && head.TimeoutDeadline <= now)
                {
                    Unlink(shard, head);
                    (expired ??= []).Add(head);
                }
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var call in expired)
        {
            call.Fail(new TimeoutException(string.Create(
                CultureInfo.InvariantCulture,
                $"Response did not arrive on time in {_timeout} for {call.Description}. Non-reentrant grains that call each other in a cycle wait for each other until this timeout; mark one side [Reentrant] or the method [AlwaysInterleave].")));
        }
    }


    public void Dispose() => _timer?.Dispose();
}
