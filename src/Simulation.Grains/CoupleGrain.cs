using System.Collections.Immutable;
using System.Globalization;
using Simulation.Model;
using Simulation.Runtime;

namespace Simulation.Grains;

/// <inheritdoc cref="ICoupleGrain"/>
public sealed class CoupleGrain : Grain, ICoupleGrain
{
    private Relationship? _relationship;
    private IPartnerGrain[] _partners = [];
    private ImmutableArray<ResolvedPartner> _resolved;
    private Timeline.Builder _timeline = new(default); // replaced when the run starts
    private readonly List<SimEvent> _events = [];

    private Relationship Relationship => _relationship ?? throw new InvalidOperationException($"run {this.GetPrimaryKeyString()} was not started");

    public async ValueTask StartAsync(CoupleSpec spec)
    {
        Begin(spec, new Relationship(spec), new Timeline.Builder(spec.Start));
        for (int i = 0; i < 2; i++)
            await _partners[i].StartAsync(spec.Partners[i], spec.Partners[1 - i].Id, spec.Seed);
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

    public async ValueTask<TickBatch> StepAsync(int ticks)
    {
        var relationship = Relationship;
        int firstTick = _timeline.Count, firstEvent = _events.Count;
        var (first, second) = (_partners[0], _partners[1]);
        for (int n = 0; n < ticks && !relationship.Finished; n++)
        {
            // Lockstep hour: both partners decide in parallel, the couple resolves their reaches,
            // both take in the outcome in parallel. Partners never call each other.
            Append(relationship.Announcements());
            var decideA = first.DecideAsync(relationship.Context(0));
            var decideB = second.DecideAsync(relationship.Context(1));
            var moveA = await decideA;
            var moveB = await decideB;
            Append(moveA.Events);
            Append(moveB.Events);
            var reached = relationship.Resolve(moveA, moveB, out var outA, out var outB);
            Append(reached);
            var hour = relationship.Close();
            var settleA = first.SettleAsync(outA);
            var settleB = second.SettleAsync(outB);
            var settledA = await settleA;
            var settledB = await settleB;
            Append(settledA.Events);
            Append(settledB.Events);
            _timeline.Add(hour, settledA, settledB);
        }
        return new TickBatch(_timeline.ToTimeline(), firstTick, [.. _events.Skip(firstEvent)], relationship.Finished);
    }

    private void Append(ImmutableArray<SimEvent> events) => CoupleSimulation.Append(_events, events);

    public async ValueTask ApplyAsync(RunChange change)
    {
        var relationship = Relationship;
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
        var relationship = Relationship;
        var states = ImmutableArray.Create(await _partners[0].ExportAsync(), await _partners[1].ExportAsync());
        var snapshot = new CoupleSnapshot(relationship.Spec, relationship.Export(), states, _timeline.ToTimeline(), [.. _events]);
        await GrainFactory.GetGrain<ICoupleGrain>(newRunId).RestoreAsync(snapshot);
    }

    public ValueTask<RunResult> GetResultAsync() =>
        ValueTask.FromResult(new RunResult(Relationship.Spec, _resolved, _timeline.ToTimeline(), [.. _events]));

    public async ValueTask ReleaseAsync()
    {
        foreach (var partner in _partners) await partner.ReleaseAsync();
        _relationship = null;
        _events.Clear();
        DeactivateOnIdle();
    }
}
