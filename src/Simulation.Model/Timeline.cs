using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Simulation.Model;

/// <summary>
/// A run's hours in order, tick 0 first, one <see cref="TickRecord"/> per hour.
/// </summary>
/// <remarks>
/// Stored by column in blocks of <see cref="BlockHours"/> hours (the closeness, and both partners'
/// snapshots side by side) rather than as one object per hour: a year is 36 small arrays instead of
/// 17,520 objects that every garbage collection during the run had to copy, and a direct run is
/// about 15 % faster for it (docs/performance.md). Reading an hour builds its <see cref="TickRecord"/>; <see cref="Closeness"/>
/// and <see cref="Partner"/> read one value without building it. Immutable: the blocks it shares
/// with its <see cref="Builder"/> are only ever appended to past its <see cref="Length"/> (unless that builder is
/// restarted, which only <see cref="CoupleSimulation.Run{T}"/> does, for a result it lends for one call).
/// </remarks>
[CollectionBuilder(typeof(Timeline), nameof(Create))]
public sealed class Timeline : IReadOnlyList<TickRecord>
{
    /// <summary>Hours per block: a block of snapshots (2 × 512 × 72 bytes) stays under the 85,000 bytes
    /// from which .NET puts an array on the large-object heap, where fresh pages cost more than the run.</summary>
    public const int BlockHours = 512;

    private readonly DateTime _start;
    private readonly double[][] _closeness;
    private readonly PartnerSnapshot[][] _partners;

    private Timeline(DateTime start, double[][] closeness, PartnerSnapshot[][] partners, int length) =>
        (_start, _closeness, _partners, Length) = (start, closeness, partners, length);

    /// <summary>A timeline without hours.</summary>
    public static Timeline Empty { get; } = new(default, [], [], 0);

    /// <summary>Hours in the timeline.</summary>
    public int Length { get; }

    /// <summary>Hours in the timeline (as <see cref="Length"/>).</summary>
    public int Count => Length;

    /// <summary>The hour <paramref name="tick"/> as a record.</summary>
    public TickRecord this[int tick] => new(tick, Time(tick), Closeness(tick), [Partner(tick, 0), Partner(tick, 1)]);

    /// <summary>When hour <paramref name="tick"/> starts.</summary>
    public DateTime Time(int tick) => HourStart(_start, Checked(tick));

    /// <summary>When hour <paramref name="tick"/> of a run starting at <paramref name="start"/> starts (whole hours, no rounding).</summary>
    private static DateTime HourStart(DateTime start, int tick) => start.AddTicks(tick * TimeSpan.TicksPerHour);

    /// <summary>The closeness at the end of hour <paramref name="tick"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Closeness(int tick) => _closeness[Checked(tick) / BlockHours][tick % BlockHours];

    /// <summary>Partner <paramref name="partner"/>'s snapshot (0 or 1, in scenario order) after hour <paramref name="tick"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PartnerSnapshot Partner(int tick, int partner)
    {
        if ((uint)partner > 1) NotAPartner(partner);
        return _partners[Checked(tick) / BlockHours][2 * (tick % BlockHours) + partner];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void NotAPartner(int partner) =>
        throw new ArgumentOutOfRangeException(nameof(partner), partner, "a couple has partners 0 and 1");

    // The throw is out of line so that the readers inline: the claims and figures read every hour of every run of a sweep.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Checked(int tick) => (uint)tick < (uint)Length ? tick : NotAnHour(tick);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int NotAnHour(int tick) =>
        throw new ArgumentOutOfRangeException(nameof(tick), tick, $"the timeline has hours 0 to {Length - 1}");

    /// <summary>A timeline of the given records, which must be the hours 0, 1, 2… of one run, each with two partners.</summary>
    public static Timeline Create(ReadOnlySpan<TickRecord> ticks)
    {
        if (ticks.IsEmpty) return Empty;
        var builder = new Builder(ticks[0].Time);
        foreach (var t in ticks) builder.Add(t);
        return builder.ToTimeline();
    }

    /// <summary>The hours in order, each built as a record.</summary>
    public IEnumerator<TickRecord> GetEnumerator()
    {
        for (int t = 0; t < Length; t++) yield return this[t];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Collects a run's hours as they are closed.</summary>
    public sealed class Builder(DateTime start)
    {
        /// <summary>A builder that goes on from a copy of <paramref name="hours"/>, which must start at <paramref name="start"/>: a run restored from a copy.</summary>
        public Builder(DateTime start, Timeline hours) : this(start)
        {
            if (hours.Length > 0 && hours.Time(0) != start)
                throw new ArgumentException($"the hours start {hours.Time(0):O}, the run {start:O}", nameof(hours));
            for (int t = 0; t < hours.Length; t++) Add(hours.Closeness(t), hours.Partner(t, 0), hours.Partner(t, 1));
        }

        private readonly List<double[]> _closeness = [];
        private readonly List<PartnerSnapshot[]> _partners = [];
        private double[] _closenessBlock = [];
        private PartnerSnapshot[] _partnersBlock = [];

        /// <summary>Hours collected so far.</summary>
        public int Count { get; private set; }

        /// <summary>
        /// Starts again from hour 0 of a run starting at <paramref name="runStart"/>, writing over the blocks it has.
        /// Every timeline this builder handed out changes with it: only for <see cref="CoupleSimulation.Run{T}"/>,
        /// which lends its result for one call.
        /// </summary>
        internal void Restart(DateTime runStart) => (start, Count) = (runStart, 0);

        /// <summary>Adds the next hour.</summary>
        public void Add(double closeness, in PartnerSnapshot first, in PartnerSnapshot second)
        {
            int at = Count % BlockHours;
            if (at == 0)
            {
                int block = Count / BlockHours;
                if (block < _closeness.Count) (_closenessBlock, _partnersBlock) = (_closeness[block], _partners[block]); // restarted
                else
                {
                    _closeness.Add(_closenessBlock = new double[BlockHours]);
                    _partners.Add(_partnersBlock = new PartnerSnapshot[2 * BlockHours]);
                }
            }
            _closenessBlock[at] = closeness;
            _partnersBlock[2 * at] = first;
            _partnersBlock[2 * at + 1] = second;
            Count++;
        }

        /// <summary>Adds an hour the relationship closed, with both partners' settlements of it (in scenario order).</summary>
        public void Add(ClosedHour hour, in Settlement first, in Settlement second)
        {
            // The timeline gives each hour its time from its position, so it must be at this hour.
            if (hour.Tick != Count) NotAtThisHour(hour);
            Add(hour.Closeness, first.Snapshot, second.Snapshot);
        }

        private void NotAtThisHour(ClosedHour hour) => // out of line: Add runs every hour
            throw new ArgumentException($"the timeline has {Count} hours, the hour closed is {hour.Tick}", nameof(hour));

        /// <summary>Adds the next hour from its record, which must be hour <see cref="Count"/> of this run.</summary>
        public void Add(TickRecord record)
        {
            if (record.Tick != Count || record.Time != HourStart(start, Count) || record.Partners.Length != 2)
                throw new ArgumentException($"expected hour {Count} of the run starting {start:O}, with two partners; got hour {record.Tick} at {record.Time:O} with {record.Partners.Length}", nameof(record));
            Add(record.Closeness, record.Partners[0], record.Partners[1]);
        }

        /// <summary>The hours collected so far. Later hours do not change it (a <see cref="Restart"/> does).</summary>
        public Timeline ToTimeline()
        {
            int blocks = (Count + BlockHours - 1) / BlockHours; // a restarted builder may hold more
            return new(start, CollectionsMarshal.AsSpan(_closeness)[..blocks].ToArray(), CollectionsMarshal.AsSpan(_partners)[..blocks].ToArray(), Count);
        }
    }
}
