using Simulation.Runtime.Hosting;

namespace Simulation.Runtime;

/// <summary>
/// Base class of grain implementations (Orleans: <c>Grain</c>). The host creates one instance per
/// activation and only ever calls it through grain references, one turn at a time.
/// </summary>
public abstract class Grain
{
    private readonly Activation? _activation;

    /// <summary>Binds to the activation the host is constructing on this thread, as Orleans' <c>Grain()</c> reads <c>RuntimeContext.Current</c>.</summary>
    protected Grain() => _activation = Activation.Constructing;

    internal Activation Activation =>
        _activation ?? throw new InvalidOperationException(
            $"{GetType().Name} was not created by a grain host; get it with GetGrain<T>() and call it through the reference.");

    /// <summary>Makes references to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.Host.Client;

    /// <summary>"Type/key" of this activation, for logs and messages.</summary>
    public string IdentityString => Activation.Id.ToString();

    /// <summary>Runs before the first request of this activation is delivered.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation is deactivated (best effort); in-memory state is dropped afterwards.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once its running requests complete; the next call activates afresh.</summary>
    protected void DeactivateOnIdle() => Activation.DeactivateOnIdle();

    /// <summary>
    /// Starts a timer that delivers ticks to this activation as turns, on the host's <see cref="TimeProvider"/>.
    /// The period counts from the completion of a tick, so ticks never overlap. Stops on deactivation.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(static (s, ct) => ((Func<CancellationToken, Task>)s!)(ct), callback, options);
    }

    /// <inheritdoc cref="RegisterGrainTimer(Func{CancellationToken, Task}, GrainTimerCreationOptions)"/>
    protected IGrainTimer RegisterGrainTimer(Func<Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(static (s, _) => ((Func<Task>)s!)(), callback, options);
    }

    /// <inheritdoc cref="RegisterGrainTimer(Func{CancellationToken, Task}, GrainTimerCreationOptions)"/>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(
            static (s, ct) =>
            {
                var (cb, st) = ((Func<TState, CancellationToken, Task>, TState))s!;
                return cb(st, ct);
            },
            (callback, state),
            options);
    }

    /// <inheritdoc cref="RegisterGrainTimer(Func{CancellationToken, Task}, GrainTimerCreationOptions)"/>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));
}

/// <summary>Identity helpers for grains and grain references (Orleans: <c>GrainExtensions</c>).</summary>
public static class GrainExtensions
{
    /// <summary>The string key of a grain (inside the grain: <c>this.GetPrimaryKeyString()</c>) or of a reference.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => IdOf(grain).GetStringKey();

    /// <summary>The integer key of a grain or of a reference.</summary>
    public static long GetPrimaryKeyLong(this IAddressable grain) => IdOf(grain).GetIntegerKey();

    /// <summary>The GUID key of a grain or of a reference.</summary>
    public static Guid GetPrimaryKey(this IAddressable grain) => IdOf(grain).GetGuidKey();

    /// <summary>
    /// A reference to this grain typed as <typeparamref name="TGrainInterface"/>, to hand to other grains
    /// (never pass <c>this</c>: calls must go through references).
    /// </summary>
    public static TGrainInterface AsReference<TGrainInterface>(this IAddressable grain)
        where TGrainInterface : IAddressable
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain switch
        {
            Grain g => g.Activation.Host.CreateReference<TGrainInterface>(g.Activation.Id),
            GrainReference r => r.Host.CreateReference<TGrainInterface>(r.Id),
            _ => throw new ArgumentException($"{grain.GetType().Name} is neither a grain nor a grain reference.", nameof(grain)),
        };
    }

    private static GrainId IdOf(IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain switch
        {
            Grain g => g.Activation.Id,
            GrainReference r => r.Id,
            _ => throw new ArgumentException($"{grain.GetType().Name} is neither a grain nor a grain reference.", nameof(grain)),
        };
    }
}
