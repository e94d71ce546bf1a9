using Simulation.Grains;
using Simulation.Model;
using Orleans;
using Orleans.Runtime;

namespace Simulation.Web;

/// <summary>One live run as the server tracks it: its couple grain and where it stands.</summary>
internal sealed class RunEntry(string id, string scenario, ICoupleGrain grain, CoupleSpec spec, string? parent, int forkedAt)
{
    public string Id { get; } = id;
    public string Scenario { get; } = scenario;
    public ICoupleGrain Grain { get; } = grain;
    public string? Parent { get; } = parent;
    public int ForkedAt { get; } = forkedAt;

    /// <summary>Serialises this run's requests so its tick count always matches its grain (step vs. branch).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>
    /// Set, under <see cref="Gate"/>, when the run is deleted: a request that found the run before and got
    /// the gate after answers 404 instead of calling a grain that no longer holds it.
    /// </summary>
    public bool Released { get; set; }

    /// <summary>The spec with the traits currently in force (trait changes update it).</summary>
    public CoupleSpec Spec { get; set; } = spec;

    /// <summary>Partner names by id, and the ids: fixed for a run (trait changes keep them), so built once.</summary>
    public IReadOnlyDictionary<string, string> Names { get; } = spec.Partners.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
    public IReadOnlySet<string> PartnerIds { get; } = spec.Partners.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
    public int Tick { get; set; } = forkedAt;
    public bool Finished { get; set; }

    private long _lastUsed = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>When a request last found this run (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch() => Volatile.Write(ref _lastUsed, System.Diagnostics.Stopwatch.GetTimestamp());

    public RunInfo Info() => new(
        Id, Scenario, Parent, ForkedAt, Tick, Finished, Spec.Start, Spec.Hours, Spec.Seed,
        Spec.Partners.Select(WorkshopMapping.Partner).ToArray(), WorkshopMapping.Interventions(Spec));
}

/// <summary>Raised when a new run would exceed <see cref="WorkshopOptions.MaxRuns"/>; the message says what to do.</summary>
internal sealed class TooManyRunsException(int max, TimeSpan idle)
    : Exception($"the server holds {max} runs, its limit: press \u201cFree all runs\u201d to end them all (every open tab's), " +
                $"close workshop tabs you no longer use, or wait: a run nobody uses is freed after {idle.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} minutes");

/// <summary>
/// The live runs, each a couple grain keyed by its run id, and a cap on how many exist at once.
/// Runs nobody uses are not swept by us: Orleans collects their grains after
/// <see cref="WorkshopOptions.IdleRelease"/> (GrainCollectionOptions), and this list follows what Orleans holds.
/// </summary>
internal sealed class RunRegistry(WorkshopOptions options, IGrainFactory grains)
{
    private static readonly GrainType CoupleType = GrainType.Create("couple");

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RunEntry> _runs = new(StringComparer.Ordinal);
    private int _reserved;

    public int Count { get { lock (_lock) return _runs.Count; } }

    /// <summary>Starts a new run of <paramref name="spec"/>.</summary>
    public async Task<RunEntry> CreateAsync(string scenario, CoupleSpec spec)
    {
        await ReserveAsync();
        string id = NewId();
        try
        {
            var grain = grains.GetGrain<ICoupleGrain>(id);
            await grain.StartAsync(spec);
            return Add(new RunEntry(id, scenario, grain, spec, null, 0));
        }
        finally { Unreserve(); }
    }

    /// <summary>Forks <paramref name="source"/> as it stands now into a new run (the caller holds its gate).</summary>
    public async Task<RunEntry> ForkAsync(RunEntry source)
    {
        await ReserveAsync();
        string id = NewId();
        try
        {
            await source.Grain.ForkAsync(id);
            var grain = grains.GetGrain<ICoupleGrain>(id);
            return Add(new RunEntry(id, source.Scenario, grain, source.Spec, source.Id, source.Tick) { Finished = source.Finished });
        }
        finally { Unreserve(); }
    }

    /// <summary>The run <paramref name="id"/>; null if unknown or released.</summary>
    public RunEntry? Find(string id)
    {
        RunEntry? run;
        lock (_lock) run = _runs.GetValueOrDefault(id);
        run?.Touch();
        return run;
    }

    /// <summary>Drops the run and its grains' state; false if it was not there.</summary>
    public async Task<bool> ReleaseAsync(string id)
    {
        RunEntry? run;
        lock (_lock)
        {
            if (!_runs.Remove(id, out run)) return false;
        }
        // Waits for a step or branch under way to finish; whoever waits after this finds it released.
        await run.Gate.WaitAsync();
        try
        {
            run.Released = true;
            await run.Grain.ReleaseAsync();
        }
        catch (RunNotStartedException)
        {
            // Orleans had collected it already: released all the same.
        }
        finally { run.Gate.Release(); }
        return true;
    }

    /// <summary>Releases each of <paramref name="ids"/> that is a run here; returns how many were.</summary>
    public async Task<int> ReleaseAsync(IEnumerable<string> ids)
    {
        int released = 0;
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
            if (await ReleaseAsync(id)) released++;
        return released;
    }

    /// <summary>Releases every run (a trainer's "free all runs"); returns how many there were.</summary>
    public Task<int> ReleaseAllAsync()
    {
        string[] ids;
        lock (_lock) ids = [.. _runs.Keys];
        return ReleaseAsync(ids);
    }

    /// <summary>Forgets a run whose grain Orleans has collected (a call found it empty).</summary>
    public void Forget(string id)
    {
        lock (_lock) _runs.Remove(id);
    }

    /// <summary>Forgets every run whose couple grain Orleans no longer holds; returns how many.</summary>
    public async Task<int> ForgetCollectedAsync()
    {
        // Only runs nobody used since before the question: one created or used meanwhile may be missing
        // from Orleans' answer without having gone (the load test found live runs forgotten, then 404s).
        long asked = System.Diagnostics.Stopwatch.GetTimestamp();
        var active = (await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(CoupleType))
            .Select(g => g.Key.ToString()).ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            var gone = _runs.Where(r => !active.Contains(r.Key) && r.Value.LastUsed < asked).Select(r => r.Key).ToArray();
            foreach (var id in gone) _runs.Remove(id);
            return gone.Length;
        }
    }

    private async Task ReserveAsync()
    {
        // At the cap, first let go of runs Orleans has collected meanwhile; only then refuse.
        if (!TryReserve())
        {
            await ForgetCollectedAsync();
            if (!TryReserve()) throw new TooManyRunsException(options.MaxRuns, options.IdleRelease);
        }
    }

    private bool TryReserve()
    {
        lock (_lock)
        {
            if (_runs.Count + _reserved >= options.MaxRuns) return false;
            _reserved++;
            return true;
        }
    }

    private void Unreserve()
    {
        lock (_lock) _reserved--;
    }

    private RunEntry Add(RunEntry run)
    {
        lock (_lock) _runs.Add(run.Id, run);
        return run;
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];
}

/// <summary>Model types to the page's JSON shapes.</summary>
internal static class WorkshopMapping
{
    public static PartnerInfo Partner(PartnerSpec p) => new(
        p.Id, p.Name, p.Anxiety, p.Avoidance, Reports.RunText.Wound(p.Wound),
        AttachmentStyle.Name(p.Anxiety, p.Avoidance), AttachmentStyle.Hendrix(p.Anxiety, p.Avoidance));

    public static TickView Tick(TickRecord t) => new(
        t.Tick, t.Time, t.Closeness,
        t.Partners.Select(s => new PartnerTick(
            s.Stance, s.Distress, s.Hurt, s.Withdrawn, s.Anxiety, s.Avoidance,
            Circ(s.Circumstances))).ToArray());

    private static Circ Circ(Circumstances c) => new(c.Stress, c.Availability, c.Leisure, c.Asleep);

    /// <summary>A spec's scheduled interventions inside its run (a shortened run never reaches the later ones), with the hour each starts in.</summary>
    public static InterventionInfo[] Interventions(CoupleSpec spec) => spec.Interventions
        .Where(i => i.At >= spec.Start && i.At < spec.Start.AddHours(spec.Hours))
        .Select(i => new InterventionInfo((int)Math.Floor((i.At - spec.Start).TotalHours), i.At, i.Who, i.Kind.ToString().ToLowerInvariant(), i.Strength))
        .ToArray();

    public static EventView Event(SimEvent e, RunEntry run) => new(
        e.Tick, e.Time, e.Actor, e.Kind, e.Target, e.Outcome, e.Reason, e.Tone, Captions.For(e, run.Names),
        Reports.ChartMarks.For(e, run.PartnerIds).Select(m => new EventMark(m.PartnerId, m.Kind.Key)).ToArray());

    /// <summary>Colours and markers of <see cref="Reports.ClosenessChart"/>, for the page's legend and lanes.</summary>
    public static VisualInfo Visual { get; } = new(
        Reports.Charts.ChartPalette.Partners,
        new Dictionary<string, string>
        {
            // The report's closeness chart's (leisure and sleep across the panels; work and stress on lanes).
            ["leisure"] = Reports.ClosenessChart.LeisureColor, ["work"] = Reports.ClosenessChart.WorkColor,
            ["stress"] = Reports.ClosenessChart.StressColor, ["sleep"] = Reports.ClosenessChart.SleepColor,
            // compare.png's: run B (here the branch), and the hours it is closer or further apart than A.
            ["branch"] = Reports.Charts.ChartPalette.RunB, ["closer"] = Reports.Charts.ChartPalette.Closer,
            ["further"] = Reports.Charts.ChartPalette.FurtherApart,
        },
        Reports.ChartMarks.All.Select(m => new MarkInfo(m.Key, m.Label, m.Shape.ToString(), m.Color, m.Row)).ToArray());
}
