namespace Simulation.Runtime;

/// <summary>Why an activation is being deactivated (Orleans: <c>DeactivationReasonCode</c>).</summary>
public enum DeactivationReasonCode
{
    None,
    /// <summary>The grain asked for it with <c>DeactivateOnIdle()</c>.</summary>
    ApplicationRequested,
    /// <summary>Idle for at least the collection age.</summary>
    ActivationIdle,
    /// <summary>The host is stopping.</summary>
    ShuttingDown,
}

/// <summary>Why an activation is being deactivated, with a human-readable description (Orleans: <c>DeactivationReason</c>).</summary>
public readonly struct DeactivationReason(DeactivationReasonCode code, string text)
{
    public DeactivationReasonCode ReasonCode { get; } = code;

    public string Description { get; } = text;

    public override string ToString() => $"{ReasonCode}: {Description}";
}
