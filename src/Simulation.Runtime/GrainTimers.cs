namespace Simulation.Runtime;

/// <summary>A timer belonging to one activation (Orleans: <c>IGrainTimer</c>). Dispose to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>
    /// Changes when the timer next fires and its period. <see cref="Timeout.InfiniteTimeSpan"/> as
    /// <paramref name="dueTime"/> stops it; as <paramref name="period"/> makes it fire once.
    /// </summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}

/// <summary>How a grain timer behaves (Orleans: <c>GrainTimerCreationOptions</c>).</summary>
public readonly struct GrainTimerCreationOptions()
{
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period) : this()
    {
        DueTime = dueTime;
        Period = period;
    }

    /// <summary>Delay before the first tick; <see cref="Timeout.InfiniteTimeSpan"/> keeps the timer stopped.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>
    /// Time from the completion of one tick's callback to the next tick (so ticks never overlap);
    /// <see cref="Timeout.InfiniteTimeSpan"/> fires once.
    /// </summary>
    public TimeSpan Period { get; init; }

    /// <summary>Whether ticks may interleave with requests at awaits. Default: no, a tick is a turn like any request.</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether ticks count as activity and so keep the activation from idle collection. Default: no.</summary>
    public bool KeepAlive { get; init; }
}
