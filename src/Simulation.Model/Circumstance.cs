using System.Collections.Immutable;

namespace Simulation.Model;

/// <summary>
/// Resolves the schedule and the lasting happenings (stress, away) into one <see cref="Circumstances"/>
/// per partner per hour. Computed once per run; pure.
/// </summary>
public static class CircumstancePlan
{
    public static Circumstances[] For(CoupleSpec spec, string partnerId)
    {
        var plan = new Circumstances[spec.Hours];
        var windows = spec.Schedule.Where(w => w.Who.Contains(partnerId)).Select(w => new Window(w)).ToArray();
        var lasting = spec.Happenings
            .Where(h => h.Who.Contains(partnerId) && h.Kind is HappeningKind.Stress or HappeningKind.Away)
            .Select(h => (From: h.At.Ticks, Until: h.At.AddHours(h.Hours).Ticks, h.Kind, h.Strength))
            .ToArray();

        // The clock advances an hour per tick; day and minute are carried along rather than recomputed from the date.
        DateTime start = spec.Start;
        int minute = start.Hour * 60 + start.Minute, day = (int)start.DayOfWeek;
        for (int tick = 0; tick < plan.Length; tick++)
        {
            long time = start.Ticks + tick * TimeSpan.TicksPerHour;
            int today = 1 << day, yesterday = 1 << (day + 6) % 7;
            double stress = 0, leisure = 0, availability = 1;
            bool asleep = false;
            foreach (var w in windows)
            {
                if (!w.Covers(time, minute, today, yesterday)) continue;
                var s = w.Source;
                if (s.Stress is { } st) stress = Math.Max(stress, st);
                if (s.Leisure is { } l) leisure = Math.Max(leisure, l);
                if (s.Availability is { } a) availability = Math.Min(availability, a);
                asleep |= s.Asleep;
            }
            foreach (var h in lasting)
            {
                if (time < h.From || time >= h.Until) continue;
                if (h.Kind == HappeningKind.Stress) stress = Math.Max(stress, h.Strength);
                else availability = Math.Min(availability, 1 - h.Strength);
            }
            plan[tick] = new Circumstances(stress, availability, leisure, asleep);
            if ((minute += 60) >= 24 * 60) { minute -= 24 * 60; day = (day + 1) % 7; }
        }
        return plan;
    }

    /// <summary>A window with its days as a bit mask, its clock times in minutes and its period in ticks, for the hourly loop.</summary>
    private readonly struct Window(ScheduleWindow source)
    {
        public ScheduleWindow Source { get; } = source;
        private readonly int _days = source.Days.Aggregate(0, (mask, d) => mask | 1 << (int)d);
        private readonly int _from = source.From.Hour * 60 + source.From.Minute, _to = source.To.Hour * 60 + source.To.Minute;
        private readonly long _since = source.Since?.Ticks ?? long.MinValue, _until = source.Until?.Ticks ?? long.MaxValue;

        public bool Covers(long time, int minute, int today, int yesterday)
        {
            if (time < _since || time >= _until) return false;
            if (_from < _to) return minute >= _from && minute < _to && (_days & today) != 0;
            if (minute >= _from) return (_days & today) != 0;
            return minute < _to && (_days & yesterday) != 0;
        }
    }
}
