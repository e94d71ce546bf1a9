using System.Collections.Immutable;

namespace Simulation.Model;

/// <summary>Per-partner summary of a run.</summary>
public sealed record PartnerMetrics(
    string Id, int Bids, int Protests, int Answered, int Rebuffed, int Missed,
    int RepairsAttempted, int GiveUps, double MeanStance, double MeanDistress, double TimeWithdrawn);

/// <summary>
/// Summary figures of a run. An <em>interaction</em> is a bid, protest, call-back or repair that the
/// partner responded to; it is positive when answered, soothed or accepted (Gottman's positive share).
/// A call missed because the partner was unreachable is not a response and does not count.
/// </summary>
public sealed record RunMetrics(
    int Hours, double MeanCloseness, double MinCloseness, double MaxCloseness,
    int Interactions, double PositiveShare, ImmutableArray<PartnerMetrics> Partners)
{
    public static bool IsInteraction(SimEvent e) =>
        e.Kind is EventKinds.Bid or EventKinds.Protest or EventKinds.Callback or EventKinds.Repair
        && e.Outcome is Outcomes.Answered or Outcomes.Soothed or Outcomes.Rebuffed or Outcomes.Accepted or Outcomes.Refused;

    public static bool IsPositive(SimEvent e) =>
        e.Outcome is Outcomes.Answered or Outcomes.Soothed or Outcomes.Accepted;

    public static RunMetrics Compute(RunResult run) => Compute(run, 0, run.Timeline.Length);

    /// <summary>Figures over ticks [<paramref name="fromTick"/>, <paramref name="toTick"/>).</summary>
    public static RunMetrics Compute(RunResult run, int fromTick, int toTick)
    {
        var tl = run.Timeline;
        fromTick = Math.Max(0, fromTick);
        var ticks = Enumerable.Range(fromTick, Math.Max(0, Math.Min(toTick, tl.Length) - fromTick)).Select(i => tl[i]).ToArray();
        var events = run.Events.Where(e => e.Tick >= fromTick && e.Tick < toTick).ToArray();
        var interactions = events.Where(IsInteraction).ToArray();
        int positive = interactions.Count(IsPositive);

        var partners = run.Partners.Select((p, i) =>
        {
            string id = p.Spec.Id;
            var own = events.Where(e => e.Actor == id).ToArray();
            var asked = own.Where(e => e.Kind is EventKinds.Bid or EventKinds.Protest).ToArray();
            return new PartnerMetrics(
                id,
                Bids: asked.Count(e => e.Kind == EventKinds.Bid),
                Protests: asked.Count(e => e.Kind == EventKinds.Protest),
                Answered: asked.Count(IsPositive),
                Rebuffed: asked.Count(e => e.Outcome == Outcomes.Rebuffed),
                Missed: asked.Count(e => e.Outcome == Outcomes.Missed),
                RepairsAttempted: own.Count(e => e.Kind == EventKinds.Repair),
                GiveUps: own.Count(e => e.Kind == EventKinds.GiveUp),
                MeanStance: ticks.Length == 0 ? 0 : ticks.Average(t => t.Partners[i].Stance),
                MeanDistress: ticks.Length == 0 ? 0 : ticks.Average(t => t.Partners[i].Distress),
                TimeWithdrawn: ticks.Length == 0 ? 0 : ticks.Count(t => t.Partners[i].Withdrawn) / (double)ticks.Length);
        }).ToImmutableArray();

        return new RunMetrics(
            ticks.Length,
            MeanCloseness: ticks.Length == 0 ? 0 : ticks.Average(t => t.Closeness),
            MinCloseness: ticks.Length == 0 ? 0 : ticks.Min(t => t.Closeness),
            MaxCloseness: ticks.Length == 0 ? 0 : ticks.Max(t => t.Closeness),
            interactions.Length,
            PositiveShare: interactions.Length == 0 ? 1.0 : positive / (double)interactions.Length,
            partners);
    }
}
