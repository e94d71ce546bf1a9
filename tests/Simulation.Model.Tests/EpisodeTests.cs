using System.Collections.Immutable;
using Simulation.Model;
using static System.DayOfWeek;

namespace Simulation.Model.Tests;

/// <summary>
/// Properties of the tones, the inconsolable turn and stretching as a practice that hold whatever the seed
/// (the emergent figures are checked over seeds by the signature tests in Simulation.Scenarios.Tests).
/// </summary>
public sealed class EpisodeTests
{
    private static readonly DateTime Start = new(2026, 3, 7, 8, 0, 0); // a Saturday
    private static readonly ImmutableArray<DayOfWeek> Weekdays = [Monday, Tuesday, Wednesday, Thursday, Friday];
    private static readonly ImmutableArray<DayOfWeek> All = [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday];

    /// <summary>Alma and Will as the library scenario has them (built here: the model tests read no files).</summary>
    private static CoupleSpec AlmaWill(ulong seed) => new("alma-will", Start, 4 * 168, seed, 0.5,
        [new PartnerSpec("alma", "Alma", 6, 2, Wound.Early), new PartnerSpec("will", "Will", 2, 5.5, Wound.Early)],
        [
            new(["alma", "will"], [Saturday], new(8, 0), new(23, 0)) { Leisure = 1 },
            new(["alma", "will"], [Sunday], new(8, 0), new(18, 0)) { Leisure = 1 },
            new(["alma", "will"], Weekdays, new(18, 0), new(23, 0)) { Leisure = 0.85 },
            new(["will"], [Sunday], new(18, 0), new(7, 0)) { Stress = 0.8 },
            new(["will"], Weekdays, new(7, 0), new(17, 0)) { Availability = 0.15 },
            new(["alma", "will"], All, new(23, 0), new(7, 0)) { Asleep = true },
        ], [], []);

    [Fact]
    public void Protests_carry_a_tone_give_ups_may_be_angry_and_nothing_else_has_one()
    {
        var run = CoupleSimulation.Run(AlmaWill(3));
        Assert.Contains(run.Events, e => e.Tone == Tones.Angry && e.Kind == EventKinds.Protest);
        Assert.Contains(run.Events, e => e.Tone == Tones.Pleading);
        foreach (var e in run.Events)
        {
            if (e.Kind == EventKinds.Protest) Assert.True(e.Tone is Tones.Angry or Tones.Pleading, $"{e} has no tone");
            else if (e.Kind == EventKinds.GiveUp) Assert.True(e.Tone is Tones.Angry or Tones.None, $"{e}");
            else Assert.Equal(Tones.None, e.Tone);
        }
    }

    [Fact]
    public void She_sends_him_away_only_when_he_is_home_and_withdrawn_once_a_night_and_it_hurts_him()
    {
        int runsWithOne = 0;
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var spec = AlmaWill(seed);
            var run = CoupleSimulation.Run(spec);
            var willPlan = CircumstancePlan.For(spec, "will");
            var sendAways = run.Events.Where(e => e.Kind == EventKinds.SendAway).ToArray();
            if (sendAways.Length > 0) runsWithOne++;
            foreach (var e in sendAways)
            {
                Assert.Equal(("alma", "will"), (e.Actor, e.Target)); // only the anxious partner turns this way
                Assert.True(willPlan[e.Tick].Availability >= 0.75, $"seed {seed}: sent away at work at {e.Time}");
                Assert.True(run.Timeline.Partner(e.Tick - 1, 1).Withdrawn, $"seed {seed}: he had not withdrawn at {e.Time}");
                Assert.True(run.Timeline.Partner(e.Tick, 1).Hurt > run.Timeline.Partner(e.Tick - 1, 1).Hurt, $"seed {seed}: being sent away did not hurt");
            }
            // Once between two nights' sleep.
            var nights = sendAways.GroupBy(e => e.Time.AddHours(-7).Date);
            Assert.All(nights, g => Assert.Single(g));
        }
        Assert.True(runsWithOne >= 5, $"the inconsolable turn showed in only {runsWithOne} of 20 runs");
    }

    [Fact]
    public void Stretching_takes_hold_over_days_of_waking_hours_not_at_once()
    {
        var spec = AlmaWill(1) with { Interventions = [new Intervention(Start.AddDays(7), ["alma", "will"], InterventionKind.Stretch)] };
        var relationship = new Relationship(spec);
        var alma = new PartnerMind(spec.Partners[0], "will", spec.Seed);
        var will = new PartnerMind(spec.Partners[1], "alma", spec.Seed);
        var practice = new List<double>();
        while (!relationship.Finished)
        {
            var a = alma.Decide(relationship.Context(0));
            var b = will.Decide(relationship.Context(1));
            relationship.Resolve(a, b, out var oa, out var ob);
            relationship.Close();
            alma.Settle(oa);
            will.Settle(ob);
            practice.Add(alma.Export().Practice);
        }
        int start = 7 * 24;
        Assert.Equal(0, practice[start - 1]);
        Assert.InRange(practice[start + 12], 0.01, 0.25);  // half a day in: begun, far from held
        Assert.InRange(practice[start + 4 * 24], 0.5, 0.9); // four days: most of the way
        Assert.True(practice[start + 12 * 24] > 0.95);      // under two weeks: taken hold
        for (int i = start + 1; i < practice.Count; i++) Assert.True(practice[i] >= practice[i - 1], "practice fell back");
    }
}
