using System.Globalization;
using Simulation.Reports.Svg;

namespace Simulation.Reports;

/// <summary>
/// Date ticks for an x axis measured in days since the run's start: weekday labels for short
/// runs ("Sat 7 Mar", or "Sat" per day and the date each week), weekly or monthly labels for long ones.
/// </summary>
public static class TimeAxis
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Ticks for a run from <paramref name="start"/> lasting <paramref name="hours"/>, drawn <paramref name="widthPx"/> wide.</summary>
    public static IReadOnlyList<Tick> Ticks(DateTime start, int hours, double widthPx)
    {
        double days = Math.Max(hours, 1) / 24.0;
        double pxPerDay = widthPx / days;
        var ticks = new List<Tick>();
        DateTime end = start.AddHours(hours);
        double X(DateTime t) => (t - start).TotalHours / 24.0;
        var midnights = new List<DateTime>();
        for (var d = start.Date.AddDays(1); d < end; d = d.AddDays(1)) midnights.Add(d);

        if (pxPerDay >= 22)
        {
            bool full = pxPerDay >= 100;
            foreach (var m in midnights)
                ticks.Add(new Tick(X(m), "", Grid: true, Major: !full && m.DayOfWeek == start.DayOfWeek));
            // one label per day, centred on the part of the day the run covers
            for (var d = start.Date; d < end; d = d.AddDays(1))
            {
                var from = d < start ? start : d;
                var to = d.AddDays(1) > end ? end : d.AddDays(1);
                if ((to - from).TotalHours < 12) continue; // a sliver of a day gets no label
                double centre = (X(from) + X(to)) / 2;
                string label = full ? RunText.Day(d) : pxPerDay >= 36 ? d.ToString("ddd", C) : d.ToString("ddd", C)[..2];
                ticks.Add(new Tick(centre, label, Row: 0, Grid: false));
            }
            if (!full)
            {
                // the date once a week, on the weekday the run started
                ticks.Add(new Tick(0, RunText.Day(start), Row: 1, Grid: false, Major: true));
                foreach (var m in midnights.Where(m => m.DayOfWeek == start.DayOfWeek && X(m) < days - 0.5))
                    ticks.Add(new Tick(X(m), RunText.Day(m), Row: 1, Grid: false, Major: true));
            }
            return ticks;
        }

        double pxPerWeek = pxPerDay * 7;
        if (pxPerWeek >= 64)
        {
            foreach (var m in midnights.Where(m => m.DayOfWeek == DayOfWeek.Monday))
                ticks.Add(new Tick(X(m), m.ToString("d MMM", C), Row: 0, Grid: true, Major: m.Day <= 7));
            return ticks;
        }

        if (pxPerDay * 30.4 < 45)
        {
            // years; months only as light grid lines
            foreach (var m in midnights.Where(m => m.Day == 1))
                ticks.Add(m.Month == 1
                    ? new Tick(X(m), m.ToString("yyyy", C), Row: 0, Grid: true, Major: true)
                    : new Tick(X(m), "", Row: 0, Grid: m.Month % 3 == 1));
            return ticks;
        }

        // months; the year on January and on the first label
        bool first = true;
        foreach (var m in midnights.Where(m => m.Day == 1))
        {
            ticks.Add(new Tick(X(m), first || m.Month == 1 ? m.ToString("MMM yyyy", C) : m.ToString("MMM", C), Row: 0, Grid: true, Major: m.Month == 1));
            first = false;
        }
        return ticks;
    }
}
