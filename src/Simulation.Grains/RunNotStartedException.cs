namespace Simulation.Grains;

/// <summary>
/// A call reached a couple grain that holds no run: never started, released, or collected by Orleans after
/// being idle (its state went with the activation). Callers such as the workshop page answer "no such run".
/// </summary>
[GenerateSerializer, Alias("couplesim.RunNotStartedException")]
public sealed class RunNotStartedException : Exception
{
    public RunNotStartedException() { }

    public RunNotStartedException(string runId)
        : base($"run {runId} was not started (or was released)") => RunId = runId;

    public RunNotStartedException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The run id (the couple grain's key).</summary>
    [Id(0)]
    public string RunId { get; init; } = "";
}
