namespace Simulation.Runtime;

/// <summary>Settings of a <see cref="GrainHost"/> (Orleans: <c>MessagingOptions</c> and <c>GrainCollectionOptions</c>).</summary>
public sealed class GrainHostOptions
{
    /// <summary>
    /// A call that has not completed after this long fails with <see cref="TimeoutException"/>
    /// (measured in real time, as in Orleans). <see cref="Timeout.InfiniteTimeSpan"/> disables it. Default 30 s.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation idle (no incoming call) for this long is collected. Default 15 min, on the host's <see cref="TimeProvider"/>.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 min, on the host's <see cref="TimeProvider"/>.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    internal GrainHostOptions Copy() => new()
    {
        ResponseTimeout = ResponseTimeout,
        CollectionAge = CollectionAge,
        CollectionQuantum = CollectionQuantum,
    };

    internal void Validate()
    {
        if (ResponseTimeout <= TimeSpan.Zero && ResponseTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(ResponseTimeout), ResponseTimeout, "must be positive or Timeout.InfiniteTimeSpan");
        }

        if (CollectionAge <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CollectionAge), CollectionAge, "must be positive");
        }

        if (CollectionQuantum <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CollectionQuantum), CollectionQuantum, "must be positive");
        }
    }
}
