using System.Collections.Immutable;

namespace Simulation.Model;

/// <summary>
/// The direct runner: the same lockstep tick as the grains, without them, for sweeps and benchmarks.
/// A test checks that it gives the grain path's trajectories exactly.
/// </summary>
public sealed class CoupleSimulation
{
    private readonly Relationship _relationship;
    private readonly PartnerMind _first, _second;

    public CoupleSimulation(CoupleSpec spec)
    {
        _relationship = new Relationship(spec);
        _first = new PartnerMind(spec.Partners[0], spec.Partners[1].Id, spec.Seed);
        _second = new PartnerMind(spec.Partners[1], spec.Partners[0].Id, spec.Seed);
    }

    public bool Finished => _relationship.Finished;

    /// <summary>One hour: its record is added to <paramref name="timeline"/>, its events to <paramref name="events"/>.</summary>
    public void Step(Timeline.Builder timeline, List<SimEvent> events)
    {
        Append(events, _relationship.Announcements());
        var moveA = _first.Decide(_relationship.Context(0));
        var moveB = _second.Decide(_relationship.Context(1));
        Append(events, moveA.Events);
        Append(events, moveB.Events);
        var reached = _relationship.Resolve(moveA, moveB, out var outA, out var outB);
        Append(events, reached);
        var hour = _relationship.Close();
        var settleA = _first.Settle(outA);
        var settleB = _second.Settle(outB);
        Append(events, settleA.Events);
        Append(events, settleB.Events);
        timeline.Add(hour, settleA, settleB);
    }

    /// <summary>Appends an hour's events. Most hours have none; a loop avoids boxing the ImmutableArray for AddRange.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Append(List<SimEvent> events, ImmutableArray<SimEvent> more)
    {
        if (more.IsDefaultOrEmpty) return;
        foreach (var e in more) events.Add(e);
    }

    public static RunResult Run(CoupleSpec spec)
    {
        var sim = new CoupleSimulation(spec);
        var timeline = new Timeline.Builder(spec.Start);
        var events = new List<SimEvent>();
        while (!sim.Finished) sim.Step(timeline, events);
        return new RunResult(spec, Resolve(spec), timeline.ToTimeline(), [.. events]);
    }

    public static ImmutableArray<ResolvedPartner> Resolve(CoupleSpec spec) =>
        [.. spec.Partners.Select(p => new ResolvedPartner(p, PartnerParameters.Derive(p)))];
}
