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

    public CoupleSimulation(CoupleSpec spec) : this(spec, CircumstancePlan.ForBoth(spec))
    {
    }

    private CoupleSimulation(CoupleSpec spec, CircumstancePlan[] plans)
    {
        _relationship = new Relationship(spec, Relationship.Start(spec), plans);
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

    public static RunResult Run(CoupleSpec spec) => Run(spec, new RunBuffers(), result => result); // fresh buffers: the result may be kept

    /// <summary>
    /// Runs a couple in <paramref name="buffers"/> kept from run to run, and hands the result to <paramref name="read"/>:
    /// the result's timeline is the buffers' and changes with the next run, so <paramref name="read"/> keeps what
    /// it computes from the result, never the result. For sweeps, whose runs are read once and dropped: a
    /// four-week run's hours are 155 KB to allocate and collect otherwise.
    /// </summary>
    internal static T Run<T>(CoupleSpec spec, RunBuffers buffers, Func<RunResult, T> read)
    {
        var sim = new CoupleSimulation(spec, buffers.PlansFor(spec));
        buffers.Timeline.Restart(spec.Start);
        buffers.Events.Clear();
        while (!sim.Finished) sim.Step(buffers.Timeline, buffers.Events);
        return read(new RunResult(spec, Resolve(spec), buffers.Timeline.ToTimeline(), [.. buffers.Events]));
    }

    public static ImmutableArray<ResolvedPartner> Resolve(CoupleSpec spec) =>
        [.. spec.Partners.Select(p => new ResolvedPartner(p, PartnerParameters.Derive(p)))];
}

/// <summary>
/// What <see cref="CoupleSimulation.Run{T}"/> reuses from run to run, for one caller at a time (a sweep worker's batch).
/// Internal, with the lending run (to the sweep workers and the tests): a result kept past its call would show the next run's hours.
/// </summary>
internal sealed class RunBuffers
{
    internal Timeline.Builder Timeline { get; } = new(default);
    internal List<SimEvent> Events { get; } = [];

    private (CoupleSpec Spec, CircumstancePlan[] Plans)? _plans;

    /// <summary>The circumstance plans of <paramref name="spec"/>, kept while the runs share them (a batch's runs do;
    /// making them was about 2 % of a sweep's time). Plans are read-only, so a run cannot change the next one's.</summary>
    internal CircumstancePlan[] PlansFor(CoupleSpec spec)
    {
        if (_plans is not { } last || !CircumstancePlan.Fit(last.Spec, spec)) _plans = last = (spec, CircumstancePlan.ForBoth(spec));
        return last.Plans;
    }
}
