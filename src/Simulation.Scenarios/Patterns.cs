using System.Collections.Immutable;

namespace Simulation.Scenarios;

/// <summary>How an expectation argument is written and checked.</summary>
internal enum ArgKind
{
    /// <summary>A partner id of the scenario.</summary>
    Partner,
    /// <summary>A number within the argument's range.</summary>
    Number,
    /// <summary>A whole number within the argument's range.</summary>
    Count,
    /// <summary>A duration such as <c>72h</c> or <c>1w</c> (zero allowed only where Min is 0).</summary>
    Duration,
    /// <summary>A local time inside the run such as <c>2026-03-21T09:00</c>.</summary>
    Time,
    /// <summary>A day name mon..sun.</summary>
    Day,
    /// <summary>A clock time "HH:MM".</summary>
    Clock,
    /// <summary>true or false.</summary>
    Bool,
}

internal sealed record ArgSpec(string Name, ArgKind Kind, string? Default = null,
    double Min = double.NegativeInfinity, double Max = double.PositiveInfinity);

/// <summary>
/// A pattern an <c>expect:</c> entry can claim: its arguments, those required, groups of which
/// exactly one must be given, and groups of which at most one may be given.
/// </summary>
internal sealed record PatternSpec(
    string Name, ImmutableArray<ArgSpec> Args, ImmutableArray<string> Required,
    ImmutableArray<ImmutableArray<string>> ExactlyOne, ImmutableArray<ImmutableArray<string>> AtMostOne)
{
    public ArgSpec? Arg(string name) => Args.FirstOrDefault(a => a.Name == name);
}

/// <summary>The patterns Expectations can detect, and their arguments (checked at load time).</summary>
internal static class Patterns
{
    /// <summary>Arguments every pattern takes: <c>holds: false</c> claims the pattern does not show; from/until narrow the window.</summary>
    private static readonly ArgSpec[] Common =
    [
        new("holds", ArgKind.Bool, "true"),
        new("from", ArgKind.Time),
        new("until", ArgKind.Time),
    ];

    public static readonly ImmutableArray<PatternSpec> All =
    [
        Make("pursue-withdraw", ["pursuer", "distancer"],
            new("pursuer", ArgKind.Partner), new("distancer", ArgKind.Partner),
            new("max_correlation", ArgKind.Number, "-0.5", -1, 1),
            new("max_positive_share", ArgKind.Number, null, 0, 1)),
        Make("stable", [],
            new("max_sd", ArgKind.Number, "0.03", 0, 1),
            new("max_bids_per_week", ArgKind.Number, "10", 0, 10000)),
        Make("awakening", ["who", "at"],
            new("who", ArgKind.Partner), new("at", ArgKind.Time),
            new("ratio", ArgKind.Number, "5", 0, 1000)),
        Make("mutual-withdrawal-alternation", [],
            new("within", ArgKind.Duration, "72h", 1, double.PositiveInfinity),
            new("min_switches", ArgKind.Count, "3", 1, 100000)),
        Make("earned-security", ["who"],
            new("who", ArgKind.Partner),
            new("min_drop", ArgKind.Number, "0.5", 0, 6)),
        Make("de-escalation", ["at"],
            new("at", ArgKind.Time),
            new("window", ArgKind.Duration, "1w", 1, double.PositiveInfinity),
            new("settle", ArgKind.Duration, "0h", 0, double.PositiveInfinity)),
        Make("persistence", ["who"],
            new("who", ArgKind.Partner),
            new("min_exponent", ArgKind.Number, "0.8", -10, 10)),
        Make("positive-share", [],
            new("min", ArgKind.Number, null, 0, 1), new("max", ArgKind.Number, null, 0, 1))
            with { ExactlyOne = [["min", "max"]] },
        Make("approach-avoid-switching", ["who"],
            new("who", ArgKind.Partner),
            new("within", ArgKind.Duration, "3h", 1, double.PositiveInfinity),
            new("min_per_week", ArgKind.Number, null, 0, 1000), new("max_per_week", ArgKind.Number, null, 0, 1000))
            with { AtMostOne = [["min_per_week", "max_per_week"]] },
        Make("withdraws-after", ["who", "day", "time"],
            new("who", ArgKind.Partner), new("day", ArgKind.Day), new("time", ArgKind.Clock),
            new("within", ArgKind.Duration, "4h", 1, double.PositiveInfinity),
            new("min_share", ArgKind.Number, "0.75", 0, 1)),
        Make("weekly-episode", ["who", "day", "time"],
            new("who", ArgKind.Partner), new("day", ArgKind.Day), new("time", ArgKind.Clock),
            new("within", ArgKind.Duration, "30h", 1, 167),
            new("ratio", ArgKind.Number, "3", 0, 1000),
            new("peak_share", ArgKind.Number, "0.75", 0, 1)),
        Make("no-escalation", ["who"],
            new("who", ArgKind.Partner),
            new("max_growth", ArgKind.Number, "1.5", 0, 1000)),
        Make("close-weekends", ["who"],
            new("who", ArgKind.Partner),
            new("min_closeness", ArgKind.Number, "0.6", 0, 1),
            new("max_weekend_withdrawn", ArgKind.Number, "0.15", 0, 1),
            new("max_evening_withdrawn", ArgKind.Number, "0.4", 0, 1)),
        Make("missed-call-scene", ["who"],
            new("who", ArgKind.Partner), new("day", ArgKind.Day, "mon"),
            new("min_share", ArgKind.Number, "0.75", 0, 1),
            new("min_refused_share", ArgKind.Number, "0.5", 0, 1)),
        Make("protest-tones", ["who"],
            new("who", ArgKind.Partner),
            new("min_share", ArgKind.Number, "0.2", 0, 0.5)),
        Make("gradual-change", ["who", "at"],
            new("who", ArgKind.Partner), new("at", ArgKind.Time),
            new("window", ArgKind.Duration, "2w", 1, double.PositiveInfinity),
            new("settle", ArgKind.Duration, "24h", 0, double.PositiveInfinity),
            new("min_kept", ArgKind.Number, "0.5", 0, 10)),
    ];

    public static PatternSpec? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    private static PatternSpec Make(string name, string[] required, params ArgSpec[] args) =>
        new(name, [.. args, .. Common], [.. required], [], []);
}
