using System.Collections.Immutable;

namespace Simulation.Model;

/// <summary>How a partner reaches out in an hour.</summary>
public enum Reach : byte
{
    None,
    /// <summary>A calm bid for contact.</summary>
    Bid,
    /// <summary>A distressed, demanding bid in the angry tone: reproach (hyperactivation).</summary>
    Protest,
    /// <summary>Returning a call that was missed.</summary>
    Callback,
    /// <summary>An attempt to make up after a rebuff.</summary>
    Repair,
    /// <summary>A distressed bid in the pleading tone: crying and begging for confirmation (a protest all the same).</summary>
    Plea,
    /// <summary>The inconsolable turn: sending the partner away (out of the bedroom, in the case).</summary>
    SendAway,
}

/// <summary>How a reach went; written to events.csv as the matching <see cref="Outcomes"/> word.</summary>
public enum Outcome : byte
{
    None,
    Answered,
    Soothed,
    Rebuffed,
    Missed,
    Accepted,
    Refused,
}

/// <summary>What a partner can see of the other at the start of an hour: last hour's move.</summary>
/// <param name="Pursuit">How demanding the other came across, ≥ 0: leaning in, the more so when distressed.</param>
/// <param name="Angry">Turned away hurt and angry: a rejection the other can see, not a quiet retreat.</param>
public readonly record struct PartnerView(double Stance, bool Withdrawn, Reach Reach, double Pursuit, bool Angry);

/// <summary>The hour as one partner meets it.</summary>
/// <remarks>
/// <see cref="Stretch"/>: strength of a stretching intervention in force, 0–1. <see cref="Awareness"/>: strength
/// of a buried need becoming conscious this hour (0 = none). <see cref="Rejecting"/>: strength with which this
/// partner harshly turns the other away this hour (0 = none).
/// </remarks>
public readonly record struct TickContext
{
    // Kept as scalars rather than nested structs: building it from nested structs made the JIT assemble a
    // temporary and block-copy it, which stalled on store forwarding twice a simulated hour.
    private readonly double _stress, _availability, _leisure, _stance, _pursuit;
    private readonly bool _asleep, _withdrawn, _angry;
    private readonly Reach _reach;

    public TickContext(int tick, DateTime time, double closeness, Circumstances own, PartnerView partner,
        double stretch, double awareness, double rejecting)
    {
        (Tick, Time, Closeness, Stretch, Awareness, Rejecting) = (tick, time, closeness, stretch, awareness, rejecting);
        (_stress, _availability, _leisure, _asleep) = (own.Stress, own.Availability, own.Leisure, own.Asleep);
        (_stance, _withdrawn, _reach, _pursuit, _angry) = (partner.Stance, partner.Withdrawn, partner.Reach, partner.Pursuit, partner.Angry);
    }

    public int Tick { get; }
    public DateTime Time { get; }
    public double Closeness { get; }
    /// <summary>This partner's circumstances this hour.</summary>
    public Circumstances Own => new(_stress, _availability, _leisure, _asleep);
    /// <summary>What this partner sees of the other: last hour's move.</summary>
    public PartnerView Partner => new(_stance, _withdrawn, _reach, _pursuit, _angry);
    public double Stretch { get; }
    public double Awareness { get; }
    public double Rejecting { get; }
}

/// <summary>
/// How a partner would respond this hour if the other reached out — decided in advance from the
/// partner's own random stream, so the couple can resolve both reaches without a second round trip.
/// </summary>
public readonly record struct Readiness(bool Reachable, bool AnswersBid, bool AnswersProtest, bool AcceptsRepair, bool AcceptsCallback);

/// <summary>A partner's decision for one hour.</summary>
/// <param name="Soothable">Below the inconsolable threshold: an answer would calm this partner.</param>
/// <param name="Angry">Withdrawn in hurt anger (see <see cref="PartnerView.Angry"/>).</param>
public readonly record struct PartnerMove(
    double Stance, bool Withdrawn, double Pursuit, Reach Reach, string Reason, bool Soothable, Readiness Readiness,
    ImmutableArray<SimEvent> Events, bool Angry);

/// <summary>What the hour brought one partner, after the couple resolved both moves.</summary>
/// <param name="OwnOutcome">Outcome of this partner's own reach.</param>
/// <param name="Response">How this partner responded to the other's reach.</param>
/// <param name="Rejected">Strength of a harsh rejection received this hour (0 = none).</param>
public readonly record struct TickOutcome(
    int Tick, DateTime Time, Reach OwnReach, Outcome OwnOutcome, Outcome Response, double Rejected);

/// <summary>A partner's state after the hour, and anything it noticed about itself (give-up).</summary>
public readonly record struct Settlement(PartnerSnapshot Snapshot, ImmutableArray<SimEvent> Events);
