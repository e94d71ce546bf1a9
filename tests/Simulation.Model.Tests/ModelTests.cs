using System.Collections.Immutable;
using Simulation.Model;
using static System.DayOfWeek;

namespace Simulation.Model.Tests;

public sealed class ModelTests
{
    private static readonly DateTime Start = new(2026, 3, 7, 8, 0, 0);

    private static CoupleSpec Spec(params ScheduleWindow[] windows) =>
        new("t", Start, 24 * 7, 1, 0.5,
            [new PartnerSpec("a", "A", 6, 2), new PartnerSpec("b", "B", 2, 6)], [.. windows], [], []);

    [Fact]
    public void A_window_that_wraps_past_midnight_belongs_to_the_day_it_starts()
    {
        // Sunday 18:00 until Monday 09:00, for b only.
        var plan = CircumstancePlan.For(Spec(new ScheduleWindow(["b"], [DayOfWeek.Sunday], new(18, 0), new(9, 0)) { Stress = 0.8 }), "b");
        double StressAt(DateTime t) => plan[(int)(t - Start).TotalHours].Stress;

        Assert.Equal(0, StressAt(new DateTime(2026, 3, 8, 17, 0, 0)));
        Assert.Equal(0.8, StressAt(new DateTime(2026, 3, 8, 18, 0, 0)));
        Assert.Equal(0.8, StressAt(new DateTime(2026, 3, 9, 8, 0, 0)));
        Assert.Equal(0, StressAt(new DateTime(2026, 3, 9, 9, 0, 0)));
        Assert.Equal(0, StressAt(new DateTime(2026, 3, 9, 20, 0, 0)));     // Monday evening: no window starts on Monday
        Assert.All(CircumstancePlan.For(Spec(), "a"), c => Assert.Equal(Circumstances.Ordinary, c));
    }

    [Fact]
    public void Overlapping_windows_take_the_most_stress_and_the_least_availability()
    {
        var spec = Spec(
            new ScheduleWindow(["a"], [DayOfWeek.Saturday], new(8, 0), new(12, 0)) { Stress = 0.3, Availability = 0.5 },
            new ScheduleWindow(["a"], [DayOfWeek.Saturday], new(10, 0), new(11, 0)) { Stress = 0.6, Availability = 0.9 });
        var plan = CircumstancePlan.For(spec, "a");
        Assert.Equal(new Circumstances(0.3, 0.5, 0, false), plan[1]);
        Assert.Equal(new Circumstances(0.6, 0.5, 0, false), plan[2]);
    }

    [Fact]
    public void The_plan_of_a_long_run_with_bounded_windows_and_happenings_matches_hour_by_hour_reading()
    {
        // The plan repeats a week of recurring windows and combines bounded ones in; check every hour of
        // a run that starts off the hour against reading the windows from the calendar directly.
        var start = new DateTime(2026, 3, 4, 7, 30, 0);
        ScheduleWindow[] windows =
        [
            new(["a"], [Monday, Tuesday, Wednesday, Thursday, Friday], new(9, 0), new(17, 0)) { Stress = 0.5, Availability = 0.3 },
            new(["a", "b"], [Sunday], new(18, 0), new(9, 0)) { Stress = 0.8 },
            new(["a"], [Saturday, Sunday], new(10, 0), new(22, 0)) { Leisure = 0.9 },
            new(["a"], [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday], new(23, 0), new(7, 0)) { Asleep = true },
            new(["a"], [Tuesday], new(8, 0), new(20, 0)) { Availability = 0.1, Since = start.AddDays(10), Until = start.AddDays(24) },
            new(["a"], [Friday], new(12, 0), new(13, 0)) { Stress = 0.9, Since = start.AddDays(30).AddMinutes(20) },
        ];
        Happening[] happenings =
        [
            new(start.AddDays(3).AddMinutes(45), ["a"], HappeningKind.Stress) { Strength = 0.7, Hours = 30 },
            new(start.AddDays(20), ["a"], HappeningKind.Away) { Strength = 0.6, Hours = 50 },
            new(start.AddDays(2), ["b"], HappeningKind.Away) { Hours = 10 },
        ];
        var spec = new CoupleSpec("t", start, 24 * 40, 1, 0.5,
            [new PartnerSpec("a", "A", 6, 2), new PartnerSpec("b", "B", 2, 6)], [.. windows], [.. happenings], []);
        var plan = CircumstancePlan.For(spec, "a");

        Assert.Equal(spec.Hours, plan.Count);
        for (int tick = 0; tick < spec.Hours; tick++)
        {
            var time = start.AddHours(tick);
            double stress = 0, availability = 1, leisure = 0;
            bool asleep = false;
            foreach (var w in windows.Where(w => w.Who.Contains("a")))
            {
                if (time < (w.Since ?? DateTime.MinValue) || time >= (w.Until ?? DateTime.MaxValue)) continue;
                var clock = TimeOnly.FromDateTime(time);
                bool covers = w.From < w.To
                    ? clock >= w.From && clock < w.To && w.Days.Contains(time.DayOfWeek)
                    : clock >= w.From ? w.Days.Contains(time.DayOfWeek) : clock < w.To && w.Days.Contains(time.AddDays(-1).DayOfWeek);
                if (!covers) continue;
                stress = Math.Max(stress, w.Stress ?? 0);
                leisure = Math.Max(leisure, w.Leisure ?? 0);
                availability = Math.Min(availability, w.Availability ?? 1);
                asleep |= w.Asleep;
            }
            foreach (var h in happenings.Where(h => h.Who.Contains("a") && time >= h.At && time < h.At.AddHours(h.Hours)))
            {
                if (h.Kind == HappeningKind.Stress) stress = Math.Max(stress, h.Strength);
                else availability = Math.Min(availability, 1 - h.Strength);
            }
            Assert.True(new Circumstances(stress, availability, leisure, asleep) == plan[tick], $"hour {tick} ({time:ddd HH:mm})");
        }
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(7.0, 7.0)]
    [InlineData(6.0, 2.0)]
    [InlineData(2.0, 5.5)]
    public void Derived_parameters_stay_inside_their_catalog_ranges(double anxiety, double avoidance)
    {
        foreach (var wound in new[] { Wound.Early, Wound.Late })
        {
            var p = PartnerParameters.Derive(new PartnerSpec("x", "X", anxiety, avoidance, wound));
            foreach (var info in ParameterCatalog.All)
                Assert.InRange(info.Get(p), info.Min, info.Max);
        }
    }

    [Fact]
    public void The_anxious_want_more_closeness_and_persist_longer_the_avoidant_answer_less()
    {
        var anxious = PartnerParameters.Derive(new PartnerSpec("a", "A", 6.5, 1.5));
        var avoidant = PartnerParameters.Derive(new PartnerSpec("v", "V", 1.5, 6.5));
        Assert.True(anxious.DesiredCloseness > avoidant.DesiredCloseness);
        Assert.True(anxious.Persistence > avoidant.Persistence);
        Assert.True(avoidant.Responsiveness < anxious.Responsiveness);
        Assert.True(avoidant.EngulfmentGain > anxious.EngulfmentGain);
        Assert.Equal(0, anxious.Disorganisation);
        Assert.True(PartnerParameters.Derive(new PartnerSpec("f", "F", 6.5, 6.5)).Disorganisation > 0);
    }

    [Fact]
    public void An_override_replaces_only_its_parameter()
    {
        var plain = PartnerParameters.Derive(new PartnerSpec("w", "W", 2, 5.5));
        var set = PartnerParameters.Derive(new PartnerSpec("w", "W", 2, 5.5) { Overrides = ImmutableDictionary<string, double>.Empty.Add("responsiveness", 0.9) });
        Assert.Equal(0.9, set.Responsiveness);
        Assert.Equal(plain with { Responsiveness = 0.9 }, set);
    }

    [Fact]
    public void A_stream_depends_only_on_the_seed_and_the_id()
    {
        var a1 = Rng.For(7, "alma"); var a2 = Rng.For(7, "alma"); var w = Rng.For(7, "will"); var a8 = Rng.For(8, "alma");
        var x = Enumerable.Range(0, 5).Select(_ => a1.Next()).ToArray();
        Assert.Equal(x, Enumerable.Range(0, 5).Select(_ => a2.Next()).ToArray());
        Assert.NotEqual(x, Enumerable.Range(0, 5).Select(_ => w.Next()).ToArray());
        Assert.NotEqual(x, Enumerable.Range(0, 5).Select(_ => a8.Next()).ToArray());
        var u = Rng.For(1, "u");
        Assert.All(Enumerable.Range(0, 10_000).Select(_ => u.NextDouble()), d => Assert.InRange(d, 0.0, 0.9999999999));
    }

    [Fact]
    public void A_mind_restored_from_its_exported_state_decides_exactly_as_the_original()
    {
        var spec = Spec(new ScheduleWindow(["a", "b"], [DayOfWeek.Saturday, DayOfWeek.Sunday], new(8, 0), new(18, 0)) { Leisure = 1 });
        var original = new PartnerMind(spec.Partners[0], "b", 3);
        var relationship = new Relationship(spec);
        var timeline = new Timeline.Builder(spec.Start);
        for (int i = 0; i < 30; i++)
        {
            var move = original.Decide(relationship.Context(0));
            relationship.Resolve(move, default, out var outcome, out _);
            var hour = relationship.Close();
            original.Settle(outcome);
            timeline.Add(hour, default, default);
        }
        var copy = new PartnerMind(original.Export());
        var ctx = relationship.Context(0);
        Assert.Equal(original.Decide(ctx).Stance, copy.Decide(ctx).Stance);
        Assert.Equal(original.Export(), copy.Export());
    }

    [Fact]
    public void Portable_tanh_is_close_to_tanh_odd_bounded_and_never_decreasing()
    {
        double previous = -1;
        for (int i = -80_000; i <= 80_000; i++)
        {
            double x = i / 10_000.0, t = PortableMath.Tanh(x);
            Assert.InRange(t - Math.Tanh(x), -1e-4, 1e-4);
            Assert.InRange(t, -1.0, 1.0);
            Assert.True(t >= previous, $"tanh falls at {x}");
            Assert.Equal(-t, PortableMath.Tanh(-x));
            previous = t;
        }
        Assert.Equal(1.0, PortableMath.Tanh(1e6));
        Assert.Equal(-1.0, PortableMath.Tanh(-1e6));
    }

    [Fact]
    public void Portable_exp_matches_exp_over_the_range_the_model_uses()
    {
        for (int i = -8_000; i <= 8_000; i++)
        {
            double x = i / 1_000.0;
            Assert.InRange(PortableMath.Exp(x) / Math.Exp(x) - 1, -1e-12, 1e-12);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Exp(9));
    }

    [Fact]
    public void Noise_has_mean_zero_sd_one_and_stays_within_its_bound()
    {
        var rng = Rng.For(5, "noise");
        var x = Enumerable.Range(0, 200_000).Select(_ => rng.NextNoise()).ToArray();
        double mean = x.Average(), sd = Math.Sqrt(x.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(sd, 0.99, 1.01);
        Assert.All(x, v => Assert.InRange(v, -Math.Sqrt(12), Math.Sqrt(12)));
        Assert.InRange(x.Count(v => Math.Abs(v) < 1) / (double)x.Length, 0.66, 0.70); // bell-shaped: ~68 % within one SD
    }

    [Fact]
    public void An_anxious_partner_who_finds_the_other_turned_away_in_anger_turns_away_too_and_a_secure_one_does_not()
    {
        // The other partner is withdrawn in anger every hour; count the hours each mind spends withdrawn.
        int WithdrawnHours(double anxiety)
        {
            var spec = Spec();
            var mind = new PartnerMind(new PartnerSpec("a", "A", anxiety, 2), "b", 11);
            var angry = new PartnerView(-0.9, true, Reach.None, 0, Angry: true);
            int withdrawn = 0;
            for (int tick = 0; tick < 14; tick++)
            {
                var ctx = new TickContext(tick, Start.AddHours(tick), 0.5, Circumstances.Ordinary, angry, 0, 0, 0);
                if (mind.Decide(ctx).Withdrawn) withdrawn++;
            }
            return withdrawn;
        }
        Assert.True(WithdrawnHours(6.5) >= 3, "a maximiser feels rejected and turns away");
        Assert.Equal(0, WithdrawnHours(2));
    }
}
