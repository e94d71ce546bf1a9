using System.Collections.Immutable;

namespace Simulation.Model;

/// <summary>When the attachment wound happened. Earlier wounds give stronger reactions (Hendrix).</summary>
public enum Wound { Early, Late }

/// <summary>One partner as a scenario describes them: ECR-R scores (1–7) and wound timing.</summary>
/// <param name="Id">Stable id ([a-z0-9-]+); seeds this partner's random stream.</param>
/// <param name="Name">Display name.</param>
/// <param name="Anxiety">ECR-R anxiety, 1–7.</param>
/// <param name="Avoidance">ECR-R avoidance, 1–7.</param>
/// <param name="Wound">Wound timing.</param>
public sealed record PartnerSpec(string Id, string Name, double Anxiety, double Avoidance, Wound Wound = Wound.Late)
{
    /// <summary>Derived parameters set by hand (what-if experiments), by catalog name.</summary>
    public ImmutableDictionary<string, double> Overrides { get; init; } = ImmutableDictionary<string, double>.Empty;
}

/// <summary>
/// A recurring window of circumstances. <see cref="From"/> after <see cref="To"/> wraps past
/// midnight; <see cref="Days"/> are the days on which the window starts.
/// Overlapping windows combine: stress and leisure take the maximum, availability the minimum.
/// </summary>
public sealed record ScheduleWindow(ImmutableArray<string> Who, ImmutableArray<DayOfWeek> Days, TimeOnly From, TimeOnly To)
{
    /// <summary>Outside pressure (work worries), 0–1.</summary>
    public double? Stress { get; init; }
    /// <summary>Chance of being reachable for a bid, 0–1 (at work, busy).</summary>
    public double? Availability { get; init; }
    /// <summary>Free time together, 0–1 (weekends).</summary>
    public double? Leisure { get; init; }
    /// <summary>Asleep: no bids, no answers, slow decay.</summary>
    public bool Asleep { get; init; }
    /// <summary>First moment the window applies (inclusive); null = from the start of the run.</summary>
    public DateTime? Since { get; init; }
    /// <summary>Moment the window stops applying (exclusive); null = to the end of the run.</summary>
    public DateTime? Until { get; init; }
}

/// <summary>Kinds of one-off happenings.</summary>
public enum HappeningKind
{
    /// <summary>The actor harshly turns the partner away (e.g. the trigger of a max–max standoff).</summary>
    Rejection,
    /// <summary>A burst of outside stress for the actor.</summary>
    Stress,
    /// <summary>A minimiser becomes aware of a buried need for contact (min–min awakening).</summary>
    Awareness,
    /// <summary>The actor is away and unreachable.</summary>
    Away,
}

/// <summary>A one-off happening at a given time.</summary>
public sealed record Happening(DateTime At, ImmutableArray<string> Who, HappeningKind Kind)
{
    /// <summary>Strength, 0–1 (default 1).</summary>
    public double Strength { get; init; } = 1.0;
    /// <summary>Duration in hours for kinds that last (stress, away); default 6.</summary>
    public int Hours { get; init; } = 6;
}

/// <summary>Kinds of intervention.</summary>
public enum InterventionKind
{
    /// <summary>Hendrix' stretching: each partner moves towards the other's need.</summary>
    Stretch,
}

/// <summary>An intervention acting on some partners from a given time on.</summary>
public sealed record Intervention(DateTime At, ImmutableArray<string> Who, InterventionKind Kind, double Strength = 1.0);

/// <summary>Everything the model needs for one run. Times are local wall-clock times; one tick is one hour.</summary>
public sealed record CoupleSpec(
    string Name,
    DateTime Start,
    int Hours,
    ulong Seed,
    double Closeness,
    ImmutableArray<PartnerSpec> Partners,
    ImmutableArray<ScheduleWindow> Schedule,
    ImmutableArray<Happening> Happenings,
    ImmutableArray<Intervention> Interventions)
{
    /// <summary>Longest run the model accepts: ten years of hours.</summary>
    public const int MaxHours = 24 * 366 * 10;
}
