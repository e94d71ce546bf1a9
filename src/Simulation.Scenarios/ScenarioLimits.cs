namespace Simulation.Scenarios;

/// <summary>
/// What a scenario file may hold, so that reading one is bounded in time and memory: a hostile or
/// mistaken file costs at most a fraction of a second and a few megabytes, and the workshop page,
/// which lists every file of its folder, only marks such a file broken. The library's largest file
/// is about 2 KB with two claims; every limit is far above what a teaching scenario needs. Going
/// over one is an ordinary diagnostic (exit code 2). The README's error section lists them.
/// </summary>
public static class ScenarioLimits
{
    /// <summary>Bytes in a scenario file (256 KiB). Devices, pipes and folders are refused before reading.</summary>
    public const int MaxFileBytes = 256 * 1024;

    /// <summary>
    /// Values in a file (keys, values and list entries), counting the value an alias (<c>*name</c>)
    /// stands for each time it is used: a few lines of nested aliases cannot expand to millions.
    /// </summary>
    public const int MaxValues = 20_000;

    /// <summary>Levels of nested lists and mappings (a scenario uses four).</summary>
    public const int MaxDepth = 64;

    /// <summary>Problems shown per file; the rest are counted on one last line, "… and N more".</summary>
    public const int MaxDiagnostics = 20;

    /// <summary>Longest word for which a "did you mean" is looked for (no key, day or name is half as long).</summary>
    public const int MaxSuggestedWord = 64;

    /// <summary>Teaching claims (<c>expect:</c>) per scenario; each is checked over the whole run.</summary>
    public const int MaxClaims = 20;

    /// <summary>One-off happenings (<c>events:</c>) per scenario.</summary>
    public const int MaxEvents = 500;

    /// <summary>Interventions per scenario.</summary>
    public const int MaxInterventions = 200;

    /// <summary>Weekly schedule windows per scenario.</summary>
    public const int MaxScheduleWindows = 200;

    /// <summary>
    /// A run starts between these years: a run and the windows its claims look at (at most ten
    /// years each way) then always stay inside the calendar .NET can count.
    /// </summary>
    public const int FirstYear = 1000, LastYear = 9000;
}
