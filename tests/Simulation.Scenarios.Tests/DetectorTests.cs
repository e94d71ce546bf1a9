using Simulation.Model;
using Simulation.Scenarios;
using static Simulation.Scenarios.Tests.SyntheticRun;

namespace Simulation.Scenarios.Tests;

public sealed class DetectorTests
{
    private const int Week = 168;

    // ---- pursue-withdraw ----

    private static RunResult Chase(bool distancerFollows, string answer = Outcomes.Rebuffed) => Make(2 * Week, i =>
    {
        double w = Math.Sin(i / 5.0);
        var a = new P(Stance: 0.5 + 0.3 * w, Distress: 1 + w);
        var b = new P(Stance: distancerFollows ? -0.2 + 0.3 * w : -0.2 - 0.3 * w);
        return (0.4, a, b);
    }, Enumerable.Range(0, 10).Select(k => Ev(10 * k, "a", EventKinds.Protest, k < 3 ? Outcomes.Answered : answer)));

    [Fact]
    public void Pursue_withdraw_shows_when_stances_move_against_each_other()
    {
        var r = Check(Chase(distancerFollows: false), "pursue-withdraw", ("pursuer", "a"), ("distancer", "b"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("stance correlation -1.00 (claim <= -0.50); mean stance a 0.51, b -0.21; b's mean stance when a's distress is in its top quartile -0.47, bottom quartile 0.07", r.Detail);
    }

    [Theory]
    [InlineData(3)]   // three distresses only: each quartile's edge falls among a hundred equal ones
    [InlineData(101)] // many, repeating, in no order
    [InlineData(0)]   // every hour its own
    public void Pursue_withdraw_quartiles_rank_equal_distresses_by_hour(int levels)
    {
        double Distress(int i) => levels == 0 ? Math.Sin(i * 12.9898) : (i * 37 % levels) * 0.01;
        // The distancer drifts, so taking the wrong hours of a tie moves a quartile's mean (the wobble keeps the means
        // off the rounding's halfway points, where the test's summing order could tip the last digit).
        double Stance(int i) => -0.2 + 0.002 * i + 1e-7 * Math.Sin(i);
        var run = Make(2 * Week, i => (0.4, new P(Stance: 0.5, Distress: Distress(i)), new P(Stance: Stance(i))));
        // What the detector claims to measure, as sorting would: the hours by the pursuer's distress, then by hour.
        var ranked = Enumerable.Range(0, 2 * Week).OrderBy(Distress).ThenBy(i => i).Select(Stance).ToArray();
        int q = ranked.Length / 4;
        double low = ranked.Take(q).Average(), high = ranked.TakeLast(q).Average();
        var r = Check(run, "pursue-withdraw", ("pursuer", "a"), ("distancer", "b"));
        Assert.EndsWith($"top quartile {Text.F2(high)}, bottom quartile {Text.F2(low)}", r.Detail);
    }

    [Theory]
    [InlineData(3, 336)]
    [InlineData(101, 336)]
    [InlineData(101, 5000)] // enough keys for the radix rounds
    [InlineData(0, 5000)]
    [InlineData(1, 40)]     // all equal
    public void The_quartile_means_are_exactly_those_of_sorting_by_distress_then_hour(int levels, int n)
    {
        var random = new Random(levels * 7919 + n);
        double[] distress = [.. Enumerable.Range(0, n).Select(i => levels == 0 ? random.NextDouble() - 0.5 : random.Next(levels) * 0.01 - 0.3)];
        double[] stance = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1)];
        ulong[] keys = [.. distress.Select(Expectations.SortKey)];
        int q = n / 4;
        var (low, high) = Expectations.QuarterMeans(stance, keys, new ulong[n], q);
        // The claimed ranking, then each quarter summed in hour order, as the detector says it sums.
        int[] ranked = [.. Enumerable.Range(0, n).OrderBy(i => distress[i]).ThenBy(i => i)];
        double Sum(IEnumerable<int> hours) { double s = 0; foreach (int i in hours.Order()) s += stance[i]; return s; }
        Assert.Equal(Sum(ranked.Take(q)) / q, low);     // exact: the same hours added in the same order
        Assert.Equal(Sum(ranked.TakeLast(q)) / q, high);
    }

    [Fact]
    public void Pursue_withdraw_does_not_show_when_the_distancer_follows()
    {
        var r = Check(Chase(distancerFollows: true), "pursue-withdraw", ("pursuer", "a"), ("distancer", "b"));
        Assert.False(r.Passed, r.Detail);
        Assert.StartsWith("stance correlation 1.00", r.Detail);
    }

    [Fact]
    public void Pursue_withdraw_needs_the_pursuer_to_be_the_one_leaning_in()
    {
        var r = Check(Chase(distancerFollows: false), "pursue-withdraw", ("pursuer", "b"), ("distancer", "a"));
        Assert.False(r.Passed, r.Detail);
    }

    [Fact]
    public void Pursue_withdraw_checks_the_positive_share_when_asked()
    {
        var low = Check(Chase(false), "pursue-withdraw", ("pursuer", "a"), ("distancer", "b"), ("max_positive_share", "0.44"));
        Assert.True(low.Passed, low.Detail);
        Assert.EndsWith("positive share 0.30 of 10 interactions (claim < 0.44)", low.Detail);
        var high = Check(Chase(false, Outcomes.Answered), "pursue-withdraw", ("pursuer", "a"), ("distancer", "b"), ("max_positive_share", "0.44"));
        Assert.False(high.Passed, high.Detail);
    }

    [Fact]
    public void Holds_false_inverts_the_verdict()
    {
        var shows = Check(Chase(false), "pursue-withdraw", ("pursuer", "a"), ("distancer", "b"), ("holds", "false"));
        Assert.False(shows.Passed);
        Assert.EndsWith("the claim is that the pattern does not show", shows.Detail);
        var absent = Check(Chase(true), "pursue-withdraw", ("pursuer", "a"), ("distancer", "b"), ("holds", "false"));
        Assert.True(absent.Passed);
    }

    [Fact]
    public void From_and_until_narrow_the_window()
    {
        // Anti-correlated in the first week, following in the second.
        var run = Make(2 * Week, i =>
        {
            double w = Math.Sin(i / 5.0);
            return (0.4, new P(0.5 + 0.3 * w, 1 + w), new P(i < Week ? -0.2 - 0.3 * w : -0.2 + 0.3 * w));
        });
        string mid = "2026-03-14T08:00";
        Assert.True(Check(run, "pursue-withdraw", ("pursuer", "a"), ("distancer", "b"), ("until", mid)).Passed);
        Assert.False(Check(run, "pursue-withdraw", ("pursuer", "a"), ("distancer", "b"), ("from", mid)).Passed);
    }

    // ---- stable ----

    [Fact]
    public void Stable_shows_with_flat_closeness_and_few_bids()
    {
        var run = Make(2 * Week, i => (0.5 + 0.005 * Math.Sin(i), new P(), new P()),
            [Ev(5, "a", EventKinds.Bid, Outcomes.Answered), Ev(50, "b", EventKinds.Bid, Outcomes.Answered)]);
        var r = Check(run, "stable");
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("closeness SD 0.004 (claim < 0.030); bids and protests per week: a 0.5, b 0.5 (claim <= 10.0)", r.Detail);
    }

    [Fact]
    public void Stable_does_not_show_when_closeness_swings()
    {
        var run = Make(2 * Week, i => (0.5 + 0.2 * Math.Sin(i / 10.0), new P(), new P()));
        Assert.False(Check(run, "stable").Passed);
    }

    [Fact]
    public void Stable_does_not_show_when_one_partner_bids_a_lot()
    {
        var run = Make(Week, _ => (0.5, new P(), new P()),
            Enumerable.Range(0, 12).Select(k => Ev(k * 10, "b", EventKinds.Protest, Outcomes.Rebuffed)));
        var r = Check(run, "stable");
        Assert.False(r.Passed, r.Detail);
        Assert.Contains("b 12.0", r.Detail);
        Assert.True(Check(run, "stable", ("max_bids_per_week", "12")).Passed);
    }

    // ---- awakening ----

    private static RunResult Awakening(int bidsAfter) => Make(4 * Week, i =>
        {
            bool after = i >= 2 * Week;
            return (after ? 0.4 : 0.6, new P(Stance: after ? -0.3 : 0.1), new P(Stance: 0.2));
        },
        [Ev(2 * Week - 50, "b", EventKinds.Bid, Outcomes.Answered),
         .. Enumerable.Range(0, bidsAfter).Select(k => Ev(2 * Week + 5 + 10 * k, "b", EventKinds.Bid, Outcomes.Rebuffed))]);

    [Fact]
    public void Awakening_shows_when_bids_multiply_and_the_other_turns_away()
    {
        var r = Check(Awakening(6), "awakening", ("who", "b"), ("at", "2026-03-21T08:00"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("b's bids and protests 1 in the week before, 6 in the week after (claim >= 5 x max(1, before)); " +
                     "a's mean stance after -0.30 (claim < 0); mean closeness 0.60 before, 0.40 after", r.Detail);
    }

    [Fact]
    public void Awakening_does_not_show_with_too_few_new_bids()
    {
        Assert.False(Check(Awakening(3), "awakening", ("who", "b"), ("at", "2026-03-21T08:00")).Passed);
        Assert.True(Check(Awakening(3), "awakening", ("who", "b"), ("at", "2026-03-21T08:00"), ("ratio", "3")).Passed);
    }

    // ---- mutual-withdrawal-alternation ----

    private static RunResult Standoff(bool alternate) => Make(Week, i =>
        {
            // After the rejection at hour 10: A alone, B alone, A alone, B alone (10 h each), then both withdrawn.
            int phase = i < 10 ? -1 : (i - 10) / 10;
            bool aAlone = alternate ? phase is 0 or 2 : phase >= 0;
            bool bAlone = alternate && phase is 1 or 3;
            bool both = alternate && phase >= 4;
            return (0.3, new P(Withdrawn: aAlone || both), new P(Withdrawn: bAlone || both));
        },
        [Ev(10, "b", EventKinds.Rejection)]);

    [Fact]
    public void Alternation_counts_changes_of_who_is_withdrawn_alone()
    {
        var r = Check(Standoff(true), "mutual-withdrawal-alternation");
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("after the rejection by b at 2026-03-07T18:00, who is withdrawn alone changed 3 times within 72h (claim >= 3)", r.Detail);
    }

    [Fact]
    public void Alternation_does_not_show_when_one_partner_stays_withdrawn()
    {
        var r = Check(Standoff(false), "mutual-withdrawal-alternation");
        Assert.False(r.Passed, r.Detail);
        Assert.Contains("changed 0 times", r.Detail);
    }

    [Fact]
    public void Alternation_needs_a_trigger_and_respects_its_window()
    {
        var quiet = Make(Week, i => (0.3, new P(Withdrawn: i % 20 < 10), new P(Withdrawn: i % 20 >= 10)));
        Assert.False(Check(quiet, "mutual-withdrawal-alternation").Passed);
        Assert.False(Check(Standoff(true), "mutual-withdrawal-alternation", ("within", "25h")).Passed);
        Assert.True(Check(Standoff(true), "mutual-withdrawal-alternation", ("within", "25h"), ("min_switches", "1")).Passed);
    }

    // ---- earned-security ----

    [Fact]
    public void Earned_security_shows_when_anxiety_falls_steadily()
    {
        int hours = 120 * 24;
        var run = Make(hours, i => (0.5, new P(Anxiety: 5.8 - i / (double)hours), new P(Anxiety: 2)));
        var r = Check(run, "earned-security", ("who", "a"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("a's anxiety 5.80 at the start, 4.80 at the end (claim: a drop of at least 0.50); " +
                     "the 30-day mean fell in 3 of 3 consecutive periods (1.00, claim >= 0.80)", r.Detail);
        Assert.False(Check(run, "earned-security", ("who", "a"), ("min_drop", "1.5")).Passed);
    }

    [Fact]
    public void Earned_security_does_not_show_when_anxiety_stays_or_wobbles()
    {
        int hours = 150 * 24;
        var flat = Make(hours, _ => (0.5, new P(Anxiety: 5.8), new P()));
        Assert.False(Check(flat, "earned-security", ("who", "a")).Passed);
        // Drops overall, but by jumps up and down: not steady.
        var wobbly = Make(hours, i => (0.5, new P(Anxiety: 5.8 - i / (double)hours + ((i / 720) % 2 == 1 ? 0.4 : 0)), new P()));
        var r = Check(wobbly, "earned-security", ("who", "a"));
        Assert.False(r.Passed, r.Detail);
        Assert.Contains("fell in 2 of 4", r.Detail);
    }

    // ---- de-escalation ----

    private static RunResult Stretching(bool improves) => Make(4 * Week, i =>
        {
            bool after = i >= 2 * Week;
            bool good = after == improves;
            return (good ? 0.6 : 0.3, new P(Withdrawn: !good && i % 2 == 0), new P());
        },
        [.. Enumerable.Range(0, 10).Select(k => Ev(Week + 10 * k, "a", EventKinds.Bid, k < (improves ? 3 : 8) ? Outcomes.Answered : Outcomes.Rebuffed)),
         .. Enumerable.Range(0, 10).Select(k => Ev(2 * Week + 10 * k, "a", EventKinds.Bid, k < (improves ? 8 : 3) ? Outcomes.Answered : Outcomes.Rebuffed))]);

    [Fact]
    public void De_escalation_shows_when_closeness_rises_and_withdrawal_falls()
    {
        var r = Check(Stretching(true), "de-escalation", ("at", "2026-03-21T08:00"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("mean closeness 0.30 before, 0.60 after; share of time withdrawn 0.25 before, 0.00 after; " +
                     "positive share 0.30 of 10 interactions before, 0.80 of 10 after", r.Detail);
    }

    [Fact]
    public void De_escalation_does_not_show_when_things_get_worse()
    {
        Assert.False(Check(Stretching(false), "de-escalation", ("at", "2026-03-21T08:00")).Passed);
    }

    [Fact]
    public void De_escalation_settle_shifts_the_after_window()
    {
        // Settling two weeks puts the "after" window past the run: nothing to compare.
        var r = Check(Stretching(true), "de-escalation", ("at", "2026-03-21T08:00"), ("settle", "2w"));
        Assert.False(r.Passed, r.Detail);
        Assert.Contains("0 after", r.Detail);
    }

    // ---- persistence ----

    /// <summary>Give-ups after n unanswered bids at answer rate p (one episode per 20 days).</summary>
    private static RunResult Persist(params (int Answered, string Pattern)[] episodes)
    {
        var events = new List<SimEvent>();
        for (int k = 0; k < episodes.Length; k++)
        {
            int h = k * 30 * 24 + 10; // further apart than the 21-day window over which p is measured
            foreach (char c in episodes[k].Pattern)
                events.Add(Ev(h++, "a", EventKinds.Bid, c == 'A' ? Outcomes.Answered : c == 'M' ? Outcomes.Missed : Outcomes.Rebuffed));
            events.Add(Ev(h, "a", EventKinds.GiveUp));
        }
        return Make(episodes.Length * 30 * 24, _ => (0.5, new P(), new P()), events);
    }

    [Fact]
    public void Persistence_shows_when_bids_before_giving_up_grow_like_one_over_p()
    {
        // p = 1/2, n = 2; p = 1/4, n = 4; p = 1/8, n = 8: exponent 1.
        var run = Persist((2, "ARARAARR"), (2, "RARARRRR"), (2, "RARRRRRARRRMRRRR"));
        var r = Check(run, "persistence", ("who", "a"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("3 give-ups by a, 3 usable (0 without unanswered bids, answers, or 8 bids to measure the answer rate), 3 distinct answer rates; " +
                     "bids before giving up grow like (1/p)^1.00 (claim exponent >= 0.80)", r.Detail);
    }

    [Fact]
    public void Persistence_does_not_show_when_bids_before_giving_up_stay_constant()
    {
        var run = Persist((2, "ARARAARR"), (2, "RRRRAARR"), (2, "RRRRRRARRRRRAARR"));
        var r = Check(run, "persistence", ("who", "a"));
        Assert.False(r.Passed, r.Detail);
        Assert.Contains("(1/p)^0.00", r.Detail);
    }

    [Fact]
    public void Persistence_needs_three_give_ups_at_two_answer_rates()
    {
        var few = Check(Persist((2, "AARR"), (2, "RARARRRR")), "persistence", ("who", "a"));
        Assert.False(few.Passed);
        Assert.Contains("needs at least 3 give-ups", few.Detail);
        var same = Check(Persist((2, "ARARAARR"), (2, "ARARAARR"), (2, "ARARAARR")), "persistence", ("who", "a"));
        Assert.False(same.Passed);
        Assert.Contains("1 distinct answer rates", same.Detail);
    }

    [Fact]
    public void Persistence_counts_a_run_from_the_previous_give_up_and_skips_rates_from_too_few_bids()
    {
        // Three episodes at exponent 1, plus a give-up right after the second one: its run counts only the
        // two bids since that give-up, not the four before it. A first give-up after four bids is skipped.
        var events = new List<SimEvent>();
        int h = 5;
        foreach (char c in "ARRR") events.Add(Ev(h++, "a", EventKinds.Bid, c == 'A' ? Outcomes.Answered : Outcomes.Rebuffed));
        events.Add(Ev(h, "a", EventKinds.GiveUp));
        foreach (var (pattern, at) in new[] { ("ARARAARR", 30), ("RARARRRR", 60), ("RARRRRRARRRMRRRR", 90) })
        {
            h = at * 24;
            foreach (char c in pattern) events.Add(Ev(h++, "a", EventKinds.Bid, c == 'A' ? Outcomes.Answered : c == 'M' ? Outcomes.Missed : Outcomes.Rebuffed));
            events.Add(Ev(h++, "a", EventKinds.GiveUp));
            if (at == 60)
            {
                foreach (char c in "RR") events.Add(Ev(h++, "a", EventKinds.Bid, Outcomes.Rebuffed));
                events.Add(Ev(h, "a", EventKinds.GiveUp));
            }
        }
        var r = Check(Make(120 * 24, _ => (0.5, new P(), new P()), events), "persistence", ("who", "a"));
        // Points (n, p): (2, 1/2), (4, 1/4), (2, 1/5), (8, 1/8) give 0.85; counting the run past the give-up (6, 1/5) would give 1.03.
        Assert.Equal("5 give-ups by a, 4 usable (1 without unanswered bids, answers, or 8 bids to measure the answer rate), " +
                     "4 distinct answer rates; bids before giving up grow like (1/p)^0.85 (claim exponent >= 0.80)", r.Detail);
    }

    // ---- positive-share ----

    private static RunResult Answers(int answered, int rebuffed) => Make(Week, _ => (0.5, new P(), new P()),
        [.. Enumerable.Range(0, answered).Select(k => Ev(k, "a", EventKinds.Bid, Outcomes.Answered)),
         .. Enumerable.Range(0, rebuffed).Select(k => Ev(50 + k, "b", EventKinds.Repair, Outcomes.Refused)),
         Ev(90, "a", EventKinds.Withdraw)]);

    [Fact]
    public void Positive_share_is_measured_over_interactions()
    {
        var run = Answers(8, 2);
        var r = Check(run, "positive-share", ("min", "0.8"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("positive share 0.80 of 10 interactions (claim >= 0.80)", r.Detail);
        Assert.False(Check(run, "positive-share", ("min", "0.81")).Passed);
        Assert.False(Check(run, "positive-share", ("max", "0.44")).Passed);
        Assert.True(Check(Answers(4, 6), "positive-share", ("max", "0.44")).Passed);
    }

    // ---- approach-avoid-switching ----

    [Fact]
    public void Switching_counts_sudden_crossings_of_the_band()
    {
        var flipping = Make(Week, i => (0.5, new P(Stance: (i / 12) % 2 == 0 ? 0.5 : -0.5), new P()));
        var r = Check(flipping, "approach-avoid-switching", ("who", "a"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("a's stance switched between approach (> +0.2) and withdrawal (< -0.2) within 3h 13 times, 13.0 per week (claim >= 3.0)", r.Detail);
        Assert.False(Check(flipping, "approach-avoid-switching", ("who", "a"), ("max_per_week", "1")).Passed);
    }

    [Fact]
    public void Switching_ignores_slow_swings()
    {
        // A daily swing that takes six hours to cross the band is a rhythm, not a switch.
        var swinging = Make(Week, i => (0.5, new P(Stance: Math.Clamp(Math.Sin(2 * Math.PI * i / 24) * 0.3, -1, 1) + (Math.Sin(2 * Math.PI * i / 24) > 0 ? 0.05 : -0.05)), new P()));
        var r = Check(swinging, "approach-avoid-switching", ("who", "a"), ("max_per_week", "0"));
        Assert.True(r.Passed, r.Detail);
        Assert.True(Check(swinging, "approach-avoid-switching", ("who", "a"), ("within", "24h")).Passed);
    }

    [Fact]
    public void Switching_ignores_wobbles_inside_the_band()
    {
        var wobbling = Make(Week, i => (0.5, new P(Stance: 0.15 * Math.Sin(i)), new P(Stance: 0.5)));
        Assert.False(Check(wobbling, "approach-avoid-switching", ("who", "a")).Passed);
        Assert.True(Check(wobbling, "approach-avoid-switching", ("who", "a"), ("max_per_week", "0")).Passed);
    }

    // ---- withdraws-after ----

    private static RunResult Sundays(int enterHour) => Make(4 * Week, i =>
    {
        var t = T(i);
        // From Sunday enterHour until Monday 09:00.
        bool withdrawn = (t.DayOfWeek == DayOfWeek.Sunday && t.Hour >= enterHour) || (t.DayOfWeek == DayOfWeek.Monday && t.Hour < 9);
        return (0.5, new P(), new P(Withdrawn: withdrawn));
    });

    [Fact]
    public void Withdraws_after_counts_weekly_moments_followed_by_withdrawal()
    {
        var r = Check(Sundays(20), "withdraws-after", ("who", "b"), ("day", "sun"), ("time", "18:00"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("b withdrew within 4h after 4 of 4 sun 18:00 moments (1.00, claim >= 0.75)", r.Detail);
    }

    [Fact]
    public void Withdraws_after_does_not_show_when_withdrawal_comes_too_late()
    {
        var r = Check(Sundays(23), "withdraws-after", ("who", "b"), ("day", "sun"), ("time", "18:00"));
        Assert.False(r.Passed, r.Detail);
        Assert.Contains("after 0 of 4", r.Detail);
        Assert.True(Check(Sundays(23), "withdraws-after", ("who", "b"), ("day", "sun"), ("time", "18:00"), ("within", "6h")).Passed);
    }

    [Fact]
    public void Withdraws_after_also_counts_withdraw_events()
    {
        var run = Make(2 * Week, _ => (0.5, new P(), new P()),
            [Ev(34 + 1, "b", EventKinds.Withdraw), Ev(34 + Week + 2, "b", EventKinds.Withdraw)]); // hour 34 is Sunday 18:00
        Assert.Equal(DayOfWeek.Sunday, T(34).DayOfWeek);
        Assert.Equal(18, T(34).Hour);
        Assert.True(Check(run, "withdraws-after", ("who", "b"), ("day", "sun"), ("time", "18:00")).Passed);
        Assert.False(Check(run, "withdraws-after", ("who", "a"), ("day", "sun"), ("time", "18:00")).Passed);
    }

    // ---- weekly-episode ----

    // Hour 34 is Sunday 18:00; the 30-hour window runs to Tuesday 00:00 (hour 64).
    private static RunResult Episodes(bool spread) => Make(2 * Week, i =>
    {
        int h = i % Week;
        double distress = spread ? 0.5 + 0.4 * Math.Sin(i / 7.0) : h is >= 36 and < 60 ? 1.5 : 0.3;
        return (0.5, new P(Stance: 0.5, Distress: distress), new P());
    }, (spread ? Enumerable.Range(0, 24).Select(k => 14 * k) : [36, 40, 50, 58, 100, 36 + Week, 41 + Week, 52 + Week, 59 + Week, 120 + Week])
        .Select(h => Ev(h, "a", EventKinds.Protest, Outcomes.Rebuffed, Tones.Angry)));

    [Fact]
    public void A_weekly_episode_stands_out_when_protests_and_distress_peak_inside_the_window()
    {
        var r = Check(Episodes(spread: false), "weekly-episode", ("who", "a"), ("day", "sun"), ("time", "18:00"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("a's protests per hour 0.13 inside the sun 18:00 + 30h windows, 0.01 on the other weekday hours (12.80x, claim >= 3x); " +
                     "a's highest distress of the week fell inside the window in 2 of 2 weeks (claim >= 0.75)", r.Detail);
    }

    [Fact]
    public void No_weekly_episode_when_protests_are_spread_over_the_week()
    {
        var r = Check(Episodes(spread: true), "weekly-episode", ("who", "a"), ("day", "sun"), ("time", "18:00"));
        Assert.False(r.Passed, r.Detail);
    }

    // ---- no-escalation ----

    private static RunResult Weeks(params int[] protestsPerWeek) => Make(protestsPerWeek.Length * Week, _ => (0.5, new P(), new P()),
        protestsPerWeek.SelectMany((n, w) => Enumerable.Range(0, n).Select(k => Ev(w * Week + 10 + 5 * k, "a", EventKinds.Protest, Outcomes.Rebuffed))));

    [Fact]
    public void No_escalation_compares_the_last_full_week_with_the_first()
    {
        var recurs = Check(Weeks(4, 9, 6), "no-escalation", ("who", "a"));
        Assert.True(recurs.Passed, recurs.Detail);
        Assert.Equal("a's protests per full week 4, 9, 6 (claim: some every week, the last at most 1.5x the first, counting the first as at least 1)", recurs.Detail);
        Assert.False(Check(Weeks(4, 5, 7), "no-escalation", ("who", "a")).Passed);
        Assert.False(Check(Weeks(4), "no-escalation", ("who", "a")).Passed); // one week cannot be judged
    }

    [Fact]
    public void No_escalation_needs_protests_that_recur_not_just_none_that_grow()
    {
        var never = Check(Weeks(0, 0, 0), "no-escalation", ("who", "a"));
        Assert.False(never.Passed, never.Detail); // no protests is no cycle, not a contained one
        Assert.EndsWith("; none at all", never.Detail);
        var gap = Check(Weeks(4, 0, 3), "no-escalation", ("who", "a"));
        Assert.False(gap.Passed, gap.Detail);
        Assert.EndsWith("; none in week 2", gap.Detail);
    }

    // ---- close-weekends ----

    private static RunResult Weekends(double saturday, bool eveningsAway) => Make(2 * Week, i =>
    {
        var t = T(i);
        bool evening = t.DayOfWeek is >= DayOfWeek.Tuesday and <= DayOfWeek.Thursday && t.Hour is >= 18 and < 23;
        return (t.DayOfWeek == DayOfWeek.Saturday ? saturday : 0.4, new P(), new P(Withdrawn: eveningsAway && evening));
    });

    [Fact]
    public void Close_weekends_need_every_saturday_close_and_the_partner_mostly_warm()
    {
        var r = Check(Weekends(0.7, eveningsAway: false), "close-weekends", ("who", "b"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("Saturday mean closeness 0.70, 0.70 (claim: each >= 0.60); b withdrawn 0.00 of weekend daytime (claim <= 0.15) " +
                     "and 0.00 of Tuesday to Thursday evenings (claim <= 0.40)", r.Detail);
        var low = Check(Weekends(0.5, eveningsAway: false), "close-weekends", ("who", "b"));
        Assert.False(low.Passed);
        Assert.Contains($"(claim: each >= 0.60; under it on 2 of 2: {T(0):yyyy-MM-dd} 0.50, {T(Week):yyyy-MM-dd} 0.50)", low.Detail); // which Saturdays, by date
        Assert.False(Check(Weekends(0.7, eveningsAway: true), "close-weekends", ("who", "b")).Passed);
    }

    [Fact]
    public void A_long_run_lists_its_weeks_in_short()
    {
        var r = Check(Make(100 * Week, i => (0.4, new P(), new P())), "no-escalation", ("who", "a"));
        Assert.Contains("protests per full week 0, 0, 0, 0, 0, 0, …, 0, 0, 0 (100 in all) (claim", r.Detail);
        Assert.True(r.Detail.Length < 300, r.Detail);
    }

    // ---- missed-call-scene ----

    // Hour 40 is Monday 00:00; b is at work (reachable 15 %) from 07:00 to 17:00 (hours 47–56).
    private static RunResult Mondays(string giveUpTone, bool callBackRefused) => Make(2 * Week, i =>
        (0.4, new P(), new P(Availability: i % Week is >= 47 and < 57 ? 0.15 : 1)),
        new[] { 0, Week }.SelectMany(w => new[]
        {
            Ev(w + 49, "a", EventKinds.Protest, Outcomes.Missed, Tones.Pleading),
            Ev(w + 51, "a", EventKinds.GiveUp, "", giveUpTone),
            Ev(w + 58, "b", EventKinds.Callback, callBackRefused ? Outcomes.Refused : Outcomes.Accepted),
        }));

    [Fact]
    public void The_monday_scene_is_a_missed_call_at_work_an_angry_give_up_and_a_refused_call_back()
    {
        var r = Check(Mondays(Tones.Angry, callBackRefused: true), "missed-call-scene", ("who", "a"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("on 2 of 2 mondays a call of a's to b at work was missed or turned away and a then gave up in anger before the end of b's working day " +
                     "(claim >= 0.75); b's call-back was refused on 2 of the 2 (claim >= 0.50)", r.Detail);
        Assert.False(Check(Mondays(Tones.None, callBackRefused: true), "missed-call-scene", ("who", "a")).Passed); // a calm give-up is no scene
        Assert.False(Check(Mondays(Tones.Angry, callBackRefused: false), "missed-call-scene", ("who", "a")).Passed);
    }

    // ---- protest-tones ----

    private static RunResult Toned(bool bothTones) => Make(Week, i => (0.4, new P(Hurt: i % 20 < 10 ? 1.0 : 0.2), new P()),
        Enumerable.Range(0, 8).Select(k => Ev(20 * k + (k % 2 == 0 ? 5 : 15), "a", EventKinds.Protest, Outcomes.Rebuffed,
            bothTones && k % 2 == 0 ? Simulation.Model.Tones.Angry : Simulation.Model.Tones.Pleading)));

    [Fact]
    public void Protest_tones_need_both_tones_and_reproach_from_hurt()
    {
        var r = Check(Toned(bothTones: true), "protest-tones", ("who", "a"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("a's protests: 4 angry, 4 pleading of 8 (claim: each >= 0.20); mean hurt the hour before: 1.00 angry, 0.20 pleading (claim: angry higher)", r.Detail);
        Assert.False(Check(Toned(bothTones: false), "protest-tones", ("who", "a")).Passed);
    }

    // ---- gradual-change ----

    // The change starts at hour 168; a keeps protesting in the days after if it takes hold gradually.
    private static RunResult Change(bool gradual) => Make(3 * Week, i =>
        (0.4, new P(Distress: i < Week ? 1.2 : gradual ? 1.2 - (i - Week) / 200.0 : 0.1), new P()),
        (gradual ? [Week + 60, Week + 62, Week + 64, 2 * Week + 10] : new[] { Week + 2 })
            .Select(h => Ev(h, "a", EventKinds.Protest, Outcomes.Rebuffed)));

    [Fact]
    public void A_gradual_change_keeps_some_distress_for_a_day_and_relapses()
    {
        var r = Check(Change(gradual: true), "gradual-change", ("who", "a"), ("at", "2026-03-14T08:00"));
        Assert.True(r.Passed, r.Detail);
        Assert.Equal("a's mean distress 1.20 in the 24 h before, 1.02 24–48 h after (claim: at least 0.50 of it kept); " +
                     "a protest episode from 2026-03-16T20:00 within 2w", r.Detail);
        Assert.False(Check(Change(gradual: false), "gradual-change", ("who", "a"), ("at", "2026-03-14T08:00")).Passed);
    }

    // ---- claims that cannot be judged ----

    [Fact]
    public void A_claim_that_cannot_be_measured_fails_even_with_holds_false()
    {
        // Four weeks cannot show a steady 30-day trend either way.
        var shortRun = Make(4 * Week, _ => (0.5, new P(Anxiety: 5), new P()));
        foreach (var holds in new[] { "true", "false" })
        {
            var r = Check(shortRun, "earned-security", ("who", "a"), ("holds", holds));
            Assert.False(r.Passed, r.Detail);
            Assert.Equal("only 28 days in the window; steadiness needs at least two 30-day periods; the claim cannot be judged on this run", r.Detail);
        }
        var silent = Make(Week, _ => (0.5, new P(), new P()));
        Assert.False(Check(silent, "positive-share", ("max", "0.4"), ("holds", "false")).Passed);
        Assert.False(Check(silent, "withdraws-after", ("who", "a"), ("day", "sun"), ("time", "18:00"), ("holds", "false"),
            ("until", "2026-03-08T12:00")).Passed);
        Assert.False(Check(silent, "earned-security", ("who", "nobody"), ("holds", "false")).Passed);
    }

    [Fact]
    public void No_trigger_means_no_alternation_so_holds_false_passes()
    {
        var calm = Make(Week, _ => (0.6, new P(), new P()));
        Assert.True(Check(calm, "mutual-withdrawal-alternation", ("holds", "false")).Passed);
    }

    // ---- through a scenario ----

    [Fact]
    public void A_scenarios_expectations_are_evaluated_in_order()
    {
        string yaml = """
            name: synthetic
            title: T
            summary: S
            notes: {what: a, notice: b, try: c}
            start: 2026-03-07T08:00
            length: 2w
            partners:
              - {id: a, anxiety: 4, avoidance: 4}
              - {id: b, anxiety: 4, avoidance: 4}
            expect:
              - {pattern: pursue-withdraw, pursuer: a, distancer: b}
              - {pattern: stable, max_bids_per_week: 2}
              - {pattern: stable, holds: false}
            """;
        var scenario = ScenarioLoader.Parse(yaml, "synthetic.yaml");
        var results = Expectations.Evaluate(scenario, Chase(false));
        Assert.Equal([true, false, false], results.Select(r => r.Passed)); // stable shows (flat, 5 bids a week), so `holds: false` fails
        Assert.Equal(scenario.Expect, results.Select(r => r.Expectation));
        Assert.Equal(new SourceLocation("synthetic.yaml", 12, 5), results[1].Expectation.Location);
    }
}
