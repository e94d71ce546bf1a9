using System.Runtime.ExceptionServices;

namespace Simulation.Runtime.Hosting;

internal enum ActivationState : byte
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}

internal enum InlineAdmission : byte
{
    /// <summary>The caller holds the turn and the request is admitted: run it on the caller's thread now.</summary>
    Admitted,
    /// <summary>Something runs or waits: queue the request.</summary>
    Busy,
    /// <summary>The activation is gone: resolve again.</summary>
    Invalid,
}

/// <summary>
/// One activation of a grain, and its scheduler. It keeps Orleans' two layers:
/// <list type="bullet">
/// <item>Turns: at most one thread runs code of this activation at a time. The activation is the
/// <see cref="SynchronizationContext"/> its turns run under, so a grain's awaits post their continuations
/// back here; queued turns are drained by one thread-pool work item. When nothing runs and nothing waits,
/// a call runs inline on the caller's thread (the fast path, no queueing).</item>
/// <item>Requests: a request is admitted only when no non-interleaving request is in flight, unless the request
/// itself may interleave; it then runs to completion across its awaits before the next non-interleaving one starts.</item>
/// </list>
/// All state below is guarded by <c>lock (this)</c>.
/// </summary>
internal sealed class Activation : SynchronizationContext, IThreadPoolWorkItem
{
    /// <summary>The activation whose grain is being constructed on this thread; read by <see cref="Grain"/>'s constructor.</summary>
    [ThreadStatic]
    internal static Activation? Constructing;

    // Turns drained per thread-pool work item before yielding the thread to other activations.
    private const int TurnsPerQuantum = 256;

    private static readonly SendOrPostCallback s_deactivate = static s => ((Activation)s!).RunDeactivation();

    private ActivationState _state = ActivationState.Activating;

    // True while a thread runs (or a work item is queued to run) this activation's turns. Born true: the creator
    // runs the activation turn.
    private bool _turnRunning = true;
    private bool _blocking;
    private bool _deactivateWhenIdle;
    private int _inFlight;
    private DeactivationReason _deactivationReason;
    private Queue<WorkItem>? _turns;
    private List<IActivationRequest>? _waiting;
    private List<GrainTimer>? _timers;
    private TaskCompletionSource? _deactivated;

    public Activation(GrainHost host, GrainId id)
    {
        Host = host;
        Id = id;
        LastActiveTicks = host.CoarseNowTicks;
    }

    public GrainHost Host { get; }

    public GrainId Id { get; }

    public Grain? Instance { get; private set; }

    /// <summary>Set when construction or OnActivateAsync failed; callers get this exception.</summary>
    public Exception? ActivationFailure { get; private set; }

    /// <summary>When the last incoming call (or keep-alive tick) started, in host clock ticks (at the host clock's resolution).</summary>
    public long LastActiveTicks;

    // Read without the lock: a stale answer only costs a re-check under the lock in TryBeginInline.
    public bool IsInvalid => _state == ActivationState.Invalid;

    // ---- Activation ----

    /// <summary>Constructs the grain and runs OnActivateAsync on the creating thread, which holds the first turn.</summary>
    public void Activate()
    {
        Task activation;
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            var outer = Constructing;
            Constructing = this;
            try
            {
                Instance = Id.Class.Factory();
            }
            finally
            {
                Constructing = outer;
            }

            activation = Instance.OnActivateAsync(CancellationToken.None) ?? Task.CompletedTask;
        }
        catch (Exception e)
        {
            activation = Task.FromException(e);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }

        if (activation.IsCompleted)
        {
            OnActivated(activation);
        }
        else
        {
            activation.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => OnActivated(activation));
        }

        EndTurn();
    }

    private void OnActivated(Task activation)
    {
        List<IActivationRequest>? failed = null;
        List<GrainTimer>? timers = null;
        lock (this)
        {
            if (activation.IsCompletedSuccessfully)
            {
                _state = ActivationState.Valid;
                if (_deactivateWhenIdle)
                {
                    if (_inFlight == 0)
                    {
                        StartDeactivationLocked();
                    }
                }
                else
                {
                    PumpWaitingLocked();
                }

                return;
            }

            ActivationFailure = activation.Exception?.InnerException ?? new OperationCanceledException("OnActivateAsync was cancelled.");
            _state = ActivationState.Invalid;
            failed = _waiting;
            _waiting = null;
            timers = _timers;
            _timers = null;
        }

        Host.RemoveActivation(this);
        timers?.ForEach(t => t.Stop());
        failed?.ForEach(r => r.Fail(ActivationFailure));
        _deactivated?.TrySetResult();
    }

    // ---- Request admission ----

    private bool MayAdmit(bool interleave) =>
        _state == ActivationState.Valid && !_deactivateWhenIdle && (interleave || !_blocking);

    /// <summary>Fast path: if nothing runs or waits and the request is admissible, the caller takes the turn.</summary>
    public InlineAdmission TryBeginInline(bool interleave)
    {
        lock (this)
        {
            if (_state == ActivationState.Invalid)
            {
                return InlineAdmission.Invalid;
            }

            if (_turnRunning || !MayAdmit(interleave) || (!interleave && _waiting is { Count: > 0 }))
            {
                return InlineAdmission.Busy;
            }

            _turnRunning = true;
            _inFlight++;
            _blocking |= !interleave;
            LastActiveTicks = Host.CoarseNowTicks;
            return InlineAdmission.Admitted;
        }
    }

    /// <summary>Ends the caller's inline turn; <paramref name="requestCompleted"/> when its request finished synchronously.</summary>
    public void EndInlineTurn(bool interleave, bool requestCompleted)
    {
        lock (this)
        {
            if (requestCompleted)
            {
                CompleteRequestLocked(interleave);
            }

            EndTurnLocked();
        }
    }

    /// <summary>Queues a request (admitting it at once when allowed). False if the activation is gone.</summary>
    public bool Enqueue(IActivationRequest request)
    {
        lock (this)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            // A non-interleaving request keeps its place behind those already waiting.
            if (MayAdmit(request.Interleave) && (request.Interleave || _waiting is not { Count: > 0 }))
            {
                AdmitLocked(request);
            }
            else
            {
                (_waiting ??= []).Add(request);
            }

            return true;
        }
    }

    private void AdmitLocked(IActivationRequest request)
    {
        _inFlight++;
        _blocking |= !request.Interleave;
        if (request.KeepsAlive)
        {
            LastActiveTicks = Host.CoarseNowTicks;
        }

        PostLocked(new WorkItem(null, null, request));
    }

    private void PumpWaitingLocked()
    {
        var waiting = _waiting;
        if (waiting is null)
        {
            return;
        }

        for (var i = 0; i < waiting.Count;)
        {
            var request = waiting[i];
            if (request.IsAbandoned)
            {
                waiting.RemoveAt(i);
            }
            else if (MayAdmit(request.Interleave))
            {
                waiting.RemoveAt(i);
                AdmitLocked(request);
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>A request's result completed: release the activation for the next one.</summary>
    public void CompleteRequest(IActivationRequest request)
    {
        lock (this)
        {
            CompleteRequestLocked(request.Interleave);
        }
    }

    private void CompleteRequestLocked(bool interleave)
    {
        _inFlight--;
        if (!interleave)
        {
            _blocking = false;
        }

        if (_deactivateWhenIdle)
        {
            if (_inFlight == 0 && _state == ActivationState.Valid)
            {
                StartDeactivationLocked();
            }
        }
        else if (_state == ActivationState.Valid)
        {
            PumpWaitingLocked();
        }
    }

    // ---- Turns ----

    private readonly record struct WorkItem(SendOrPostCallback? Callback, object? State, IActivationRequest? Request);

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (this)
        {
            PostLocked(new WorkItem(d, state, null));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("A grain activation runs turns asynchronously; Send would block its turn.");

    public override SynchronizationContext CreateCopy() => this;

    private void PostLocked(WorkItem item)
    {
        (_turns ??= new Queue<WorkItem>(4)).Enqueue(item);
        if (!_turnRunning)
        {
            _turnRunning = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void EndTurn()
    {
        lock (this)
        {
            EndTurnLocked();
        }
    }

    private void EndTurnLocked()
    {
        if (_turns is { Count: > 0 })
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        else
        {
            _turnRunning = false;
        }
    }

    /// <summary>Drains queued turns, one at a time, under this activation's context.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var done = 0; ; done++)
            {
                WorkItem item;
                lock (this)
                {
                    if (_turns is not { Count: > 0 })
                    {
                        _turnRunning = false;
                        return;
                    }

                    if (done == TurnsPerQuantum)
                    {
                        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                        return;
                    }

                    item = _turns.Dequeue();
                }

                try
                {
                    if (item.Request is { } request)
                    {
                        request.Run(this);
                    }
                    else
                    {
                        item.Callback!(item.State);
                    }
                }
                catch (Exception e)
                {
                    // Only async-void code in a grain throws here; surface it as .NET does for async void.
                    var captured = ExceptionDispatchInfo.Capture(e);
                    ThreadPool.UnsafeQueueUserWorkItem(static c => ((ExceptionDispatchInfo)c!).Throw(), captured);
                }
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    // ---- Timers ----

    public IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, state, options);
        lock (this)
        {
            if (_state is ActivationState.Invalid or ActivationState.Deactivating)
            {
                throw new InvalidOperationException($"{Id} is deactivating; it cannot register timers.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start(options.DueTime, options.Period);
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (this)
        {
            _timers?.Remove(timer);
        }
    }

    // ---- Deactivation ----

    public void DeactivateOnIdle() => RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>Deactivates once no request is in flight; new requests wait and then go to a fresh activation.</summary>
    public Task RequestDeactivation(DeactivationReason reason)
    {
        lock (this)
        {
            if (_state == ActivationState.Invalid)
            {
                return Task.CompletedTask;
            }

            if (!_deactivateWhenIdle)
            {
                _deactivateWhenIdle = true;
                _deactivationReason = reason;
                if (_state == ActivationState.Valid && _inFlight == 0)
                {
                    StartDeactivationLocked();
                }
            }

            return (_deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>Idle collection: deactivates if nothing is in flight or waiting and the last activity is old enough.</summary>
    public Task? TryCollect(long nowTicks, long ageTicks)
    {
        lock (this)
        {
            if (_state != ActivationState.Valid || _deactivateWhenIdle || _inFlight != 0 || _waiting is { Count: > 0 }
                || nowTicks - LastActiveTicks < ageTicks)
            {
                return null;
            }
        }

        return RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, "Idle for at least the collection age."));
    }

    private void StartDeactivationLocked()
    {
        _state = ActivationState.Deactivating;
        PostLocked(new WorkItem(s_deactivate, this, null));
    }

    private void RunDeactivation()
    {
        List<GrainTimer>? timers;
        lock (this)
        {
            timers = _timers;
            _timers = null;
        }

        timers?.ForEach(t => t.Stop());
        Task deactivation;
        try
        {
            deactivation = Instance!.OnDeactivateAsync(_deactivationReason, CancellationToken.None) ?? Task.CompletedTask;
        }
        catch (Exception e)
        {
            deactivation = Task.FromException(e);
        }

        // OnDeactivateAsync is best effort, as in Orleans: its failure does not stop the deactivation.
        if (deactivation.IsCompleted)
        {
            FinishDeactivation();
        }
        else
        {
            deactivation.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(FinishDeactivation);
        }
    }

    private void FinishDeactivation()
    {
        List<IActivationRequest>? waiting;
        TaskCompletionSource? deactivated;
        lock (this)
        {
            _state = ActivationState.Invalid;
            waiting = _waiting;
            _waiting = null;
            deactivated = _deactivated;
            // References may still point at this tombstone until their next call; don't let it keep the grain's state alive.
            Instance = null;
        }

        Host.RemoveActivation(this);
        deactivated?.TrySetResult();
        waiting?.ForEach(r => r.Forward());
    }

    public override string ToString() => $"Activation {Id} ({_state})";
}
