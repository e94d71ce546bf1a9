using System.Collections.Immutable;

namespace Simulation.Model;

/// <summary>How a partner reaches out in an hour.</summary>
public enum Reach : byte
{
    None,
    /// <summary>A calm bid for contact.</summary>
    Bid,
    /// <summary>A distressed, demanding bid (hyperactivation).</summary>
    Protest,
    /// <summary>Returning a call that was missed.</summary>
    Callback,
    /// <summary>An attempt to make up after a rebuff.</summary>
    Repair,
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
/// <param name="Stretch">Strength of a stretching intervention in force, 0–1.</param>
/// <param name="Awareness">Strength of a buried need becoming conscious this hour (0 = none).</param>
/// <param name="Rejecting">Strength with which this partner harshly turns the other away this hour (0 = none).</param>
public readonly record struct TickContext(
    int Tick, DateTime Time, double Closeness, Circumstances Own, PartnerView Partner,
    double Stretch, double Awareness, double Rejecting);

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
