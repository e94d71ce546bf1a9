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
        var windows = spec.Schedule.Where(w => w.Who.Contains(partnerId)).ToArray();
        var lasting = spec.Happenings
            .Where(h => h.Who.Contains(partnerId) && h.Kind is HappeningKind.Stress or HappeningKind.Away)
            .ToArray();

        for (int tick = 0; tick < plan.Length; tick++)
        {
            DateTime time = spec.Start.AddHours(tick);
            double stress = 0, leisure = 0, availability = 1;
            bool asleep = false;
            foreach (var w in windows)
            {
                if (!Covers(w, time)) continue;
                if (w.Stress is { } s) stress = Math.Max(stress, s);
                if (w.Leisure is { } l) leisure = Math.Max(leisure, l);
                if (w.Availability is { } a) availability = Math.Min(availability, a);
                asleep |= w.Asleep;
            }
            foreach (var h in lasting)
            {
                if (time < h.At || time >= h.At.AddHours(h.Hours)) continue;
                if (h.Kind == HappeningKind.Stress) stress = Math.Max(stress, h.Strength);
                else availability = Math.Min(availability, 1 - h.Strength);
            }
            plan[tick] = new Circumstances(stress, availability, leisure, asleep);
        }
        return plan;
    }

    /// <summary>Whether a recurring window covers a moment; a window that wraps past midnight belongs to the day it starts.</summary>
    public static bool Covers(ScheduleWindow w, DateTime time)
    {
        if (w.Since is { } since && time < since) return false;
        if (w.Until is { } until && time >= until) return false;
        var clock = TimeOnly.FromDateTime(time);
        if (w.From < w.To)
            return clock >= w.From && clock < w.To && w.Days.Contains(time.DayOfWeek);
        // Wraps: the evening part belongs to today, the morning part to yesterday's window.
        if (clock >= w.From) return w.Days.Contains(time.DayOfWeek);
        if (clock < w.To) return w.Days.Contains(time.AddDays(-1).DayOfWeek);
        return false;
    }
}
