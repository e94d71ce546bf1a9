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
    /// <remarks>One pass over the timeline's columns and one over the events, with no record built per hour:
    /// a sweep computes these for every run, and building them cost about as much as the run.</remarks>
    public static RunMetrics Compute(RunResult run, int fromTick, int toTick)
    {
        var tl = run.Timeline;
        fromTick = Math.Max(0, fromTick);
        toTick = Math.Min(toTick, tl.Length);
        int hours = Math.Max(0, toTick - fromTick);

        double closeness = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        Span<double> stance = stackalloc double[2], distress = stackalloc double[2];
        Span<int> withdrawn = stackalloc int[2];
        for (int t = fromTick; t < toTick; t++)
        {
            double c = tl.Closeness(t);
            closeness += c;
            if (c < min) min = c;
            if (c > max) max = c;
            for (int i = 0; i < 2; i++)
            {
                var s = tl.Partner(t, i);
                stance[i] += s.Stance;
                distress[i] += s.Distress;
                if (s.Withdrawn) withdrawn[i]++;
            }
        }

        string[] ids = [.. run.Partners.Select(p => p.Spec.Id)];
        var counts = new int[ids.Length, 6]; // bids, protests, answered, rebuffed, missed, repairs; give-ups below
        var giveUps = new int[ids.Length];
        int interactions = 0, positive = 0;
        foreach (var e in run.Events)
        {
            if (e.Tick < fromTick || e.Tick >= toTick) continue;
            if (IsInteraction(e))
            {
                interactions++;
                if (IsPositive(e)) positive++;
            }
            int i = Array.IndexOf(ids, e.Actor);
            if (i < 0) continue;
            if (e.Kind is EventKinds.Bid or EventKinds.Protest)
            {
                counts[i, e.Kind == EventKinds.Bid ? 0 : 1]++;
                if (IsPositive(e)) counts[i, 2]++;
                else if (e.Outcome == Outcomes.Rebuffed) counts[i, 3]++;
                else if (e.Outcome == Outcomes.Missed) counts[i, 4]++;
            }
            else if (e.Kind == EventKinds.Repair) counts[i, 5]++;
            else if (e.Kind == EventKinds.GiveUp) giveUps[i]++;
        }

        double Mean(double sum) => hours == 0 ? 0 : sum / hours;
        var partners = ImmutableArray.CreateBuilder<PartnerMetrics>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
            partners.Add(new PartnerMetrics(ids[i], Bids: counts[i, 0], Protests: counts[i, 1], Answered: counts[i, 2],
                Rebuffed: counts[i, 3], Missed: counts[i, 4], RepairsAttempted: counts[i, 5], GiveUps: giveUps[i],
                MeanStance: Mean(stance[i]), MeanDistress: Mean(distress[i]), TimeWithdrawn: Mean(withdrawn[i])));

        return new RunMetrics(
            hours,
            MeanCloseness: Mean(closeness),
            MinCloseness: hours == 0 ? 0 : min,
            MaxCloseness: hours == 0 ? 0 : max,
            interactions,
            PositiveShare: interactions == 0 ? 1.0 : positive / (double)interactions,
            partners.MoveToImmutable());
    }
}
