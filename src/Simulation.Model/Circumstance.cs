namespace Simulation.Model;

/// <summary>
/// The schedule and the lasting happenings (stress, away) resolved into one <see cref="Circumstances"/>
/// per hour of a run, for one partner. Computed once per run; pure.
/// </summary>
/// <remarks>
/// Windows combine by maximum (stress, leisure), minimum (availability) and "or" (asleep), which do not
/// depend on order. So the plan is built in layers: one week of the windows that always apply, which
/// repeats for the whole run, and only over the hours where windows with a <c>since</c>/<c>until</c> or
/// lasting happenings apply, an explicit stretch with those combined in. A year-long run then needs a
/// few kilobytes instead of a fresh 280 KB array per partner, which cost a tenth of its time in page faults.
/// </remarks>
public sealed class CircumstancePlan : IReadOnlyList<Circumstances>
{
    private const int WeekHours = 7 * 24;

    private readonly Circumstances[] _week;    // hour i of the run's first week, recurring windows only
    private readonly Circumstances[] _special; // hours _specialFrom … with everything combined
    private readonly int _specialFrom, _hours;

    private CircumstancePlan(Circumstances[] week, Circumstances[] special, int specialFrom, int hours) =>
        (_week, _special, _specialFrom, _hours) = (week, special, specialFrom, hours);

    /// <summary>The circumstances of hour <paramref name="tick"/> of the run.</summary>
    public Circumstances this[int tick]
    {
        get
        {
            if ((uint)tick >= (uint)_hours) throw new ArgumentOutOfRangeException(nameof(tick));
            int i = tick - _specialFrom;
            return (uint)i < (uint)_special.Length ? _special[i] : _week[tick % WeekHours];
        }
    }

    public int Count => _hours;

    public IEnumerator<Circumstances> GetEnumerator()
    {
        for (int tick = 0; tick < _hours; tick++) yield return this[tick];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Both partners' plans, in scenario order.</summary>
    public static CircumstancePlan[] ForBoth(CoupleSpec spec) => [For(spec, spec.Partners[0].Id), For(spec, spec.Partners[1].Id)];

    /// <summary>
    /// Whether plans made for <paramref name="made"/> hold for <paramref name="spec"/>: the same start, hours, partners'
    /// ids, schedule and happenings (the same arrays; a sweep's runs change traits and seeds, and share these).
    /// </summary>
    public static bool Fit(CoupleSpec made, CoupleSpec spec) =>
        made.Start == spec.Start && made.Hours == spec.Hours && made.Schedule == spec.Schedule && made.Happenings == spec.Happenings
        && made.Partners.Length == spec.Partners.Length && made.Partners.Select(p => p.Id).SequenceEqual(spec.Partners.Select(p => p.Id));

    public static CircumstancePlan For(CoupleSpec spec, string partnerId)
    {
        var windows = spec.Schedule.Where(w => w.Who.Contains(partnerId)).Select(w => new Window(w)).ToArray();
        var bounded = windows.Where(w => !w.Always).Select(w => (Window: w, Hours: Hours(spec, w.Since, w.Until)))
            .Where(b => b.Hours.From < b.Hours.Until).ToArray();
        var lasting = spec.Happenings
            .Where(h => h.Who.Contains(partnerId) && h.Kind is HappeningKind.Stress or HappeningKind.Away)
            .Select(h => (Hours: Hours(spec, h.At.Ticks, h.At.AddHours(h.Hours).Ticks), h.Kind, h.Strength))
            .ToArray();

        // After a week the clock shows the same day and minute again, so the recurring windows repeat.
        var week = new Circumstances[Math.Min(WeekHours, spec.Hours)];
        Array.Fill(week, Circumstances.Ordinary);
        Cover(week, spec.Start, 0, [.. windows.Where(w => w.Always)]);

        // The stretch of hours that something bounded touches, with the week repeated into it first.
        var spans = bounded.Select(b => b.Hours).Concat(lasting.Select(h => h.Hours)).Where(s => s.From < s.Until).ToArray();
        if (spans.Length == 0) return new CircumstancePlan(week, [], 0, spec.Hours);
        int from = spans.Min(s => s.From), until = spans.Max(s => s.Until);
        var special = new Circumstances[until - from];
        for (int i = 0; i < special.Length; i++) special[i] = week[(from + i) % WeekHours];

        foreach (var (w, (since, before)) in bounded)
            Cover(special.AsSpan(since - from, before - since), spec.Start, since, [w]);
        foreach (var ((since, before), kind, strength) in lasting)
        {
            for (int tick = since; tick < before; tick++)
            {
                ref var c = ref special[tick - from];
                c = kind == HappeningKind.Stress
                    ? c with { Stress = Math.Max(c.Stress, strength) }
                    : c with { Availability = Math.Min(c.Availability, 1 - strength) };
            }
        }
        return new CircumstancePlan(week, special, from, spec.Hours);
    }

    /// <summary>
    /// Combines <paramref name="windows"/> into <paramref name="hours"/>, which begin at tick <paramref name="first"/>.
    /// The hours lie inside each window's since/until (the callers cut them so), so only the clock is checked.
    /// </summary>
    private static void Cover(Span<Circumstances> hours, DateTime start, int first, Window[] windows)
    {
        // The clock advances an hour per tick; day and minute are carried along rather than recomputed from the date.
        DateTime at = start.AddHours(first);
        int minute = at.Hour * 60 + at.Minute, day = (int)at.DayOfWeek;
        for (int i = 0; i < hours.Length; i++)
        {
            int today = 1 << day, yesterday = 1 << (day + 6) % 7;
            var c = hours[i];
            double stress = c.Stress, leisure = c.Leisure, availability = c.Availability;
            bool asleep = c.Asleep;
            foreach (var w in windows)
            {
                if (!w.Covers(minute, today, yesterday)) continue;
                var s = w.Source;
                if (s.Stress is { } st) stress = Math.Max(stress, st);
                if (s.Leisure is { } l) leisure = Math.Max(leisure, l);
                if (s.Availability is { } a) availability = Math.Min(availability, a);
                asleep |= s.Asleep;
            }
            hours[i] = new Circumstances(stress, availability, leisure, asleep);
            if ((minute += 60) >= 24 * 60) { minute -= 24 * 60; day = (day + 1) % 7; }
        }
    }

    /// <summary>The ticks from <paramref name="since"/> (inclusive) to <paramref name="until"/> (exclusive), within the run.</summary>
    private static (int From, int Until) Hours(CoupleSpec spec, long since, long until)
    {
        long start = spec.Start.Ticks, end = start + spec.Hours * TimeSpan.TicksPerHour;
        // Tick t is the moment start + t hours, so the first tick at or after a moment is the ceiling.
        int Tick(long moment) => moment <= start ? 0 : moment >= end ? spec.Hours
            : (int)((moment - start + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour);
        return (Tick(since), Tick(until));
    }

    /// <summary>A window with its days as a bit mask, its clock times in minutes and its period in ticks, for the hourly loop.</summary>
    private readonly struct Window(ScheduleWindow source)
    {
        public ScheduleWindow Source { get; } = source;
        private readonly int _days = source.Days.Aggregate(0, (mask, d) => mask | 1 << (int)d);
        private readonly int _from = source.From.Hour * 60 + source.From.Minute, _to = source.To.Hour * 60 + source.To.Minute;
        public long Since { get; } = source.Since?.Ticks ?? long.MinValue;
        public long Until { get; } = source.Until?.Ticks ?? long.MaxValue;

        /// <summary>Applies to the whole run: no since or until.</summary>
        public bool Always => Since == long.MinValue && Until == long.MaxValue;

        /// <summary>Whether the window's days and clock times cover a moment (its since/until are the caller's part).</summary>
        public bool Covers(int minute, int today, int yesterday)
        {
            if (_from < _to) return minute >= _from && minute < _to && (_days & today) != 0;
            if (minute >= _from) return (_days & today) != 0;
            return minute < _to && (_days & yesterday) != 0;
        }
    }
}
