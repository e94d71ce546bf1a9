using System.Buffers;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Simulation.Model;
using Words = Simulation.Scenarios.Text;

namespace Simulation.Scenarios;

/// <summary>
/// Verifies a scenario's <c>expect:</c> claims on a finished run. Each pattern is measured on the
/// run's timeline and events over the claim's window (<c>from</c>/<c>until</c>, default the whole
/// run); <c>holds: false</c> claims the pattern does not show. The detail gives the measured figures.
/// </summary>
public static class Expectations
{
    private const int Week = 168;

    /// <summary>One result per expectation, in the scenario's order (the run's hours read once for all of them).</summary>
    public static ImmutableArray<ExpectationResult> Evaluate(Scenario scenario, RunResult run)
    {
        var hours = new RunHours(run);
        return [.. scenario.Expect.Select(e => Evaluate(e, hours))];
    }

    /// <summary>
    /// Whether each expectation shows, in the scenario's order, as <see cref="Evaluate(Scenario, RunResult)"/> judges
    /// it, without writing the details: a sweep keeps only the verdicts of every run, and formatting the figures was
    /// about a tenth of the claims' time.
    /// </summary>
    public static ImmutableArray<bool> Verdicts(Scenario scenario, RunResult run)
    {
        var hours = new RunHours(run);
        return [.. scenario.Expect.Select(e => Evaluate(e, hours, detailed: false).Passed)];
    }

    /// <summary>Evaluates a single expectation on a run.</summary>
    public static ExpectationResult Evaluate(Expectation expectation, RunResult run) => Evaluate(expectation, new RunHours(run));

    private static ExpectationResult Evaluate(Expectation expectation, RunHours hours, bool detailed = true)
    {
        var spec = Patterns.Find(expectation.Pattern)
            ?? throw new ArgumentException($"unknown pattern `{expectation.Pattern}`", nameof(expectation));
        var c = new Claim(spec, expectation, hours, detailed);
        var (shows, detail) = Detect(c);
        // A claim that cannot be measured on this run (window too short, nothing to count) fails
        // either way: `holds: false` must not pass just because there was nothing to look at.
        if (shows is null)
            return new ExpectationResult(expectation, false, detail + "; the claim cannot be judged on this run");
        bool holds = c.Bool("holds");
        return holds
            ? new ExpectationResult(expectation, shows.Value, detail)
            : new ExpectationResult(expectation, !shows.Value, detail + "; the claim is that the pattern does not show");
    }

    private static (bool? Shows, string Detail) Detect(Claim c)
    {
        foreach (var arg in c.Spec.Args.Where(a => a.Kind == ArgKind.Partner && c.Has(a.Name)))
        {
            if (c.PartnerIndex(arg.Name) < 0)
                return (null, $"there is no partner `{c.Text(arg.Name)}` in this run");
        }
        return c.Spec.Name switch
        {
            "pursue-withdraw" => PursueWithdraw(c),
            "stable" => Stable(c),
            "awakening" => Awakening(c),
            "mutual-withdrawal-alternation" => Alternation(c),
            "earned-security" => EarnedSecurity(c),
            "de-escalation" => DeEscalation(c),
            "persistence" => Persistence(c),
            "positive-share" => PositiveShareClaim(c),
            "approach-avoid-switching" => Switching(c),
            "withdraws-after" => WithdrawsAfter(c),
            "weekly-episode" => WeeklyEpisode(c),
            "no-escalation" => NoEscalation(c),
            "close-weekends" => CloseWeekends(c),
            "missed-call-scene" => MissedCallScene(c),
            "protest-tones" => ProtestTones(c),
            "gradual-change" => GradualChange(c),
            _ => throw new ArgumentException($"no detector for pattern `{c.Spec.Name}`"),
        };
    }

    // ---- detectors ---------------------------------------------------------------------

    private static (bool?, string) PursueWithdraw(Claim c)
    {
        int p = c.PartnerIndex("pursuer"), d = c.PartnerIndex("distancer");
        string pn = c.Text("pursuer"), dn = c.Text("distancer");
        var (lo, hi) = c.Range(c.From, c.Until);
        int n = hi - lo;
        if (n < 8)
            return (null, $"only {n} hours in the window; needs at least 8");
        var tl = c.Run.Timeline;
        // Scratch from the shared pool, not fresh arrays: a sweep measures this on every run (four arrays of a run's hours).
        double[] sp = ArrayPool<double>.Shared.Rent(n), sd = ArrayPool<double>.Shared.Rent(n); // both partners' stances
        ulong[] distress = ArrayPool<ulong>.Shared.Rent(n); // the pursuer's, as keys that sort as the doubles do
        ulong[] scratch = ArrayPool<ulong>.Shared.Rent(n);
        for (int k = 0; k < n; k++)
        {
            var pursuer = tl.Partner(lo + k, p);
            sp[k] = pursuer.Stance;
            distress[k] = SortKey(pursuer.Distress);
            sd[k] = tl.Partner(lo + k, d).Stance;
        }
        double r = Correlation(sp.AsSpan(0, n), sd.AsSpan(0, n));
        double maxR = c.Number("max_correlation");
        double meanP = Mean(sp.AsSpan(0, n)), meanD = Mean(sd.AsSpan(0, n));

        // The distancer's mean stance over the quarter of the hours with the pursuer's lowest distress and over the
        // quarter with the highest (equal distresses ranked by hour, as OrderBy then ThenBy would). Only the two
        // quarters are needed, not the order: the quarter's bounds are selected, then each quarter summed in hour order
        // (sorting the hours by distress took half of the claims' time in a sweep).
        int q = n / 4;
        var (low, high) = QuarterMeans(sd.AsSpan(0, n), distress.AsSpan(0, n), scratch.AsSpan(0, n), q);
        ArrayPool<double>.Shared.Return(sp);
        ArrayPool<double>.Shared.Return(sd);
        ArrayPool<ulong>.Shared.Return(distress);
        ArrayPool<ulong>.Shared.Return(scratch);
        bool shows = r <= maxR && meanP > meanD && high < low;
        var detail = c.Say($"stance correlation {Words.F2(r)} (claim <= {Words.F2(maxR)}); mean stance {pn} {Words.F2(meanP)}, {dn} {Words.F2(meanD)}; " +
                           $"{dn}'s mean stance when {pn}'s distress is in its top quartile {Words.F2(high)}, bottom quartile {Words.F2(low)}");
        if (c.Has("max_positive_share"))
        {
            double max = c.Number("max_positive_share");
            var (share, interactions) = PositiveShare(c.Events(c.From, c.Until));
            detail += c.Say($"; positive share {Words.F2(share)} of {interactions} interactions (claim < {Words.F2(max)})");
            if (interactions == 0)
                return (null, detail);
            shows &= share < max;
        }
        return (shows, detail);
    }

    private static (bool?, string) Stable(Claim c)
    {
        var ticks = c.Ticks(c.From, c.Until);
        if (ticks.Length < 2)
            return (null, $"only {ticks.Length} hours in the window");
        double sd = StandardDeviation(ticks.Select(t => t.Closeness).ToArray());
        double maxSd = c.Number("max_sd"), maxBids = c.Number("max_bids_per_week");
        double weeks = ticks.Length / (double)Week;
        var events = c.Events(c.From, c.Until);
        var perWeek = c.Run.Partners.Select(pr => (pr.Spec.Id, Rate: Asks(events, pr.Spec.Id) / weeks)).ToArray();
        bool shows = sd < maxSd && perWeek.All(x => x.Rate <= maxBids);
        return (shows, c.Say($"closeness SD {Words.F3(sd)} (claim < {Words.F3(maxSd)}); bids and protests per week: " +
                             $"{string.Join(", ", perWeek.Select(x => $"{x.Id} {Words.F1(x.Rate)}"))} (claim <= {Words.F1(maxBids)})"));
    }

    private static (bool?, string) Awakening(Claim c)
    {
        int w = c.PartnerIndex("who");
        int other = 1 - w;
        string who = c.Id("who"), otherId = c.Run.Partners[other].Spec.Id;
        var at = c.Time("at");
        double ratio = c.Number("ratio");
        var before = c.Ticks(Add(at, -Week), at);
        var after = c.Ticks(at, Add(at, Week));
        if (before.Length == 0 || after.Length == 0)
            return (null, $"needs hours both before and after {Words.Time(at)}; found {before.Length} before, {after.Length} after");
        int asksBefore = Asks(c.Events(Add(at, -Week), at), who);
        int asksAfter = Asks(c.Events(at, Add(at, Week)), who);
        double otherStance = after.Average(t => t.Partners[other].Stance);
        double closeBefore = before.Average(t => t.Closeness), closeAfter = after.Average(t => t.Closeness);
        bool shows = asksAfter >= ratio * Math.Max(1, asksBefore) && otherStance < 0 && closeAfter < closeBefore;
        return (shows, c.Say($"{who}'s bids and protests {asksBefore} in the week before, {asksAfter} in the week after (claim >= {Words.Num(ratio)} x max(1, before)); " +
                             $"{otherId}'s mean stance after {Words.F2(otherStance)} (claim < 0); mean closeness {Words.F2(closeBefore)} before, {Words.F2(closeAfter)} after"));
    }

    /// <summary>Days over which the persistence pattern measures the answer rate a give-up followed.</summary>
    private const int AnswerRateDays = 21;

    /// <summary>Fewer bids than this in those days give no answer rate worth fitting (the first day of a run, say).</summary>
    private const int MinAsksForRate = 8;

    private static (bool?, string) Alternation(Claim c)
    {
        int within = c.Duration("within");
        int minSwitches = (int)c.Number("min_switches");
        // The scenario's rejection is the trigger when there is one; otherwise the first give-up.
        var trigger = c.Run.Events.FirstOrDefault(e => e.Kind == EventKinds.Rejection && e.Time >= c.From && e.Time < c.Until)
            ?? c.Run.Events.FirstOrDefault(e => e.Kind == EventKinds.GiveUp && e.Time >= c.From && e.Time < c.Until);
        if (trigger is null)
            return (false, "no rejection or give-up in the window, so nothing to alternate after");
        var end = Min(Add(trigger.Time, within), c.Until);
        var ticks = c.Ticks(trigger.Time, end);
        char? last = null;
        int switches = 0;
        foreach (var t in ticks)
        {
            bool a = t.Partners[0].Withdrawn, b = t.Partners[1].Withdrawn;
            if (a == b)
                continue;
            char alone = a ? 'A' : 'B';
            if (last is not null && last != alone)
                switches++;
            last = alone;
        }
        return (switches >= minSwitches,
            c.Say($"after the {trigger.Kind} by {trigger.Actor} at {Words.Time(trigger.Time)}, who is withdrawn alone changed {switches} times within {c.Text("within")} (claim >= {minSwitches})"));
    }

    private static (bool?, string) EarnedSecurity(Claim c)
    {
        int w = c.PartnerIndex("who");
        string who = c.Id("who");
        double minDrop = c.Number("min_drop");
        var ticks = c.Ticks(c.From, c.Until);
        const int block = 30 * 24;
        if (ticks.Length < 2 * block)
            return (null, $"only {ticks.Length / 24} days in the window; steadiness needs at least two 30-day periods");
        double first = ticks[0].Partners[w].Anxiety, last = ticks[^1].Partners[w].Anxiety;
        var means = Enumerable.Range(0, ticks.Length / block)
            .Select(i => ticks.Skip(i * block).Take(block).Average(t => t.Partners[w].Anxiety)).ToArray();
        int falls = Enumerable.Range(1, means.Length - 1).Count(i => means[i] < means[i - 1]);
        double steady = falls / (double)(means.Length - 1);
        bool shows = last <= first - minDrop && steady >= 0.8;
        return (shows, c.Say($"{who}'s anxiety {Words.F2(first)} at the start, {Words.F2(last)} at the end (claim: a drop of at least {Words.F2(minDrop)}); " +
                             $"the 30-day mean fell in {falls} of {means.Length - 1} consecutive periods ({Words.F2(steady)}, claim >= 0.80)"));
    }

    private static (bool?, string) DeEscalation(Claim c)
    {
        var at = c.Time("at");
        int window = c.Duration("window"), settle = c.Duration("settle");
        var (bFrom, bUntil) = (Add(at, -window), at);
        var (aFrom, aUntil) = (Add(at, settle), Add(at, settle + window));
        var before = c.Ticks(bFrom, bUntil);
        var after = c.Ticks(aFrom, aUntil);
        if (before.Length == 0 || after.Length == 0)
            return (null, $"needs hours before and after {Words.Time(at)}; found {before.Length} before, {after.Length} after");
        double cb = before.Average(t => t.Closeness), ca = after.Average(t => t.Closeness);
        double wb = before.Average(t => t.Partners.Average(p => p.Withdrawn ? 1.0 : 0.0));
        double wa = after.Average(t => t.Partners.Average(p => p.Withdrawn ? 1.0 : 0.0));
        var (sb, nb) = PositiveShare(c.Events(bFrom, bUntil));
        var (sa, na) = PositiveShare(c.Events(aFrom, aUntil));
        bool? shows = nb == 0 || na == 0 ? null : ca > cb && wa < wb && sa > sb;
        return (shows, c.Say($"mean closeness {Words.F2(cb)} before, {Words.F2(ca)} after; share of time withdrawn {Words.F2(wb)} before, {Words.F2(wa)} after; " +
                             $"positive share {Words.F2(sb)} of {nb} interactions before, {Words.F2(sa)} of {na} after"));
    }

    private static (bool?, string) Persistence(Claim c)
    {
        string who = c.Id("who");
        double minExponent = c.Number("min_exponent");
        var events = c.Run.Events;
        // who's bids and protests in event order, with a running count of answered ones, so each
        // give-up's answer rate over the preceding AnswerRateDays is a difference of prefix sums (long runs have many give-ups).
        var asks = new List<(int Index, DateTime Time, bool Answered, bool Unanswered)>();
        var answeredBefore = new List<int> { 0 };
        for (int i = 0; i < events.Length; i++)
        {
            var e = events[i];
            if (e.Actor != who || e.Kind is not (EventKinds.Bid or EventKinds.Protest))
                continue;
            bool answered = RunMetrics.IsPositive(e);
            asks.Add((i, e.Time, answered, e.Outcome is Outcomes.Rebuffed or Outcomes.Missed));
            answeredBefore.Add(answeredBefore[^1] + (answered ? 1 : 0));
        }
        var points = new List<(double N, double P)>();
        int giveUps = 0, skipped = 0, end = 0, start = 0, previousGiveUp = -1;
        for (int i = 0; i < events.Length; i++)
        {
            var e = events[i];
            if (e.Kind != EventKinds.GiveUp || e.Actor != who)
                continue;
            while (end < asks.Count && asks[end].Index < i)
                end++;
            int since = previousGiveUp;
            previousGiveUp = i;
            if (e.Time < c.From || e.Time >= c.Until)
                continue;
            giveUps++;
            // The run of unanswered bids that led to this give-up: back to the last answer or the last give-up.
            int n = 0;
            for (int j = end - 1; j >= 0 && asks[j].Unanswered && asks[j].Index > since; j--)
                n++;
            var from = Add(e.Time, -AnswerRateDays * 24);
            while (start < end && asks[start].Time < from)
                start++;
            int total = end - start;
            double p = total == 0 ? 0 : (answeredBefore[end] - answeredBefore[start]) / (double)total;
            if (n < 1 || p <= 0 || total < MinAsksForRate)
            {
                skipped++;
                continue;
            }
            points.Add((n, p));
        }
        int levels = points.Select(x => Math.Round(x.P / 0.05)).Distinct().Count();
        string counted = c.Say($"{giveUps} give-ups by {who}, {points.Count} usable ({skipped} without unanswered bids, answers, or {MinAsksForRate} bids to measure the answer rate), {levels} distinct answer rates");
        if (points.Count < 3 || levels < 2)
            return (false, counted + "; needs at least 3 give-ups and 2 distinct answer rates");
        double slope = Slope(points.Select(x => Math.Log(1 / x.P)).ToArray(), points.Select(x => Math.Log(x.N)).ToArray());
        return (slope >= minExponent,
            counted + c.Say($"; bids before giving up grow like (1/p)^{Words.F2(slope)} (claim exponent >= {Words.F2(minExponent)})"));
    }

    private static (bool?, string) PositiveShareClaim(Claim c)
    {
        var (share, n) = PositiveShare(c.Events(c.From, c.Until));
        if (n == 0)
            return (null, "no interactions in the window");
        if (c.Has("min"))
        {
            double min = c.Number("min");
            return (share >= min, c.Say($"positive share {Words.F2(share)} of {n} interactions (claim >= {Words.F2(min)})"));
        }
        double max = c.Number("max");
        return (share <= max, c.Say($"positive share {Words.F2(share)} of {n} interactions (claim <= {Words.F2(max)})"));
    }

    /// <summary>
    /// Sudden switches (disorganised attachment): the stance goes from approach (&gt; +0.2) to withdrawal
    /// (&lt; −0.2), or back, within <c>within</c> hours. Slow swings over a day do not count.
    /// </summary>
    private static (bool?, string) Switching(Claim c)
    {
        int w = c.PartnerIndex("who");
        string who = c.Id("who");
        var ticks = c.Ticks(c.From, c.Until);
        if (ticks.Length == 0)
            return (null, "no hours in the window");
        int within = c.Duration("within");
        int flips = 0;
        int lastSide = 0, lastSideTick = int.MinValue;
        foreach (var t in ticks)
        {
            double u = t.Partners[w].Stance;
            int side = u > 0.2 ? 1 : u < -0.2 ? -1 : 0;
            if (side == 0) continue;
            if (lastSide != 0 && side != lastSide && t.Tick - lastSideTick <= within)
                flips++;
            lastSide = side;
            lastSideTick = t.Tick;
        }
        double perWeek = flips / (ticks.Length / (double)Week);
        string measured = c.Say($"{who}'s stance switched between approach (> +0.2) and withdrawal (< -0.2) within {within}h {flips} times, {Words.F1(perWeek)} per week");
        if (c.Has("max_per_week"))
        {
            double max = c.Number("max_per_week");
            return (perWeek <= max, measured + c.Say($" (claim <= {Words.F1(max)})"));
        }
        double min = c.Has("min_per_week") ? c.Number("min_per_week") : 3;
        return (perWeek >= min, measured + c.Say($" (claim >= {Words.F1(min)})"));
    }

    private static (bool?, string) WithdrawsAfter(Claim c)
    {
        int w = c.PartnerIndex("who");
        string who = c.Id("who");
        var day = Words.ParseDay(c.Text("day"))!.Value;
        var time = Words.ParseClock(c.Text("time"))!.Value;
        int within = c.Duration("within");
        double minShare = c.Number("min_share");
        var runEnd = c.RunEnd;
        var timeline = c.Run.Timeline;

        var moments = new List<DateTime>();
        for (var date = c.From.Date; date < c.Until && date < DateTime.MaxValue.Date; date = date.AddDays(1))
        {
            var m = date + time.ToTimeSpan();
            if (m.DayOfWeek == day && m >= c.From && m < c.Until && Add(m, within) <= runEnd)
                moments.Add(m);
        }
        if (moments.Count == 0)
            return (null, $"no {c.Text("day")} {c.Text("time")} in the window with {c.Text("within")} after it inside the run");
        // Who's withdrawals: the events, and the hours the timeline shows who newly withdrawn.
        var withdrawals = new List<DateTime>();
        foreach (var e in c.Run.Events)
            if (e.Actor == who && e.Kind == EventKinds.Withdraw) withdrawals.Add(e.Time);
        bool was = timeline.Length > 0 && timeline.Partner(0, w).Withdrawn;
        for (int i = 1; i < timeline.Length; i++)
        {
            bool withdrawn = timeline.Partner(i, w).Withdrawn;
            if (withdrawn && !was) withdrawals.Add(timeline.Time(i));
            was = withdrawn;
        }
        withdrawals.Sort();
        int hits = 0;
        foreach (var m in moments)
        {
            // The first withdrawal at or after m, if it comes within the window.
            int k = withdrawals.BinarySearch(m);
            if (k < 0)
                k = ~k;
            if (k < withdrawals.Count && withdrawals[k] <= Add(m, within))
                hits++;
        }
        double share = hits / (double)moments.Count;
        return (share >= minShare,
            c.Say($"{who} withdrew within {c.Text("within")} after {hits} of {moments.Count} {c.Text("day")} {c.Text("time")} moments ({Words.F2(share)}, claim >= {Words.F2(minShare)})"));
    }

    /// <summary>
    /// The weekly episode (Alma and Will's Sunday evening to Monday): who's protests per hour inside the weekly
    /// window [day time, +within) against the other weekday hours (Monday to Friday outside it), and in how many
    /// full weeks who's highest distress falls inside the window.
    /// </summary>
    private static (bool?, string) WeeklyEpisode(Claim c)
    {
        int w = c.PartnerIndex("who");
        string who = c.Id("who");
        var day = Words.ParseDay(c.Text("day"))!.Value;
        var time = Words.ParseClock(c.Text("time"))!.Value.ToTimeSpan();
        int within = c.Duration("within");
        double ratio = c.Number("ratio"), peakShare = c.Number("peak_share");
        var tl = c.Run.Timeline;
        var (lo, hi) = c.Range(c.From, c.Until);
        int n = hi - lo;
        // Inside the week's window: less than `within` hours after the last day-and-time at or before the moment.
        // In ticks, without a division per hour: `since` is under a week (so a longer window, capped at eight days, holds
        // it all), and for a shorter window "under `within` hours" in ticks and in hours agree (a tick is far more than a
        // rounding step of the hours).
        long withinTicks = Math.Min(within, 8 * 24) * TimeSpan.TicksPerHour;
        bool InsideAt(DayOfWeek weekday, long timeOfDay)
        {
            long since = ((int)weekday - (int)day + 7) % 7 * TimeSpan.TicksPerDay + timeOfDay - time.Ticks;
            if (since < 0) since += 7 * TimeSpan.TicksPerDay;
            return since < withinTicks;
        }
        static bool Weekday(DayOfWeek d) => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        var clock = c.Clock;
        var inside = new bool[n]; // by position in the window, once
        int hoursIn = 0, hoursOut = 0;
        for (int k = 0; k < n; k++)
        {
            if (inside[k] = InsideAt(clock[lo + k].Day, clock[lo + k].TimeOfDay)) hoursIn++;
            else if (Weekday(clock[lo + k].Day)) hoursOut++;
        }
        int weeks = n / Week;
        string window = c.Say($"{c.Text("day")} {c.Text("time")} + {c.Text("within")}");
        if (hoursIn == 0 || hoursOut == 0 || weeks == 0)
            return (null, $"needs {window} windows, other weekday hours and a full week in the window; found {hoursIn} and {hoursOut} hours, {weeks} weeks");
        var protests = Protests(c.Events(c.From, c.Until), who);
        // a protest is an event of its hour (e.Tick), which lies in the window like the protest
        double rateIn = protests.Count(e => inside[e.Tick - lo]) / (double)hoursIn;
        double rateOut = protests.Count(e => !inside[e.Tick - lo] && Weekday(clock[e.Tick].Day)) / (double)hoursOut;
        int peaks = 0;
        for (int k = 0; k < weeks; k++)
        {
            int top = k * Week; // position in the window of the week's first highest distress
            double highest = tl.Partner(lo + top, w).Distress;
            for (int j = top + 1; j < (k + 1) * Week; j++)
            {
                double distress = tl.Partner(lo + j, w).Distress;
                if (distress > highest) (top, highest) = (j, distress);
            }
            if (inside[top]) peaks++;
        }
        double share = peaks / (double)weeks;
        bool standsOut = rateOut == 0 ? rateIn > 0 : rateIn >= ratio * rateOut;
        string times = rateOut == 0 ? "none outside it" : c.Say($"{Words.F2(rateIn / rateOut)}x");
        return (standsOut && share >= peakShare,
            c.Say($"{who}'s protests per hour {Words.F2(rateIn)} inside the {window} windows, {Words.F2(rateOut)} on the other weekday hours ({times}, claim >= {Words.Num(ratio)}x); " +
                  $"{who}'s highest distress of the week fell inside the window in {peaks} of {weeks} weeks (claim >= {Words.F2(peakShare)})"));
    }

    /// <summary>The pattern recurs rather than escalates: who's protests in the last full week at most max_growth times the first full week's.</summary>
    private static (bool?, string) NoEscalation(Claim c)
    {
        string who = c.Id("who");
        double maxGrowth = c.Number("max_growth");
        var tl = c.Run.Timeline;
        var (lo, hi) = c.Range(c.From, c.Until);
        int weeks = (hi - lo) / Week;
        if (weeks < 2)
            return (null, $"needs two full weeks in the window; found {weeks}");
        var protests = Protests(c.Events(c.From, c.Until), who);
        var perWeek = Enumerable.Range(0, weeks).Select(k =>
        {
            DateTime from = tl.Time(lo + k * Week), until = from.AddHours(Week);
            return protests.Count(e => e.Time >= from && e.Time < until);
        }).ToArray();
        // "recur week after week": a week without a protest breaks it, and a run without any shows no cycle at all
        // (at will.avoidance 1 Alma never protests; "without escalating" alone would hold there)
        int[] quiet = [.. Enumerable.Range(0, weeks).Where(k => perWeek[k] == 0).Select(k => k + 1)];
        string none = quiet.Length == 0 ? "" : quiet.Length == weeks ? "; none at all" : $"; none in week {Words.Series([.. quiet.Select(k => k.ToString(Words.Inv))])}";
        return (quiet.Length == 0 && perWeek[^1] <= maxGrowth * Math.Max(1, perWeek[0]),
            c.Say($"{who}'s protests per full week {Words.Series([.. perWeek.Select(n => n.ToString(Words.Inv))])} (claim: some every week, the last at most {Words.Num(maxGrowth)}x the first, counting the first as at least 1){none}"));
    }

    /// <summary>
    /// Close weekends and a partner who stays mostly warm between the episodes: every Saturday's mean closeness
    /// (08:00–23:00), and who's share of time withdrawn in weekend daytime (Saturday and Sunday 08:00–18:00) and
    /// on Tuesday to Thursday evenings (18:00–23:00).
    /// </summary>
    private static (bool?, string) CloseWeekends(Claim c)
    {
        int w = c.PartnerIndex("who");
        string who = c.Id("who");
        double minCloseness = c.Number("min_closeness"), maxWeekend = c.Number("max_weekend_withdrawn"), maxEvening = c.Number("max_evening_withdrawn");
        var tl = c.Run.Timeline;
        var (lo, hi) = c.Range(c.From, c.Until);
        var clock = c.Clock;
        // Each Saturday's hours from 08:00 to 23:00 (one run of them per date), averaged in hour order.
        var saturdays = new List<(DateTime Day, double Mean)>();
        double sum = 0;
        int count = 0, lastDate = -1, firstHour = -1;
        int weekend = 0, weekendWithdrawn = 0, evenings = 0, eveningsWithdrawn = 0;
        for (int i = lo; i < hi; i++)
        {
            var (weekday, hour, date) = (clock[i].Day, clock[i].Hour, clock[i].Date);
            if (weekday == DayOfWeek.Saturday && hour is >= 8 and < 23)
            {
                if (date != lastDate && count > 0) { saturdays.Add((tl.Time(firstHour).Date, sum / count)); (sum, count) = (0, 0); }
                if (count == 0) firstHour = i;
                lastDate = date;
                sum += tl.Closeness(i);
                count++;
            }
            int withdrawn = tl.Partner(i, w).Withdrawn ? 1 : 0;
            if (weekday is DayOfWeek.Saturday or DayOfWeek.Sunday && hour is >= 8 and < 18) (weekend, weekendWithdrawn) = (weekend + 1, weekendWithdrawn + withdrawn);
            if (weekday is >= DayOfWeek.Tuesday and <= DayOfWeek.Thursday && hour is >= 18 and < 23) (evenings, eveningsWithdrawn) = (evenings + 1, eveningsWithdrawn + withdrawn);
        }
        if (count > 0) saturdays.Add((tl.Time(firstHour).Date, sum / count));
        if (saturdays.Count == 0 || weekend == 0 || evenings == 0)
            return (null, $"needs Saturdays, weekend daytime and Tuesday to Thursday evenings; found {saturdays.Count} Saturdays, {weekend} and {evenings} hours");
        double weekendShare = weekendWithdrawn / (double)weekend, eveningShare = eveningsWithdrawn / (double)evenings, lowest = saturdays.Min(s => s.Mean);
        // Which Saturdays fell short, by date: on a long run the list of means alone does not say.
        var under = saturdays.Where(s => s.Mean < minCloseness).ToArray();
        string bar = Words.F2(minCloseness);
        string Under(double mean) // a mean just under the bar gets a third decimal, not the bar's own figure
        {
            string shown = Words.F2(mean);
            return shown == bar ? Words.F3(mean) : shown;
        }
        string shortfall = under.Length == 0 ? "" : c.Say($"; under it on {under.Length} of {saturdays.Count}: " +
            $"{string.Join(", ", under.Take(5).Select(s => $"{s.Day.ToString("yyyy-MM-dd", Words.Inv)} {Under(s.Mean)}"))}{(under.Length > 5 ? ", …" : "")}");
        return (lowest >= minCloseness && weekendShare <= maxWeekend && eveningShare <= maxEvening,
            c.Say($"Saturday mean closeness {Words.Series([.. saturdays.Select(s => Words.F2(s.Mean))])} (claim: each >= {bar}{shortfall}); " +
                  $"{who} withdrawn {Words.F2(weekendShare)} of weekend daytime (claim <= {Words.F2(maxWeekend)}) and {Words.F2(eveningShare)} of Tuesday to Thursday evenings (claim <= {Words.F2(maxEvening)})"));
    }

    /// <summary>
    /// The Monday scene: on each such day, a bid or protest of who made while the partner is at work (reachable
    /// less than half the time) is missed or turned away and followed, while the partner is still at work, by
    /// who's giving up in anger; and on some of those days the partner's call-back is refused.
    /// </summary>
    private static (bool?, string) MissedCallScene(Claim c)
    {
        int w = c.PartnerIndex("who");
        string who = c.Id("who"), other = c.Run.Partners[1 - w].Spec.Id;
        var day = Words.ParseDay(c.Text("day"))!.Value;
        var tl = c.Run.Timeline;
        var (windowLo, windowHi) = c.Range(c.From, c.Until);
        var clock = c.Clock;
        var days = new List<DateTime>();
        for (int i = windowLo; i < windowHi; i++)
            if (clock[i].Day == day && clock[i].Hour == 0) days.Add(tl.Time(i));
        if (days.Count == 0)
            return (null, $"no whole {c.Text("day")} in the window");
        // who's events and the partner's refused call-backs, in time order, each day's found by binary search:
        // scanning every event for every day cost as much as a year's run
        var events = c.Events(c.From, c.Until);
        List<SimEvent> mineList = [], refusalList = [];
        foreach (var e in events.AsSpan())
        {
            if (e.Actor == who) mineList.Add(e);
            else if (e.Actor == other && e.Kind == EventKinds.Callback && e.Outcome == Outcomes.Refused) refusalList.Add(e);
        }
        SimEvent[] mine = [.. mineList], refusals = [.. refusalList];
        int scenes = 0, refused = 0;
        foreach (var date in days)
        {
            // The partner's first and last working hour of the day (reachable less than half the time), in the window.
            var (lo, hi) = c.Range(date, Add(date, 24)); // Add: a run ending at the calendar's end has no next day
            int firstHour = -1, lastHour = -1;
            for (int i = lo; i < hi; i++)
            {
                if (tl.Partner(i, 1 - w).Circumstances.Availability >= 0.5) continue;
                if (firstHour < 0) firstHour = i;
                lastHour = i;
            }
            if (firstHour < 0)
                continue;
            DateTime first = tl.Time(firstHour), last = tl.Time(lastHour);
            var today = Between(mine, first, last);
            var call = today.FirstOrDefault(e => e.Kind is EventKinds.Bid or EventKinds.Protest && e.Outcome is Outcomes.Missed or Outcomes.Rebuffed);
            if (call is not null && Between(mine, call.Time, last).Any(e => e.Kind == EventKinds.GiveUp && e.Tone == Tones.Angry))
                scenes++;
            if (Between(refusals, first, date.AddDays(1).AddTicks(-1)).Count > 0)
                refused++;
        }
        double minShare = c.Number("min_share"), minRefused = c.Number("min_refused_share");
        return (scenes >= minShare * days.Count && refused >= minRefused * days.Count,
            c.Say($"on {scenes} of {days.Count} {c.Text("day")}days a call of {who}'s to {other} at work was missed or turned away and {who} then gave up in anger before the end of {other}'s working day (claim >= {Words.F2(minShare)}); " +
                  // of all the days, not of the scenes: "refused on 3 of them" after "on 2 of 4" read as three of two
                  $"{other}'s call-back was refused on {refused} of the {days.Count} (claim >= {Words.F2(minRefused)})"));
    }

    /// <summary>The events of <paramref name="sorted"/> (in time order) from <paramref name="from"/> to <paramref name="last"/>, both included.</summary>
    private static ArraySegment<SimEvent> Between(SimEvent[] sorted, DateTime from, DateTime last)
    {
        int lo = FirstAtOrAfter(sorted, from), hi = FirstAtOrAfter(sorted, last.AddTicks(1));
        return new ArraySegment<SimEvent>(sorted, lo, Math.Max(0, hi - lo));
    }

    /// <summary>The index of the first of <paramref name="sorted"/>'s events (in time order) at or after <paramref name="t"/>.</summary>
    private static int FirstAtOrAfter(ReadOnlySpan<SimEvent> sorted, DateTime t)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].Time < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Two tones of protest, from the state: each tone makes up at least min_share of who's protests, and who's
    /// hurt in the hour before a reproach (angry) is higher on average than before a plea.
    /// </summary>
    private static (bool?, string) ProtestTones(Claim c)
    {
        int w = c.PartnerIndex("who");
        string who = c.Id("who");
        double minShare = c.Number("min_share");
        var tl = c.Run.Timeline;
        var protests = Protests(c.Events(c.From, c.Until), who);
        if (protests.Length == 0)
            return (null, $"{who} made no protests in the window");
        var angry = protests.Where(e => e.Tone == Tones.Angry).ToArray();
        var pleading = protests.Where(e => e.Tone == Tones.Pleading).ToArray();
        double HurtBefore(SimEvent[] list) => list.Average(e => tl.Partner(Math.Max(0, e.Tick - 1), w).Hurt);
        double angryShare = angry.Length / (double)protests.Length, pleadingShare = pleading.Length / (double)protests.Length;
        string counts = c.Say($"{who}'s protests: {angry.Length} angry, {pleading.Length} pleading of {protests.Length} (claim: each >= {Words.F2(minShare)})");
        if (angry.Length == 0 || pleading.Length == 0)
            return (false, counts);
        double hurtAngry = HurtBefore(angry), hurtPleading = HurtBefore(pleading);
        return (angryShare >= minShare && pleadingShare >= minShare && hurtAngry > hurtPleading,
            counts + c.Say($"; mean hurt the hour before: {Words.F2(hurtAngry)} angry, {Words.F2(hurtPleading)} pleading (claim: angry higher)"));
    }

    /// <summary>
    /// A change that takes hold gradually, with relapses (stretching): who's mean distress 24–48 h after `at`
    /// keeps at least min_kept of its mean over the 24 h before (no switch), and who has a protest episode
    /// (three protests within six hours) beginning between `settle` after `at` and `window` after it.
    /// </summary>
    private static (bool?, string) GradualChange(Claim c)
    {
        int w = c.PartnerIndex("who");
        string who = c.Id("who");
        var at = c.Time("at");
        int window = c.Duration("window"), settle = c.Duration("settle");
        double minKept = c.Number("min_kept");
        var before = c.Ticks(Add(at, -24), at);
        var after = c.Ticks(Add(at, 24), Add(at, 48));
        if (before.Length == 0 || after.Length == 0)
            return (null, $"needs the 24 h before {Words.Time(at)} and the 24–48 h after it; found {before.Length} and {after.Length} hours");
        double db = before.Average(t => t.Partners[w].Distress), da = after.Average(t => t.Partners[w].Distress);
        var protests = Protests(c.Events(at, Add(at, window)), who).Select(e => e.Time).ToArray();
        var from = Add(at, settle);
        DateTime? episode = null;
        for (int i = 0; i + 2 < protests.Length && episode is null; i++)
            if (protests[i] >= from && (protests[i + 2] - protests[i]).TotalHours <= 6) episode = protests[i];
        return (da >= minKept * db && episode is not null,
            c.Say($"{who}'s mean distress {Words.F2(db)} in the 24 h before, {Words.F2(da)} 24–48 h after (claim: at least {Words.F2(minKept)} of it kept); " +
                  $"{(episode is { } e ? $"a protest episode from {Words.Time(e)}" : $"no protest episode (3 protests within 6 h) from {Words.Time(from)} on")} within {c.Text("window")}"));
    }

    // ---- measures ----------------------------------------------------------------------

    /// <summary><paramref name="who"/>'s protests among <paramref name="events"/>.</summary>
    private static SimEvent[] Protests(ArraySegment<SimEvent> events, string who)
    {
        var protests = new List<SimEvent>();
        foreach (var e in events.AsSpan())
            if (e.Actor == who && e.Kind == EventKinds.Protest) protests.Add(e);
        return [.. protests];
    }

    private static int Asks(IEnumerable<SimEvent> events, string id) =>
        events.Count(e => e.Actor == id && e.Kind is EventKinds.Bid or EventKinds.Protest);

    private static (double Share, int Count) PositiveShare(ArraySegment<SimEvent> events)
    {
        int interactions = 0, positive = 0;
        foreach (var e in events)
        {
            if (!RunMetrics.IsInteraction(e)) continue;
            interactions++;
            if (RunMetrics.IsPositive(e)) positive++;
        }
        return interactions == 0 ? (double.NaN, 0) : (positive / (double)interactions, interactions);
    }

    private static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double mx = Mean(x), my = Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>The mean, summed in order (as <see cref="Enumerable.Average(IEnumerable{double})"/> sums it).</summary>
    private static double Mean(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double v in x) sum += v;
        return sum / x.Length;
    }

    /// <summary>
    /// A double's bits as a key whose unsigned order is <see cref="double.CompareTo(double)"/>'s: NaN first, −0 equal to +0.
    /// </summary>
    internal static ulong SortKey(double x)
    {
        if (double.IsNaN(x)) return 0;
        long bits = BitConverter.DoubleToInt64Bits(x == 0 ? 0.0 : x);
        return bits < 0 ? ~(ulong)bits : (ulong)bits | 1UL << 63; // negatives reversed below the positives; 0 stays free for NaN
    }

    /// <summary>
    /// The mean of <paramref name="values"/> over the <paramref name="q"/> positions with the lowest
    /// <paramref name="keys"/> and over the <paramref name="q"/> with the highest, equal keys ranked by position
    /// (the first ones count among the lowest, the last among the highest). Each mean is summed in position order.
    /// <paramref name="scratch"/>, as long as the keys, is written over.
    /// </summary>
    /// <remarks>The distress keys come in no order a branch predictor could learn, so the loops count and add
    /// without branching on them (each excluded value adds +0, which leaves a sum that starts at +0 unchanged).</remarks>
    internal static (double Low, double High) QuarterMeans(ReadOnlySpan<double> values, ReadOnlySpan<ulong> keys, Span<ulong> scratch, int q)
    {
        if (q == 0) return (double.NaN, double.NaN);
        ulong lowEdge = Select(keys, q - 1, scratch), highEdge = Select(keys, keys.Length - q, scratch);
        int below = 0, above = 0, atHigh = 0;
        foreach (ulong k in keys)
        {
            below += k < lowEdge ? 1 : 0;
            above += k > highEdge ? 1 : 0;
            atHigh += k == highEdge ? 1 : 0;
        }
        // Of the keys equal to an edge, the lowest quarter takes the first q − below, the highest the last q − above.
        int lowTies = q - below, highSkip = atHigh - (q - above);
        double low = 0, high = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            ulong k = keys[i];
            bool inLow = k < lowEdge, inHigh = k > highEdge;
            if (k == lowEdge) inLow = lowTies-- > 0;
            if (k == highEdge) inHigh = highSkip-- <= 0;
            low += inLow ? values[i] : 0;
            high += inHigh ? values[i] : 0;
        }
        return (low / q, high / q);
    }

    /// <summary>
    /// The <paramref name="rank"/>-th lowest of <paramref name="keys"/> (0 the lowest), by radix: the keys are counted by
    /// the eight highest bits in which they differ, only those of the digit holding the rank are kept (in
    /// <paramref name="scratch"/>, as long as the keys), and so on until a few are left to sort. Each round keeps fewer,
    /// as the top differing bit splits them; the passes count and copy without branching on the keys, where a
    /// comparison-based selection mispredicted every other comparison of these unordered distresses.
    /// </summary>
    private static ulong Select(ReadOnlySpan<ulong> keys, int rank, Span<ulong> scratch)
    {
        Span<int> count = stackalloc int[256];
        ReadOnlySpan<ulong> candidates = keys;
        while (candidates.Length > 32)
        {
            ulong all = ~0UL, any = 0;
            foreach (ulong k in candidates) { all &= k; any |= k; }
            ulong differ = all ^ any;
            if (differ == 0) return candidates[0]; // all equal
            int shift = Math.Max(0, 63 - BitOperations.LeadingZeroCount(differ) - 7); // above it, the candidates agree
            count.Clear();
            foreach (ulong k in candidates) count[(int)(k >> shift) & 0xFF]++;
            int digit = 0;
            while (rank >= count[digit]) rank -= count[digit++];
            int kept = 0;
            foreach (ulong k in candidates) // in place: a key is written at or before where it was read
            {
                scratch[kept] = k;
                kept += ((int)(k >> shift) & 0xFF) == digit ? 1 : 0;
            }
            candidates = scratch[..kept];
        }
        var last = scratch[..candidates.Length];
        candidates.CopyTo(last); // the keys themselves when there were few; otherwise already there
        last.Sort();
        return last[rank];
    }

    private static double StandardDeviation(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / x.Length);
    }

    private static double Slope(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx == 0 ? double.NaN : sxy / sxx;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Adds hours, stopping at the ends of the calendar rather than throwing.</summary>
    private static DateTime Add(DateTime t, double hours)
    {
        if (hours >= 0)
            return (DateTime.MaxValue - t).TotalHours <= hours ? DateTime.MaxValue : t.AddHours(hours);
        return (t - DateTime.MinValue).TotalHours <= -hours ? DateTime.MinValue : t.AddHours(hours);
    }

    /// <summary>An expectation's arguments (with the pattern's defaults) and the run they are measured on.</summary>
    private sealed class Claim(PatternSpec spec, Expectation expectation, RunHours hours, bool detailed)
    {
        public PatternSpec Spec { get; } = spec;

        /// <summary>Whether the detail is written; without it (<see cref="Verdicts"/>) <see cref="Say"/> formats nothing.</summary>
        public bool Detailed { get; } = detailed;

        /// <summary>The detail's text when it is wanted, else "" without evaluating the figures in it.</summary>
        public string Say([InterpolatedStringHandlerArgument("")] ref DetailText text) => Detailed ? text.ToStringAndClear() : "";
        public RunResult Run { get; } = hours.Run;
        public DateTime RunEnd { get; } = Add(hours.Run.Spec.Start, hours.Run.Spec.Hours);
        // Parsed once: Ticks and Events cut the run's hours and events to them.
        public DateTime From { get; } = expectation.Args.TryGetValue("from", out var f) ? ParseTime(f, "from") : hours.Run.Spec.Start;
        public DateTime Until { get; } = expectation.Args.TryGetValue("until", out var u) ? ParseTime(u, "until") : Add(hours.Run.Spec.Start, hours.Run.Spec.Hours);

        public bool Has(string name) => expectation.Args.ContainsKey(name);

        public string Text(string name) =>
            expectation.Args.TryGetValue(name, out var v) ? v
            : Spec.Arg(name)?.Default ?? throw new ArgumentException($"pattern `{Spec.Name}` needs `{name}`");

        public double Number(string name) =>
            Words.TryParseNumber(Text(name), out var x) ? x : throw new ArgumentException($"`{name}` is not a number");

        public bool Bool(string name) => Words.TryParseBool(Text(name), out var b) && b;

        public int Duration(string name) =>
            (int)(Words.ParseDuration(Text(name), out _, out _) ?? throw new ArgumentException($"`{name}` is not a duration"));

        public DateTime Time(string name) => ParseTime(Text(name), name);

        private static DateTime ParseTime(string text, string name) =>
            Words.ParseLocalTime(text, out _) ?? throw new ArgumentException($"`{name}` is not a local time");

        /// <summary>
        /// The partner argument's id as the run's own string, which the events' actors are: an event's actor then equals
        /// it at once by reference, where the argument's text, read from the file, was compared character by character.
        /// </summary>
        public string Id(string name) => PartnerIndex(name) is var i and >= 0 ? Run.Partners[i].Spec.Id : Text(name);

        public int PartnerIndex(string name)
        {
            string id = Text(name);
            for (int i = 0; i < Run.Partners.Length; i++)
            {
                if (Run.Partners[i].Spec.Id == id)
                    return i;
            }
            return -1;
        }

        /// <summary>The hours in [<paramref name="from"/>, <paramref name="until"/>) and in the claim's window, as the first index and the one after the last.</summary>
        public (int Lo, int Hi) Range(DateTime from, DateTime until) => hours.Range(Max(from, From), Min(until, Until));

        /// <summary>Each hour's weekday, time of day and date, by index in the run.</summary>
        public HourClock[] Clock => hours.Clock;

        /// <summary>The hours in [<paramref name="from"/>, <paramref name="until"/>) and in the claim's window.</summary>
        public Hour[] Ticks(DateTime from, DateTime until)
        {
            var (lo, hi) = Range(from, until);
            return hi > lo ? hours.Records[lo..hi] : [];
        }

        /// <summary>The events in [<paramref name="from"/>, <paramref name="until"/>) and in the claim's window, in the run's order.</summary>
        public ArraySegment<SimEvent> Events(DateTime from, DateTime until) => hours.Events(Max(from, From), Min(until, Until));
    }

    /// <summary>
    /// An interpolated detail that is built only when its claim's detail is wanted: the compiler skips every hole
    /// (and the figures formatted in it) when the constructor says no. Formats as a plain <c>$"…"</c> does.
    /// </summary>
    [InterpolatedStringHandler]
    private ref struct DetailText
    {
        private DefaultInterpolatedStringHandler _text;

        public DetailText(int literalLength, int formattedCount, Claim claim, out bool wanted)
        {
            wanted = claim.Detailed;
            if (wanted) _text = new DefaultInterpolatedStringHandler(literalLength, formattedCount);
        }

        public void AppendLiteral(string value) => _text.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

        public void AppendFormatted(string? value) => _text.AppendFormatted(value);

        public string ToStringAndClear() => _text.ToStringAndClear();
    }

    /// <summary>When an hour of a run starts: its weekday, its time of day (in ticks), and its date as days since the run's first.</summary>
    private readonly record struct HourClock(long TimeOfDay, int Date, DayOfWeek Day) // in this order: 16 bytes, not 24
    {
        public int Hour => (int)(TimeOfDay / TimeSpan.TicksPerHour);

        /// <summary>The clock of hours 0 … <paramref name="hours"/> − 1 of a run starting at <paramref name="start"/>.</summary>
        public static HourClock[] Of(DateTime start, int hours)
        {
            var clock = new HourClock[hours];
            var (day, timeOfDay, date) = (start.DayOfWeek, start.TimeOfDay.Ticks, 0);
            for (int t = 0; t < hours; t++)
            {
                clock[t] = new HourClock(timeOfDay, date, day);
                if ((timeOfDay += TimeSpan.TicksPerHour) >= TimeSpan.TicksPerDay)
                    (timeOfDay, day, date) = (timeOfDay - TimeSpan.TicksPerDay, (DayOfWeek)(((int)day + 1) % 7), date + 1);
            }
            return clock;
        }
    }

    /// <summary>
    /// One hour of a run as the detectors read it (what a <see cref="TickRecord"/> says), read from the
    /// timeline's columns when asked: a year of records was 2 MB to build and collect for every run of a sweep.
    /// </summary>
    private readonly struct Hour(Timeline timeline, int tick)
    {
        public int Tick => tick;
        public DateTime Time => timeline.Time(tick);
        public double Closeness => timeline.Closeness(tick);
        public Snapshots Partners => new(timeline, tick);
    }

    /// <summary>Both partners' snapshots of an hour, by index in scenario order.</summary>
    private readonly struct Snapshots(Timeline timeline, int tick) : IEnumerable<PartnerSnapshot>
    {
        public PartnerSnapshot this[int partner] => timeline.Partner(tick, partner);

        public IEnumerator<PartnerSnapshot> GetEnumerator()
        {
            yield return timeline.Partner(tick, 0);
            yield return timeline.Partner(tick, 1);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// A run's hours, listed once for all its claims, and its hours and events found by position:
    /// hour i is the moment start + i hours, and the events come in time order. (Building the records and
    /// scanning every hour and event per claim cost more than a four-week run.)
    /// </summary>
    private sealed class RunHours(RunResult run)
    {
        private Hour[]? _records;

        public RunResult Run { get; } = run;

        public Hour[] Records => _records ??= [.. Enumerable.Range(0, Run.Timeline.Length).Select(t => new Hour(Run.Timeline, t))];

        private HourClock[]? _clock;

        /// <summary>Each hour's weekday, time of day and date, counted on from the run's start once for all claims
        /// (each hour's from its own date took a quarter of the claims' time in a sweep).</summary>
        public HourClock[] Clock => _clock ??= SharedClock(Run.Spec.Start, Run.Timeline.Length);

        /// <summary>The last clock made, kept for the next run: a sweep's runs share start and length, and a clock
        /// is read-only. One reference, swapped whole, so threads never see a clock with another's start.</summary>
        private static Tuple<DateTime, HourClock[]>? s_lastClock;

        private static HourClock[] SharedClock(DateTime start, int hours)
        {
            if (Volatile.Read(ref s_lastClock) is { } last && last.Item1 == start && last.Item2.Length == hours) return last.Item2;
            var clock = HourClock.Of(start, hours);
            Volatile.Write(ref s_lastClock, Tuple.Create(start, clock));
            return clock;
        }

        /// <summary>The indices of the hours at or after <paramref name="from"/> and before <paramref name="until"/>.</summary>
        public (int Lo, int Hi) Range(DateTime from, DateTime until)
        {
            int n = Run.Timeline.Length;
            long start = Run.Spec.Start.Ticks;
            int First(DateTime t) => t.Ticks <= start ? 0 : (int)Math.Min(n, (t.Ticks - start + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour);
            int lo = First(from), hi = First(until);
            return (lo, Math.Max(lo, hi));
        }

        /// <summary>The events in [<paramref name="from"/>, <paramref name="until"/>): a view of the run's, not a copy.</summary>
        public ArraySegment<SimEvent> Events(DateTime from, DateTime until)
        {
            var events = ImmutableCollectionsMarshal.AsArray(Run.Events) ?? [];
            int lo = FirstAtOrAfter(events, from), hi = FirstAtOrAfter(events, until);
            return new ArraySegment<SimEvent>(events, lo, Math.Max(0, hi - lo));
        }
    }
}
