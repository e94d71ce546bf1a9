using System.Collections.Immutable;
using Simulation.Model;

namespace Simulation.Reports;

/// <summary>One row of a partner's lane: a kind of marker and how many fell in each time bin.</summary>
/// <param name="Counts">Bin index and number of markers, in time order; empty bins are left out.</param>
public sealed record LaneRow(MarkKind Kind, ImmutableArray<(int Bin, int Count)> Counts)
{
    public int Total => Counts.Sum(c => c.Count);
}

/// <summary>A partner's events as counts per time bin, one row per kind of marker that occurs.</summary>
public sealed record EventLane(string PartnerId, ImmutableArray<LaneRow> Rows);

/// <summary>
/// Counts each partner's chart markers (<see cref="ChartMarks"/>) per time bin, so a lane stays
/// readable at any length: bins are as short as a marker is wide (3 hours at one week,
/// 12 hours at four, 2 days at sixteen, a week over a year), aligned on local midnight (weeks and longer on the
/// run's first day), and a marker's size tells its count.
/// </summary>
public sealed record EventLanes(int BinHours, double StartOffsetHours, int Hours, ImmutableArray<EventLane> Lanes)
{
    /// <summary>The bin lengths to choose from, in hours.</summary>
    public static ImmutableArray<int> BinChoices { get; } = [1, 2, 3, 6, 12, 24, 48, 72, 7 * 24, 28 * 24, 91 * 24];

    /// <summary>The shortest bin at least <paramref name="minPx"/> wide when the run is drawn <paramref name="widthPx"/> wide.</summary>
    public static int ChooseBin(int hours, double widthPx, double minPx)
    {
        double pxPerHour = widthPx / Math.Max(1, hours);
        foreach (int b in BinChoices)
            if (b * pxPerHour >= minPx) return b;
        return BinChoices[^1];
    }

    /// <summary>Counts the run's markers in bins of <paramref name="binHours"/>.</summary>
    public static EventLanes For(RunResult run, int binHours)
    {
        double offset = run.Spec.Start.TimeOfDay.TotalHours; // bins start at the first day's midnight
        var ids = run.Partners.Select(p => p.Spec.Id).ToHashSet(StringComparer.Ordinal);
        var marks = run.Events.SelectMany(e => ChartMarks.For(e, ids).Select(m => (m.PartnerId, m.Kind, Bin: (int)Math.Floor((e.Tick + offset) / binHours)))).ToList();
        var lanes = run.Partners.Select(p =>
        {
            string id = p.Spec.Id;
            var rows = ChartMarks.All
                .Select(kind => new LaneRow(kind, [.. marks.Where(m => m.PartnerId == id && m.Kind == kind).GroupBy(m => m.Bin).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))]))
                .Where(r => r.Counts.Length > 0)
                .ToImmutableArray();
            return new EventLane(id, rows);
        }).ToImmutableArray();
        return new EventLanes(binHours, offset, run.Timeline.Length, lanes);
    }

    /// <summary>The largest count in any bin of any lane.</summary>
    public int MaxCount => Lanes.SelectMany(l => l.Rows).SelectMany(r => r.Counts).Select(c => c.Count).DefaultIfEmpty(0).Max();

    /// <summary>The part of the run a bin covers, in days since the start.</summary>
    public (double From, double To) Span(int bin) =>
        (Math.Max(0, bin * BinHours - StartOffsetHours) / 24.0, Math.Min(Hours, (bin + 1) * BinHours - StartOffsetHours) / 24.0);

    /// <summary>"2 hours", "12 hours", "day", "week", "4 weeks".</summary>
    public string BinWords => BinHours switch
    {
        1 => "hour",
        24 => "day",
        48 => "2 days",
        72 => "3 days",
        168 => "week",
        _ when BinHours % 168 == 0 => $"{BinHours / 168} weeks",
        _ => $"{BinHours} hours",
    };
}
