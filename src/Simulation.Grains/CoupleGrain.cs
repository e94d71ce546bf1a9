using System.Collections.Immutable;
using System.Globalization;
using Orleans.Placement;
using Simulation.Model;

namespace Simulation.Grains;

/// <inheritdoc cref="ICoupleGrain"/>
[RandomPlacement] // runs spread evenly over the silos (the default placement bunches client-called grains)
[GrainType("couple")] // the name on the wire, whatever the class is called
public sealed class CoupleGrain : Grain, ICoupleGrain
{
    private Relationship? _relationship;
    private IPartnerGrain[] _partners = [];
    private ImmutableArray<ResolvedPartner> _resolved;
    private Timeline.Builder _timeline = new(default); // replaced when the run starts
    private readonly List<SimEvent> _events = [];

    public async ValueTask StartAsync(CoupleSpec spec)
    {
        Begin(spec, new Relationship(spec), new Timeline.Builder(spec.Start));
        // both partners activate at once (an activation is the dearest call of a short run)
        await Task.WhenAll(
            _partners[0].StartAsync(spec.Partners[0], spec.Partners[1].Id, spec.Seed).AsTask(),
            _partners[1].StartAsync(spec.Partners[1], spec.Partners[0].Id, spec.Seed).AsTask());
    }

    public async ValueTask RestoreAsync(CoupleSnapshot snapshot)
    {
        // The copy's hours are taken before anything starts: a copy that does not fit leaves this run unstarted.
        var timeline = new Timeline.Builder(snapshot.Spec.Start, snapshot.Timeline);
        Begin(snapshot.Spec, new Relationship(snapshot.Spec, snapshot.Relationship), timeline);
        _events.AddRange(snapshot.Events);
        for (int i = 0; i < 2; i++) await _partners[i].RestoreAsync(snapshot.Partners[i]);
    }

    private void Begin(CoupleSpec spec, Relationship relationship, Timeline.Builder timeline)
    {
        if (_relationship is not null) throw new InvalidOperationException($"run {this.GetPrimaryKeyString()} was already started");
        _relationship = relationship;
        _timeline = timeline;
        _resolved = CoupleSimulation.Resolve(spec);
        string run = this.GetPrimaryKeyString();
        _partners = [.. spec.Partners.Select(p => GrainFactory.GetGrain<IPartnerGrain>($"{run}/{p.Id}"))];
    }

    /// <summary>The run, or (for a run released, collected or never started) an error, and this empty activation goes.</summary>
    private Relationship Started()
    {
        if (_relationship is { } relationship) return relationship;
        DeactivateOnIdle();
        throw new RunNotStartedException(this.GetPrimaryKeyString());
    }

    public async ValueTask<TickBatch> StepAsync(int ticks)
    {
        var relationship = Started();
        int firstTick = _timeline.Count, firstEvent = _events.Count;
        var (first, second) = (_partners[0], _partners[1]);
        // Each partner gets one call an hour: it settles the hour that closed and decides the next one.
        // That works because the next hour's context needs nothing from the settlements (Relationship.Close),
        // and each partner still settles hour t before it decides hour t + 1, as in CoupleSimulation.Step.
        TickOutcome? closedA = null, closedB = null;
        ClosedHour closed = default;
        for (int n = 0; n < ticks && !relationship.Finished; n++)
        {
            var announced = relationship.Announcements();
            // Both partners are asked at once and never call each other: no call cycle, whatever the scheduling.
            var callA = first.HourAsync(new HourCall(closedA, relationship.Context(0)));
            var callB = second.HourAsync(new HourCall(closedB, relationship.Context(1)));
            var replyA = await callA;
            var replyB = await callB;
            if (closedA is not null) Record(closed, replyA.Settled!.Value, replyB.Settled!.Value);

            Append(announced);
            var moveA = replyA.Move!.Value;
            var moveB = replyB.Move!.Value;
            Append(moveA.Events);
            Append(moveB.Events);
            Append(relationship.Resolve(moveA, moveB, out var outA, out var outB));
            closed = relationship.Close();
            (closedA, closedB) = (outA, outB);
        }
        if (closedA is not null)
        {
            // The batch's last hour is settled on its own, so a run stands complete between batches
            // (a change, a fork or a result sees every hour settled).
            var callA = first.HourAsync(new HourCall(closedA, null));
            var callB = second.HourAsync(new HourCall(closedB, null));
            var replyA = await callA;
            var replyB = await callB;
            Record(closed, replyA.Settled!.Value, replyB.Settled!.Value);
        }
        return new TickBatch(_timeline.ToTimeline(), firstTick, [.. _events.Skip(firstEvent)], relationship.Finished);
    }

    /// <summary>An hour both partners have settled: their events, then the hour on the timeline.</summary>
    private void Record(ClosedHour hour, in Settlement a, in Settlement b)
    {
        Append(a.Events);
        Append(b.Events);
        _timeline.Add(hour, a, b);
    }

    private void Append(ImmutableArray<SimEvent> events) => CoupleSimulation.Append(_events, events);

    public async ValueTask ApplyAsync(RunChange change)
    {
        var relationship = Started();
        var spec = relationship.Spec;
        switch (change)
        {
            case InterventionChange iv:
                foreach (var who in iv.Who) IndexOf(who);
                if (iv.Strength is < 0 or > 1 || double.IsNaN(iv.Strength))
                    throw new ArgumentOutOfRangeException(nameof(change), "strength must be between 0 and 1");
                relationship.Add(new Intervention(relationship.Time, iv.Who, iv.Kind, iv.Strength));
                break;
            case TraitChange tc:
                int i = IndexOf(tc.PartnerId);
                Check(tc.Anxiety, "anxiety"); Check(tc.Avoidance, "avoidance");
                await _partners[i].ChangeTraitsAsync(tc.Anxiety, tc.Avoidance, tc.Wound);
                _events.Add(new SimEvent(relationship.Tick, relationship.Time, tc.PartnerId, EventKinds.Intervention, "",
                    Outcomes.None, Describe(tc)));
                break;
            default:
                throw new ArgumentException($"unknown change {change.GetType().Name}", nameof(change));
        }

        int IndexOf(string id) =>
            spec.Partners[0].Id == id ? 0 : spec.Partners[1].Id == id ? 1
            : throw new ArgumentException($"no partner '{id}' in this run", nameof(change));
    }

    private static void Check(double? score, string name)
    {
        if (score is { } s && (s < 1 || s > 7 || double.IsNaN(s)))
            throw new ArgumentOutOfRangeException(name, $"{name} must be between 1 and 7");
    }

    private static string Describe(TraitChange tc)
    {
        var parts = new List<string>();
        if (tc.Anxiety is { } a) parts.Add("anxiety " + a.ToString("0.#", CultureInfo.InvariantCulture));
        if (tc.Avoidance is { } v) parts.Add("avoidance " + v.ToString("0.#", CultureInfo.InvariantCulture));
        if (tc.Wound is { } w) parts.Add("wound " + w.ToString().ToLowerInvariant());
        return "new traits: " + string.Join(", ", parts);
    }

    public async ValueTask ForkAsync(string newRunId)
    {
        var relationship = Started();
        var states = ImmutableArray.Create(await _partners[0].ExportAsync(), await _partners[1].ExportAsync());
        var snapshot = new CoupleSnapshot(relationship.Spec, relationship.Export(), states, _timeline.ToTimeline(), [.. _events]);
        await GrainFactory.GetGrain<ICoupleGrain>(newRunId).RestoreAsync(snapshot);
    }

    public ValueTask<RunResult> GetResultAsync() =>
        ValueTask.FromResult(new RunResult(Started().Spec, _resolved, _timeline.ToTimeline(), [.. _events]));

    public async ValueTask ReleaseAsync()
    {
        await ReleasePartnersAsync();
        DeactivateOnIdle();
    }

    /// <summary>
    /// Idle collection (GrainCollectionOptions) takes an abandoned run: its partners go with it, so nothing
    /// of it lingers. Best effort, as deactivation is in Orleans; the partners' own, longer collection age is the backstop.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A silo shutting down takes every grain with it; calling the partners would only slow the stop.
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown) await ReleasePartnersAsync();
    }

    private async Task ReleasePartnersAsync()
    {
        if (_relationship is null) return;
        _relationship = null;
        _events.Clear();
        await Task.WhenAll(_partners[0].ReleaseAsync().AsTask(), _partners[1].ReleaseAsync().AsTask());
    }
}
