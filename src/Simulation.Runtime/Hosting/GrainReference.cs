using System.Reflection;

namespace Simulation.Runtime.Hosting;

/// <summary>
/// A grain reference (Orleans: <c>GrainReference</c>): a <see cref="DispatchProxy"/> implementing the grain
/// interface. Creating one activates nothing; every call goes through <see cref="Invoke{T}"/>, which finds or
/// creates the activation and applies its scheduling rules. Not sealed because DispatchProxy derives from it.
/// </summary>
internal class GrainReference : DispatchProxy, IAddressable
{
    private GrainInterfaceInfo _interface = null!;

    // The activation last used; re-resolved when it has been deactivated. Spares a directory lookup per call.
    private Activation? _activation;

    public GrainHost Host { get; private set; } = null!;

    public GrainId Id { get; private set; }

    internal void Initialize(GrainHost host, GrainInterfaceInfo grainInterface, GrainId id)
    {
        Host = host;
        _interface = grainInterface;
        Id = id;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _interface.GetInvoker(targetMethod!).Invoke(this, args ?? []);

    internal object Invoke<T>(MethodInvoker<T> invoker, object?[] args)
    {
        while (true)
        {
            var activation = _activation;
            if (activation is null || activation.IsInvalid)
            {
                if (!Host.TryGetOrCreateActivation(Id, out activation, out var created, out var notRunning))
                {
                    return invoker.FromException(notRunning!);
                }

                _activation = activation;
                if (created)
                {
                    activation!.Activate();
                }
            }

            switch (activation!.TryBeginInline(invoker.Interleave))
            {
                case InlineAdmission.Admitted:
                    return RunInline(activation, invoker, args);
                case InlineAdmission.Busy:
                    var call = new Call<T>(this, invoker, args);
                    Host.Timeouts.Register(call);
                    if (activation.Enqueue(call))
                    {
                        return invoker.FromTask(call.Task);
                    }

                    Host.Timeouts.Unregister(call);
                    break;
            }

            // Invalid: it failed to activate or was deactivated meanwhile.
            if (activation.ActivationFailure is { } failure)
            {
                _activation = null;
                return invoker.FromException(failure);
            }

            _activation = null;
        }
    }

    private object RunInline<T>(Activation activation, MethodInvoker<T> invoker, object?[] args)
    {
        ValueTask<T> result;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(activation);
        try
        {
            result = invoker.Call(activation.Instance!, args);
        }
        catch (Exception e)
        {
            result = ValueTask.FromException<T>(e);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (result.IsCompleted)
        {
            activation.EndInlineTurn(invoker.Interleave, requestCompleted: true);
            return invoker.FromCompleted(result);
        }

        var call = new Call<T>(this, invoker, args);
        Host.Timeouts.Register(call);
        call.AwaitGrain(activation, result);
        activation.EndInlineTurn(invoker.Interleave, requestCompleted: false);
        return invoker.FromTask(call.Task);
    }

    /// <summary>Sends a queued call on to a fresh activation after its activation deactivated (Orleans forwards too).</summary>
    internal void Forward(CallBase call)
    {
        while (true)
        {
            if (!Host.TryGetOrCreateActivation(Id, out var activation, out var created, out var notRunning))
            {
                call.Fail(notRunning!);
                return;
            }

            _activation = activation;
            if (created)
            {
                activation!.Activate();
            }

            if (activation!.Enqueue(call))
            {
                return;
            }

            if (activation.ActivationFailure is { } failure)
            {
                call.Fail(failure);
                return;
            }
        }
    }

    public override bool Equals(object? obj) => obj is GrainReference other && Id.Equals(other.Id);

    public override int GetHashCode() => Id.GetHashCode();

    public override string ToString() => $"GrainReference:{_interface.Type.Name}/{Id}";
}
