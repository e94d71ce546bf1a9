namespace Simulation.Runtime.Hosting;

/// <summary>
/// A grain timer (Orleans: <c>GrainTimer</c>). Each tick is delivered to the activation as a request, so it
/// takes turns like calls do. The underlying <see cref="ITimer"/> is one-shot and re-armed only after the
/// tick's callback completes, so the period counts from completion and ticks never overlap.
/// </summary>
internal sealed class GrainTimer : IGrainTimer, IActivationRequest
{
    private readonly Activation _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly CancellationTokenSource _stopped = new();
    private readonly ITimer _timer;
    private readonly Action _onTickCompleted;
    private TimeSpan _period;
    private int _tickPending;
    private volatile bool _disposed;

    public GrainTimer(Activation activation, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _state = state;
        Interleave = options.Interleave || activation.Id.Class.Reentrant;
        KeepsAlive = options.KeepAlive;
        _onTickCompleted = OnTickCompleted;
        _timer = activation.Host.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool Interleave { get; }

    public bool KeepsAlive { get; }

    public bool IsAbandoned => _disposed;

    internal void Start(TimeSpan dueTime, TimeSpan period)
    {
        _period = period;
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        ObjectDisposedException.ThrowIf(_disposed, this);
        Start(dueTime, period);
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "must be zero or positive, or Timeout.InfiniteTimeSpan");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "must be positive, or Timeout.InfiniteTimeSpan");
        }
    }

    private void OnDue()
    {
        // A tick already waiting or running absorbs this one (possible only after Change): ticks never overlap.
        if (_disposed || Interlocked.Exchange(ref _tickPending, 1) == 1)
        {
            return;
        }

        if (!_activation.Enqueue(this))
        {
            Volatile.Write(ref _tickPending, 0);
        }
    }

    public void Run(Activation activation)
    {
        if (_disposed)
        {
            OnTickCompleted();
            return;
        }

        Task tick;
        try
        {
            tick = _callback(_state, _stopped.Token) ?? Task.CompletedTask;
        }
        catch (Exception e)
        {
            tick = Task.FromException(e);
        }

        // A failing tick does not stop the timer (Orleans logs it and keeps ticking).
        if (tick.IsCompleted)
        {
            OnTickCompleted();
        }
        else
        {
            tick.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onTickCompleted);
        }
    }

    private void OnTickCompleted()
    {
        _activation.CompleteRequest(this);
        Volatile.Write(ref _tickPending, 0);
        if (!_disposed && _period != Timeout.InfiniteTimeSpan)
        {
            try
            {
                _timer.Change(_period, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed between the check and the change: nothing more to schedule.
            }
        }
    }

    public void Fail(Exception exception) => Volatile.Write(ref _tickPending, 0);

    /// <summary>Ticks are not forwarded: the timer belonged to the old activation.</summary>
    public void Forward()
    {
    }

    /// <summary>Stops the timer without touching the activation's list (the activation is deactivating).</summary>
    internal void Stop()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _timer.Dispose();
        _stopped.Cancel();
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }
}
