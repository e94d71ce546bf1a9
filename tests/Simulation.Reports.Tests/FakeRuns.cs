using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Reports;

namespace Simulation.Reports.Tests;

/// <summary>
/// Hand-built runs for the report tests: a toy random walk shaped like Alma and Will's weeks
/// (weekend leisure, Will's weekday work and Sunday-evening stress, nights asleep), so the
/// reports have realistic material without depending on the model's dynamics.
/// </summary>
public static class FakeRuns
{
    public static readonly DateTime Start = new(2026, 3, 7, 8, 0, 0); // a Saturday

    public static RunResult Make(int hours, int seed = 7, double willResponsiveness = double.NaN, int divergeAt = int.MaxValue, double almaAnxietyDrift = 0.00005)
    {
        var alma = new PartnerSpec("alma", "Alma", 6.0, 2.0, Wound.Early);
        var will = new PartnerSpec("will", "Will", 2.0, 5.5, Wound.Early);
        if (!double.IsNaN(willResponsiveness))
            will = will with { Overrides = ImmutableDictionary<string, double>.Empty.Add("responsiveness", willResponsiveness) };
        var spec = new CoupleSpec("alma-will", Start, hours, (ulong)seed, 0.5, [alma, will], [], [], []);
        var partners = ImmutableArray.Create(
            new ResolvedPartner(alma, PartnerParameters.Derive(alma)),
            new ResolvedPartner(will, PartnerParameters.Derive(will)));

        var rng = new Random(seed);
        var rngB = new Random(seed + 1000);
        var timeline = ImmutableArray.CreateBuilder<TickRecord>(hours);
        var events = ImmutableArray.CreateBuilder<SimEvent>();
        double closeness = 0.5, aDist = 0.2, wDist = 0.1, aHurt = 0, wHurt = 0;
        bool wWithdrawn = false;
        for (int t = 0; t < hours; t++)
        {
            var r = t >= divergeAt ? rngB : rng;
            DateTime time = Start.AddHours(t);
            int h = time.Hour;
            bool weekend = time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            bool asleep = h >= 23 || h < 7;
            double leisure = weekend && h >= 8 && h < 18 ? 1 : 0;
            bool sundayEvening = time.DayOfWeek == DayOfWeek.Sunday && h >= 18 || time.DayOfWeek == DayOfWeek.Monday && h < 9;
            double willAvail = !weekend && h >= 9 && h < 17 ? 0.15 : 1;
            var ca = new Circumstances(0, 1, leisure, asleep);
            var cw = new Circumstances(sundayEvening ? 0.8 : 0, willAvail, leisure, asleep);
            if (t == 24 * 11 + 12) events.Add(new SimEvent(t, time, "will", EventKinds.Rejection, "alma", Outcomes.None, "scenario happening"));
            if (t == 24 * 14 + 1)
            {
                events.Add(new SimEvent(t, time, "alma", EventKinds.Intervention, "", Outcomes.None, "stretch"));
                events.Add(new SimEvent(t, time, "will", EventKinds.Intervention, "", Outcomes.None, "stretch"));
            }
            if (!asleep)
            {
                aDist = Math.Clamp(aDist * 0.93 + (0.55 - closeness) * 0.25 + (r.NextDouble() - 0.5) * 0.2, 0, 3);
                if (r.NextDouble() < 0.3)
                {
                    string kind = aDist > 0.3 || aHurt > 0.8 ? EventKinds.Protest : EventKinds.Bid;
                    double pAnswer = (double.IsNaN(willResponsiveness) ? 0.5 : willResponsiveness) * willAvail * (wWithdrawn ? 0.3 : 1);
                    double u = r.NextDouble();
                    string outcome = willAvail < 1 && u < 0.5 ? Outcomes.Missed : u < pAnswer ? Outcomes.Answered : Outcomes.Rebuffed;
                    events.Add(new SimEvent(t, time, "alma", kind, "will", outcome, willAvail < 1 ? "Will at work" : ""));
                    if (outcome == Outcomes.Answered) { closeness += 0.05; aDist *= 0.6; }
                    else if (outcome == Outcomes.Rebuffed) { closeness -= 0.04; aHurt += 0.3; wDist += 0.2; }
                    if (outcome == Outcomes.Missed && r.NextDouble() < 0.4)
                        events.Add(new SimEvent(t, time, "will", EventKinds.Callback, "alma", r.NextDouble() < 0.7 ? Outcomes.Accepted : Outcomes.Refused));
                }
                wDist = Math.Max(0, wDist * 0.8 + (sundayEvening ? 0.15 : 0) + (aDist > 0.8 ? 0.05 : 0));
                if (!wWithdrawn && wDist > 0.6)
                {
                    wWithdrawn = true;
                    events.Add(new SimEvent(t, time, "will", EventKinds.Withdraw, "", Outcomes.None, sundayEvening ? "work stress" : "pursued"));
                }
                else if (wWithdrawn && wDist < 0.25)
                {
                    wWithdrawn = false;
                    events.Add(new SimEvent(t, time, "will", EventKinds.Return, "", Outcomes.None));
                }
                if (aHurt > 1.2 && r.NextDouble() < 0.2)
                {
                    events.Add(new SimEvent(t, time, "alma", EventKinds.GiveUp, "will", Outcomes.None, "too many unanswered bids"));
                    aHurt = 0.3;
                }
                if (r.NextDouble() < 0.02)
                    events.Add(new SimEvent(t, time, "will", EventKinds.Repair, "alma", r.NextDouble() < 0.6 ? Outcomes.Accepted : Outcomes.Refused));
            }
            aHurt *= 0.97;
            closeness = Math.Clamp(closeness + (wWithdrawn ? -0.012 : 0.006) + (0.5 - closeness) * 0.01 + (r.NextDouble() - 0.5) * 0.01, 0, 1);
            double aStance = Math.Clamp(0.3 + aDist * 0.6 - aHurt * 0.3, -1, 1);
            double wStance = Math.Clamp(wWithdrawn ? -0.7 : 0.1 - wDist * 0.5, -1, 1);
            timeline.Add(new TickRecord(t, time, closeness,
            [
                new PartnerSnapshot(aStance, aDist, aHurt, false, 6.0 - t * almaAnxietyDrift, 2.0, ca),
                new PartnerSnapshot(wStance, wDist, wHurt, wWithdrawn, 2.0, 5.5, cw),
            ]));
        }
        return new RunResult(spec, partners, [.. timeline], events.ToImmutable());
    }

    public static ScenarioInfo Info { get; } = new("alma-will", "Alma and Will: the Sunday-evening cycle",
        "Pursue–withdraw between a preoccupied and a dismissing partner.",
        "Alma reaches for Will; Will steps back when work stress peaks on Sunday evenings.",
        "Protests cluster on Sunday evenings, when Will withdraws.",
        "Raise Will's responsiveness: --set will.responsiveness=0.8",
        "3f0c9a1e5b7d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468");

    public static ImmutableArray<ExpectationOutcome> Expect(bool passed = true) =>
    [
        new("pursue-withdraw", [new("pursuer", "alma"), new("distancer", "will")], passed, "Alma made 80% of the bids; Will withdrew 6 times"),
        new("sunday-dip", [], true, "mean closeness on Sunday evenings 0.31 vs 0.52 otherwise"),
    ];

    public static RunReport Report(int hours, int seed = 7) => new(Make(hours, seed), Info, Expect());
}
