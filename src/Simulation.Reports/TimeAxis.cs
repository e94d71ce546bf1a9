using System.Globalization;

namespace Simulation.Reports;

/// <summary>A time axis measured in days since the run's start: labels centred on what they name, and two weights of grid line.</summary>
/// <param name="Labels">Label positions (days) and text; a second line holds the date or year where one is due.</param>
/// <param name="Grid">Light grid lines: midnights, or the start of each week or month on long runs.</param>
/// <param name="Strong">Strong grid lines: the start of each week of the run, or of each month or year on long runs.</param>
/// <param name="Unit">What one label covers: "day", "month" or "year".</param>
public sealed record TimeTicks(IReadOnlyList<(double X, string Label)> Labels, IReadOnlyList<double> Grid, IReadOnlyList<double> Strong, string Unit);

/// <summary>
/// Date ticks for a run's charts. Up to 8 weeks a label names each day ("Sat 7 Mar", or "Sat" with
/// the date under the first day of each week of the run, or from six weeks on "S"); beyond 8 weeks each month
/// ("Apr", the year under January and under the first month); beyond about three years each year.
/// </summary>
public static class TimeAxis
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Up to this length (8 weeks) the axis names days; beyond it, months.</summary>
    public const int DailyLabelsUpToHours = 8 * 7 * 24;

    /// <summary>Ticks for a run from <paramref name="start"/> lasting <paramref name="hours"/>, drawn <paramref name="widthPx"/> wide (1920×1080 design pixels).</summary>
    public static TimeTicks Ticks(DateTime start, int hours, double widthPx)
    {
        double days = Math.Max(hours, 1) / 24.0;
        double pxPerDay = widthPx / days;
        DateTime end = start.AddHours(Math.Max(hours, 1));
        double X(DateTime t) => (t - start).TotalHours / 24.0;
        var labels = new List<(double, string)>();
        var grid = new List<double>();
        var strong = new List<double>();

        // a label centred on the part of [from, to) the run covers, when it covers enough of it to read
        void Centred(DateTime from, DateTime to, string label, double minShare)
        {
            var a = from < start ? start : from;
            var b = to > end ? end : to;
            if (b <= a || (b - a).TotalHours < (to - from).TotalHours * minShare) return;
            labels.Add(((X(a) + X(b)) / 2, label));
        }

        if (hours <= DailyLabelsUpToHours)
        {
            bool full = pxPerDay >= 150; // room for "Sat 7 Mar" under every day (a week or two)
            // "Sat" needs about 44 px; narrower days (six to eight weeks) get the day's initial, as a calendar's
            // M T W T F S S, so the names do not run together ("SaSuMoTuWeThuFri" at eight weeks)
            bool initials = pxPerDay < 44;
            for (var d = start.Date; d < end; d = d.AddDays(1))
            {
                if (d > start) (d.DayOfWeek == start.DayOfWeek && !full ? strong : grid).Add(X(d));
                bool weekStart = d == start.Date || d.DayOfWeek == start.DayOfWeek;
                string name = initials ? d.ToString("ddd", C)[..1] : d.ToString("ddd", C);
                string label = full ? RunText.Day(d) : weekStart ? $"{name}\n{d.ToString("d MMM", C)}" : name;
                Centred(d, d.AddDays(1), label, 0.5);
            }
            return new TimeTicks(labels, grid, strong, "day");
        }

        var months = new List<DateTime>();
        for (var m = new DateTime(start.Year, start.Month, 1); m < end; m = m.AddMonths(1)) months.Add(m);
        if (pxPerDay * 30.4 >= 60)
        {
            // months, named in the middle; weekly grid lines while weeks are wide enough to see
            bool first = true;
            foreach (var m in months)
            {
                if (m > start) strong.Add(X(m));
                int before = labels.Count;
                Centred(m, m.AddMonths(1), first || m.Month == 1 ? $"{m.ToString("MMM", C)}\n{m.Year}" : m.ToString("MMM", C), 0.4);
                if (labels.Count > before) first = false;
            }
            if (pxPerDay * 7 >= 24)
                for (var d = start.Date.AddDays(1); d < end; d = d.AddDays(1))
                    if (d.DayOfWeek == DayOfWeek.Monday && d.Day != 1) grid.Add(X(d));
            return new TimeTicks(labels, grid, strong, "month");
        }

        // years, named in the middle; a light line at each quarter
        foreach (var m in months.Where(m => m > start))
            if (m.Month == 1) strong.Add(X(m));
            else if (m.Month % 3 == 1) grid.Add(X(m));
        for (int y = start.Year; y <= end.Year; y++)
            Centred(new DateTime(y, 1, 1), new DateTime(y + 1, 1, 1), y.ToString(C), 0.5);
        return new TimeTicks(labels, grid, strong, "year");
    }
}
