using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Simulation.Model;

/// <summary>What the schedule and happenings impose on one partner in one hour.</summary>
public readonly record struct Circumstances(double Stress, double Availability, double Leisure, bool Asleep)
{
    public static Circumstances Ordinary => new(0, 1, 0, false);
}

/// <summary>One partner's observable state after a tick.</summary>
[StructLayout(LayoutKind.Auto)] // the two flags after the doubles: 72 bytes, not 80 (a timeline holds two per hour)
public readonly record struct PartnerSnapshot
{
    // The circumstances are kept as scalars (see TickContext): a nested struct made the JIT copy the
    // snapshot through temporaries that stalled on store forwarding in every partner-hour.
    private readonly double _stress, _availability, _leisure;
    private readonly bool _asleep;

    public PartnerSnapshot(double stance, double distress, double hurt, bool withdrawn, double anxiety, double avoidance, Circumstances circumstances)
    {
        (Stance, Distress, Hurt, Withdrawn, Anxiety, Avoidance) = (stance, distress, hurt, withdrawn, anxiety, avoidance);
        (_stress, _availability, _leisure, _asleep) = (circumstances.Stress, circumstances.Availability, circumstances.Leisure, circumstances.Asleep);
    }

    /// <summary>−1 (withdraw) … +1 (approach).</summary>
    public double Stance { get; }
    /// <summary>Attachment activation, ≥ 0.</summary>
    public double Distress { get; }
    /// <summary>Accumulated hurt from rebuffs, ≥ 0.</summary>
    public double Hurt { get; }
    /// <summary>In the withdrawn state (with hysteresis).</summary>
    public bool Withdrawn { get; }
    /// <summary>Current anxiety on the ECR-R scale (it drifts: earned security).</summary>
    public double Anxiety { get; }
    /// <summary>Current avoidance on the ECR-R scale.</summary>
    public double Avoidance { get; }
    /// <summary>The circumstances of this hour.</summary>
    public Circumstances Circumstances => new(_stress, _availability, _leisure, _asleep);
}

/// <summary>One hour of a run, as a <see cref="Timeline"/> gives it. <see cref="Partners"/> are in scenario order. Equal when every value is.</summary>
public sealed record TickRecord(int Tick, DateTime Time, double Closeness, ImmutableArray<PartnerSnapshot> Partners)
{
    public bool Equals(TickRecord? other) =>
        other is not null && Tick == other.Tick && Time == other.Time && Closeness.Equals(other.Closeness)
        && Partners.AsSpan().SequenceEqual(other.Partners.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Tick, Closeness);
}

/// <summary>Event kinds as written to events.csv.</summary>
public static class EventKinds
{
    public const string Bid = "bid";             // a calm reach for contact
    public const string Protest = "protest";     // a distressed, demanding bid
    public const string Callback = "callback";   // returning a call that was missed while unavailable
    public const string Repair = "repair";       // an attempt to make up after a rebuff
    public const string GiveUp = "give-up";      // pursuit turns into angry rejection (persistence rule)
    public const string Withdraw = "withdraw";   // enters the withdrawn state
    public const string Return = "return";       // leaves the withdrawn state
    public const string SendAway = "send-away"; // the inconsolable turn: sends the partner away
    public const string Rejection = "rejection"; // a scenario happening: harsh turning away
    public const string Happening = "happening"; // other scenario happenings (stress, awareness, away)
    public const string Intervention = "intervention";
}

/// <summary>
/// Tones as written to events.csv: of a protest (Hendrix' case: angry reproach, or pleading for confirmation),
/// and of a give-up (angry when pursuit turns into angry rejection).
/// </summary>
public static class Tones
{
    public const string Angry = "angry";       // reproach: "every time it goes well you pull away"
    public const string Pleading = "pleading"; // cries and begs for confirmation
    public const string None = "";             // other kinds, and a calm give-up
}

/// <summary>Outcomes as written to events.csv.</summary>
public static class Outcomes
{
    public const string Answered = "answered";   // the partner responded warmly
    public const string Soothed = "soothed";     // answered and the bidder calmed down
    public const string Rebuffed = "rebuffed";   // the partner turned the bid down
    public const string Missed = "missed";       // the partner was unavailable (busy, away, asleep)
    public const string Accepted = "accepted";   // a repair or call-back was taken
    public const string Refused = "refused";     // a repair or call-back was turned down
    public const string None = "";               // for state changes and happenings

    private static readonly string[] Words = [None, Answered, Soothed, Rebuffed, Missed, Accepted, Refused];

    /// <summary>The events.csv word for an <see cref="Outcome"/>.</summary>
    public static string Word(Outcome outcome) => Words[(int)outcome];
}

/// <summary>
/// Something that happened in a tick. <see cref="Reason"/> is a short plain-language cause ("work stress");
/// <see cref="Tone"/> how a protest or give-up came across (<see cref="Tones"/>), empty for other kinds.
/// </summary>
public sealed record SimEvent(int Tick, DateTime Time, string Actor, string Kind, string Target, string Outcome, string Reason = "", string Tone = "");
