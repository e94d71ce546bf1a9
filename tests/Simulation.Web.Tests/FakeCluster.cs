using System.Collections.Concurrent;
using System.Collections.Immutable;
using Simulation.Grains;
using Simulation.Model;
using Simulation.Runtime;

namespace Simulation.Web.Tests;

/// <summary>
/// A small deterministic stand-in for the grain host, used until the real one is wired in:
/// closeness swings with the week, stretching pulls it up, and events follow the clock.
/// </summary>
internal sealed class FakeCluster : IClusterClient
{
    private readonly ConcurrentDictionary<string, FakeCouple> _couples = new();

    public int Live => _couples.Count(c => c.Value.Started);

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey =>
        (TGrainInterface)(object)_couples.GetOrAdd(primaryKey, k => new FakeCouple(k, this));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey => throw new NotSupportedException();
    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey => throw new NotSupportedException();

    internal void Remove(string id) => _couples.TryRemove(id, out _);

    private sealed class FakeCouple(string id, FakeCluster cluster) : ICoupleGrain
    {
        private CoupleSpec? _spec;
        private readonly List<TickRecord> _timeline = [];
        private readonly List<SimEvent> _events = [];
        private double _stretch;
        private double _closeness;
        public bool Started => _spec is not null;

        public ValueTask StartAsync(CoupleSpec spec)
        {
            if (_spec is not null) throw new InvalidOperationException("already started");
            _spec = spec;
            _closeness = spec.Closeness;
            return ValueTask.CompletedTask;
        }

        public ValueTask<TickBatch> StepAsync(int ticks)
        {
            var spec = _spec ?? throw new InvalidOperationException("not started");
            var newTicks = ImmutableArray.CreateBuilder<TickRecord>();
            var newEvents = ImmutableArray.CreateBuilder<SimEvent>();
            for (int k = 0; k < ticks && _timeline.Count < spec.Hours; k++)
            {
                int tick = _timeline.Count;
                var time = spec.Start.AddHours(tick);
                bool asleep = time.Hour is >= 23 or < 7;
                bool sundayEvening = time.DayOfWeek == DayOfWeek.Sunday && time.Hour >= 18;
                double target = 0.55 + 0.25 * _stretch - (sundayEvening ? 0.3 : 0) - 0.1 * Math.Sin(tick / 13.0);
                _closeness += 0.2 * (Math.Clamp(target, 0, 1) - _closeness);
                var partners = spec.Partners.Select((p, i) => new PartnerSnapshot(
                    Stance: Math.Clamp((i == 0 ? 0.6 : -0.4) + 0.5 * _stretch - (sundayEvening && i == 1 ? 0.5 : 0), -1, 1),
                    Distress: sundayEvening && i == 0 ? 1.2 : 0.2, Hurt: 0, Withdrawn: sundayEvening && i == 1,
                    Anxiety: p.Anxiety, Avoidance: p.Avoidance,
                    Circumstances: new Circumstances(sundayEvening && i == 1 ? 0.8 : 0, asleep ? 0 : 1,
                        time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && !asleep ? 1 : 0, asleep))).ToImmutableArray();
                var record = new TickRecord(tick, time, _closeness, partners);
                _timeline.Add(record);
                newTicks.Add(record);
                if (!asleep && tick % 3 == 0 && spec.Partners.Length > 1)
                {
                    var e = sundayEvening
                        ? new SimEvent(tick, time, spec.Partners[0].Id, EventKinds.Protest, spec.Partners[1].Id, Outcomes.Missed, "")
                        : new SimEvent(tick, time, spec.Partners[0].Id, EventKinds.Bid, spec.Partners[1].Id, Outcomes.Answered, "");
                    _events.Add(e);
                    newEvents.Add(e);
                }
                if (time.DayOfWeek == DayOfWeek.Sunday && time.Hour == 18 && spec.Partners.Length > 1)
                {
                    var e = new SimEvent(tick, time, spec.Partners[1].Id, EventKinds.Withdraw, "", Outcomes.None, "work stress");
                    _events.Add(e);
                    newEvents.Add(e);
                }
            }
            return ValueTask.FromResult(new TickBatch(newTicks.ToImmutable(), newEvents.ToImmutable(), _timeline.Count >= spec.Hours));
        }

        public ValueTask ApplyAsync(RunChange change)
        {
            if (_spec is null) throw new InvalidOperationException("not started");
            switch (change)
            {
                case InterventionChange i: _stretch = Math.Min(1, _stretch + i.Strength * i.Who.Length / 2.0); break;
                case TraitChange t:
                    _spec = _spec with { Partners = _spec.Partners.Select(p => p.Id != t.PartnerId ? p : p with
                    {
                        Anxiety = t.Anxiety ?? p.Anxiety, Avoidance = t.Avoidance ?? p.Avoidance, Wound = t.Wound ?? p.Wound,
                    }).ToImmutableArray() };
                    _stretch -= 0.2;
                    break;
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask ForkAsync(string newRunId)
        {
            var copy = (FakeCouple)(object)cluster.GetGrain<ICoupleGrain>(newRunId);
            copy._spec = _spec;
            copy._timeline.AddRange(_timeline);
            copy._events.AddRange(_events);
            copy._stretch = _stretch;
            copy._closeness = _closeness;
            return ValueTask.CompletedTask;
        }

        public ValueTask<RunResult> GetResultAsync()
        {
            var spec = _spec ?? throw new InvalidOperationException("not started");
            return ValueTask.FromResult(new RunResult(spec,
                spec.Partners.Select(p => new ResolvedPartner(p, PartnerParameters.Derive(p))).ToImmutableArray(),
                [.. _timeline], [.. _events]));
        }

        public ValueTask ReleaseAsync()
        {
            cluster.Remove(id);
            return ValueTask.CompletedTask;
        }
    }
}
