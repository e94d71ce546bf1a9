using System.Collections.Immutable;

namespace Simulation.Model;

/// <summary>An hour the relationship has closed: which, and the closeness it ended with.</summary>
public readonly record struct ClosedHour(int Tick, double Closeness);

/// <summary>Everything the couple carries from one hour to the next; copied when a run is branched.</summary>
public sealed record RelationshipState(
    int Tick, double Closeness, Rng Random, ImmutableArray<PartnerView> Views, ImmutableArray<Intervention> Interventions);

/// <summary>
/// The couple's side of an hour: the clock, the shared closeness, the circumstances each partner
/// meets, and the resolution of both partners' reaches. Partners never see each other directly;
/// they meet through this (the lockstep tick of docs/model.md). Pure.
/// </summary>
public sealed class Relationship
{
    private const double Drift = 0.1; // share of the way to what the stances allow, per hour
    private const double AtHome = 0.75; // availability from which a partner counts as at home, not at work or away

    private readonly CoupleSpec _spec;
    private readonly CircumstancePlan[] _plans;
    private readonly string[] _ids;
    private readonly bool[] _happeningStarts; // per tick: does any of the scenario's happenings start then?
    private int _tick;
    private double _closeness;
    private Rng _rng;
    private PartnerView[] _views;
    private ImmutableArray<Intervention> _interventions;

    public Relationship(CoupleSpec spec) : this(spec, Start(spec))
    {
    }

    public Relationship(CoupleSpec spec, RelationshipState state) : this(spec, state, CircumstancePlan.ForBoth(spec))
    {
    }

    /// <param name="plans">Both partners' <see cref="CircumstancePlan.ForBoth"/> of <paramref name="spec"/>, or of a spec with the same hours,
    /// schedule and happenings (a sweep's runs share them).</param>
    internal Relationship(CoupleSpec spec, RelationshipState state, CircumstancePlan[] plans)
    {
        if (spec.Partners.Length != 2) throw new ArgumentException("a couple has exactly two partners", nameof(spec));
        _spec = spec;
        _plans = plans;
        _ids = [spec.Partners[0].Id, spec.Partners[1].Id];
        _happeningStarts = new bool[spec.Hours];
        foreach (var h in spec.Happenings)
        {
            // StartsNow(at, start + k hours) holds for exactly one k: the whole hours from the start to the happening.
            long k = (h.At - spec.Start).Ticks / TimeSpan.TicksPerHour;
            if (h.At >= spec.Start && k < spec.Hours) _happeningStarts[k] = true;
        }
        (_tick, _closeness, _rng, _views, _interventions) =
            (state.Tick, state.Closeness, state.Random, state.Views.ToArray(), state.Interventions);
        Time = spec.Start.AddHours(_tick);
    }

    /// <summary>The state a run of <paramref name="spec"/> begins in.</summary>
    internal static RelationshipState Start(CoupleSpec spec) =>
        new(0, spec.Closeness, Rng.For(spec.Seed, "relationship"), [default, default], spec.Interventions);

    public CoupleSpec Spec => _spec;
    public int Tick => _tick;
    public bool Finished => _tick >= _spec.Hours;
    public DateTime Time { get; private set; }

    public RelationshipState Export() => new(_tick, _closeness, _rng, [.. _views], _interventions);

    /// <summary>Adds an intervention acting from the current hour on (a button pressed mid-run).</summary>
    public void Add(Intervention intervention) => _interventions = _interventions.Add(intervention with { At = Time });

    /// <summary>The hour as partner <paramref name="i"/> (0 or 1) meets it.</summary>
    public TickContext Context(int i)
    {
        DateTime time = Time;
        double awareness = 0, rejecting = 0;
        if (_happeningStarts[_tick])
        {
            string id = _ids[i];
            foreach (var h in _spec.Happenings)
            {
                if (!StartsNow(h.At, time)) continue;
                if (h.Kind == HappeningKind.Awareness && h.Who.Contains(id)) awareness += h.Strength;
                if (h.Kind == HappeningKind.Rejection && h.Who.Contains(id)) rejecting += h.Strength;
            }
        }
        double stretch = _interventions.IsEmpty ? 0 : StretchOf(_ids[i], time);
        return new TickContext(_tick, time, _closeness, _plans[i][_tick], _views[1 - i], stretch, awareness, rejecting);
    }

    /// <summary>Scenario happenings and interventions that start this hour, as events.</summary>
    public ImmutableArray<SimEvent> Announcements()
    {
        DateTime time = Time;
        if (!AnythingStarts(time)) return [];
        var list = ImmutableArray.CreateBuilder<SimEvent>();
        foreach (var h in _happeningStarts[_tick] ? _spec.Happenings : [])
        {
            if (!StartsNow(h.At, time)) continue;
            foreach (var who in h.Who)
            {
                if (h.Kind == HappeningKind.Rejection)
                    list.Add(new SimEvent(_tick, time, who, EventKinds.Rejection, OtherOf(who), Outcomes.None, "turns the partner away"));
                else
                    list.Add(new SimEvent(_tick, time, who, EventKinds.Happening, "", Outcomes.None, HappeningWords(h.Kind)));
            }
        }
        foreach (var iv in _interventions)
        {
            if (!StartsNow(iv.At, time)) continue;
            foreach (var who in iv.Who)
                list.Add(new SimEvent(_tick, time, who, EventKinds.Intervention, "", Outcomes.None, InterventionWords(iv.Kind)));
        }
        return list.ToImmutable();
    }

    /// <summary>Resolves both partners' reaches against the other's readiness and moves closeness.</summary>
    /// <returns>The reaches as events; each partner's outcome goes to <paramref name="first"/> and <paramref name="second"/>.</returns>
    /// <remarks>Outcomes are out parameters rather than a tuple: copying them out of a returned tuple stalled on store forwarding.</remarks>
    public ImmutableArray<SimEvent> Resolve(in PartnerMove a, in PartnerMove b, out TickOutcome first, out TickOutcome second)
    {
        DateTime time = Time;
        var ca = _plans[0][_tick]; var cb = _plans[1][_tick];
        var (outA, effectA, evA) = Answer(0, a, b, cb.Availability, time);
        var (outB, effectB, evB) = Answer(1, b, a, ca.Availability, time);

        double rejection = 0, rejectedA = 0, rejectedB = 0;
        if (_happeningStarts[_tick])
        {
            foreach (var h in _spec.Happenings)
            {
                if (h.Kind != HappeningKind.Rejection || !StartsNow(h.At, time)) continue;
                rejection += h.Strength;
                if (h.Who.Contains(_ids[0])) rejectedB += h.Strength;
                if (h.Who.Contains(_ids[1])) rejectedA += h.Strength;
            }
        }

        double c = _closeness, dc = 0;
        if (!(ca.Asleep && cb.Asleep))
        {
            // Closeness follows what both stances allow; the one leaning away weighs more (it takes two to be close).
            double lo = Math.Min(a.Stance, b.Stance), hi = Math.Max(a.Stance, b.Stance);
            double together = Math.Min(ca.Leisure, cb.Leisure), apart = 1 - Math.Min(ca.Availability, cb.Availability);
            double target = Math.Clamp(0.45 + 0.5 * (0.8 * lo + 0.2 * hi) + 0.25 * together - 0.06 * apart, 0, 1);
            dc = Drift * (target - c) + 0.002 * _rng.NextNoise();
        }
        _closeness = Math.Clamp(c + dc + (effectA + effectB) - 0.1 * rejection, 0, 1);

        // Being sent away is a harsh rejection for the one sent.
        if (b.Reach == Reach.SendAway && outB == Outcome.None) rejectedA += 1;
        if (a.Reach == Reach.SendAway && outA == Outcome.None) rejectedB += 1;
        first = new TickOutcome(_tick, time, a.Reach, outA, outB, rejectedA);
        second = new TickOutcome(_tick, time, b.Reach, outB, outA, rejectedB);
        _views[0] = View(a);
        _views[1] = View(b);

        return evA is null ? (evB is null ? [] : [evB]) : evB is null ? [evA] : [evA, evB];
    }

    /// <summary>
    /// Closes the hour: the clock moves on to the next. Returns the hour that closed, for the timeline
    /// (<see cref="Timeline.Builder.Add(ClosedHour, in Settlement, in Settlement)"/>) once both partners
    /// have settled it. Nothing the next hour's <see cref="Context"/> needs waits on the settlements, so
    /// the partner grains can settle one hour and decide the next in a single call.
    /// </summary>
    public ClosedHour Close()
    {
        var hour = new ClosedHour(_tick, _closeness);
        _tick++;
        Time = Time.AddTicks(TimeSpan.TicksPerHour);
        return hour;
    }

    /// <param name="theirAvailability">The other partner's availability this hour (from their circumstances).</param>
    private (Outcome Outcome, double Effect, SimEvent? Event) Answer(int i, in PartnerMove mine, in PartnerMove theirs, double theirAvailability, DateTime time)
    {
        if (mine.Reach == Reach.None) return (Outcome.None, 0, null);
        var ready = theirs.Readiness;
        // One can only send away a partner who is at home and within reach; otherwise nothing happens.
        if (mine.Reach == Reach.SendAway && (!ready.Reachable || theirAvailability < AtHome)) return (Outcome.Missed, 0, null);
        (Outcome outcome, double effect) = mine.Reach switch
        {
            _ when !ready.Reachable => (Outcome.Missed, 0.0),
            // Sending away needs no answer; it costs closeness like a harsh rejection.
            Reach.SendAway => (Outcome.None, -0.1),
            Reach.Bid => ready.AnswersBid ? (Outcome.Answered, 0.02) : (Outcome.Rebuffed, -0.03),
            // Reproach is harder to answer than a calm bid; a plea is answered as readily as one.
            Reach.Protest => ready.AnswersProtest
                ? (mine.Soothable ? Outcome.Soothed : Outcome.Answered, 0.04)
                : (Outcome.Rebuffed, -0.05),
            Reach.Plea => ready.AnswersProtest
                ? (mine.Soothable ? Outcome.Soothed : Outcome.Answered, 0.08)
                : (Outcome.Rebuffed, -0.05),
            Reach.Callback => ready.AcceptsCallback ? (Outcome.Accepted, 0.03) : (Outcome.Refused, -0.02),
            Reach.Repair => ready.AcceptsRepair ? (Outcome.Accepted, 0.05) : (Outcome.Refused, -0.02),
            _ => (Outcome.None, 0.0),
        };
        (string kind, string tone) = mine.Reach switch
        {
            Reach.Bid => (EventKinds.Bid, Tones.None), Reach.Protest => (EventKinds.Protest, Tones.Angry),
            Reach.Plea => (EventKinds.Protest, Tones.Pleading), Reach.Callback => (EventKinds.Callback, Tones.None),
            Reach.SendAway => (EventKinds.SendAway, Tones.None), _ => (EventKinds.Repair, Tones.None),
        };
        var e = new SimEvent(_tick, time, _ids[i], kind, _ids[1 - i], Outcomes.Word(outcome), mine.Reason, tone);
        return (outcome, effect, e);
    }

    private static PartnerView View(in PartnerMove m) => new(m.Stance, m.Withdrawn, m.Reach, m.Pursuit, m.Angry);

    private double StretchOf(string id, DateTime time)
    {
        double s = 0;
        foreach (var iv in _interventions)
        {
            if (iv.Kind != InterventionKind.Stretch || time < iv.At || !iv.Who.Contains(id)) continue;
            double ramp = Math.Min(1, ((time - iv.At).TotalHours + 1) / 12); // new habits take half a day to show
            s = Math.Max(s, iv.Strength * ramp);
        }
        return s;
    }

    private static bool StartsNow(DateTime at, DateTime time) => at >= time && (at - time).Ticks < TimeSpan.TicksPerHour;

    private bool AnythingStarts(DateTime time)
    {
        if (_happeningStarts[_tick]) return true;
        foreach (var iv in _interventions) if (StartsNow(iv.At, time)) return true;
        return false;
    }

    private string OtherOf(string id) => _ids[0] == id ? _ids[1] : _ids[0];

    private static string HappeningWords(HappeningKind kind) => kind switch
    {
        HappeningKind.Stress => "outside stress",
        HappeningKind.Awareness => "becomes aware of a need for contact",
        HappeningKind.Away => "is away",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string InterventionWords(InterventionKind kind) => kind switch
    {
        InterventionKind.Stretch => "starts stretching",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
