namespace Simulation.Runtime.Hosting;

/// <summary>Work an activation admits as a request: a call through a reference, or a timer tick.</summary>
internal interface IActivationRequest
{
    /// <summary>May run while another request is between awaits ([Reentrant] class, [AlwaysInterleave] method, interleaving timer).</summary>
    bool Interleave { get; }

    /// <summary>Counts as activity for idle collection (incoming calls; timers only with KeepAlive).</summary>
    bool KeepsAlive { get; }

    /// <summary>Nobody waits for it any more (caller timed out, timer disposed): drop it instead of running it.</summary>
    bool IsAbandoned { get; }

    /// <summary>Runs the request in a turn of <paramref name="activation"/>; must end with <see cref="Activation.CompleteRequest"/>.</summary>
    void Run(Activation activation);

    /// <summary>The activation failed to activate: report <paramref name="exception"/> to whoever waits.</summary>
    void Fail(Exception exception);

    /// <summary>The activation deactivated before running this: deliver it to the next activation, or drop it.</summary>
    void Forward();
}

/// <summary>A call waiting for its result; links into the host's response-timeout list.</summary>
internal abstract class CallBase : IActivationRequest
{
    // Intrusive links of ResponseTimeouts: add and remove are O(1) without allocating a node.
    internal CallBase? TimeoutPrevious;
    internal CallBase? TimeoutNext;
    internal ResponseTimeouts.Shard? TimeoutShard;
    internal long TimeoutDeadline;

    protected CallBase(GrainReference reference) => Reference = reference;

    public GrainReference Reference { get; }

    public abstract bool Interleave { get; }

    public bool KeepsAlive => true;

    public abstract bool IsAbandoned { get; }

    public abstract string Description { get; }

    public abstract void Run(Activation activation);

    public abstract void Fail(Exception exception);

    public void Forward() => Reference.Forward(this);
}

/// <summary>A call whose result is not available synchronously: the caller awaits <see cref="Task"/>.</summary>
internal sealed class Call<T> : CallBase
{
    private readonly MethodInvoker<T> _invoker;
    private readonly object?[] _args;
    private readonly TaskCompletionSource<T> _completion;
    private Activation? _activation;
    private ValueTask<T> _grainResult;

    public Call(GrainReference reference, MethodInvoker<T> invoker, object?[] args)
        : base(reference)
    {
        _invoker = invoker;
        _args = args;
        // A grain caller's await posts its continuation to its own activation, so completing inline is safe and
        // saves a hop. Other callers must not run their code inside the callee's turn: complete asynchronously.
        _completion = new TaskCompletionSource<T>(
            SynchronizationContext.Current is Activation ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task<T> Task => _completion.Task;

    public override bool Interleave => _invoker.Interleave;

    public override bool IsAbandoned => _completion.Task.IsCompleted;

    public override string Description => $"{_invoker.DisplayName} on {Reference.Id}";

    public override void Run(Activation activation)
    {
        if (IsAbandoned)
        {
            // Orleans drops requests whose caller has already timed out.
            activation.CompleteRequest(this);
            return;
        }

        ValueTask<T> result;
        try
        {
            result = _invoker.Call(activation.Instance!, _args);
        }
        catch (Exception e)
        {
            result = ValueTask.FromException<T>(e);
        }

        AwaitGrain(activation, result);
    }

    /// <summary>Completes this call when the grain's result completes, releasing the activation first.</summary>
    public void AwaitGrain(Activation activation, ValueTask<T> result)
    {
        _activation = activation;
        _grainResult = result;
        if (result.IsCompleted)
        {
            OnGrainCompleted();
        }
        else
        {
            result.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(OnGrainCompleted);
        }
    }

    private void OnGrainCompleted()
    {
        _activation!.CompleteRequest(this);
        Reference.Host.Timeouts.Unregister(this);
        try
        {
            _completion.TrySetResult(_grainResult.Result);
        }
        catch (OperationCanceledException e)
        {
            _completion.TrySetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            _completion.TrySetException(e);
        }
        finally
        {
            _grainResult = default;
        }
    }

    public override void Fail(Exception exception)
    {
        Reference.Host.Timeouts.Unregister(this);
        _completion.TrySetException(exception);
    }
}
