using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Runtime;

namespace Simulation.Grains;

/// <summary>
/// One run of one couple, keyed by a run id. Owns the clock and the shared closeness and drives
/// its two <see cref="IPartnerGrain"/>s in lockstep ticks (one tick = one hour).
/// </summary>
public interface ICoupleGrain : IGrainWithStringKey
{
    /// <summary>Sets the run up at tick 0. Fails if it was already started.</summary>
    ValueTask StartAsync(CoupleSpec spec);

    /// <summary>Runs up to <paramref name="ticks"/> hours (stops at the run's length) and returns what they produced.</summary>
    ValueTask<TickBatch> StepAsync(int ticks);

    /// <summary>Applies a change from the current tick on: an intervention, or new traits for one partner.</summary>
    ValueTask ApplyAsync(RunChange change);

    /// <summary>
    /// Copies this run, as it stands now, into the couple grain <paramref name="newRunId"/>
    /// (its history included), so the two can continue differently from here.
    /// </summary>
    ValueTask ForkAsync(string newRunId);

    /// <summary>Everything so far: the spec, resolved partners, the timeline and the events.</summary>
    ValueTask<RunResult> GetResultAsync();

    /// <summary>Drops the run and its partner grains' state.</summary>
    ValueTask ReleaseAsync();

    /// <summary>Takes over a run copied by <see cref="ForkAsync"/>. Fails if this run was already started.</summary>
    ValueTask RestoreAsync(CoupleSnapshot snapshot);
}

/// <summary>A run as it stands, with both partners' inner state: what a fork copies.</summary>
public sealed record CoupleSnapshot(
    CoupleSpec Spec, RelationshipState Relationship, ImmutableArray<PartnerMindState> Partners,
    Timeline Timeline, ImmutableArray<SimEvent> Events);

/// <summary>
/// What a number of ticks produced: the hours from <see cref="FirstTick"/> on of <see cref="Timeline"/>
/// (the run so far), and their events. <see cref="Finished"/> once the run's length is reached.
/// </summary>
public sealed record TickBatch(Timeline Timeline, int FirstTick, ImmutableArray<SimEvent> Events, bool Finished)
{
    /// <summary>Hours this batch ran.</summary>
    public int Count => Timeline.Length - FirstTick;

    /// <summary>This batch's hours as records (built when read: a whole run steps without reading them).</summary>
    public IEnumerable<TickRecord> Ticks => Enumerable.Range(FirstTick, Count).Select(t => Timeline[t]);
}

/// <summary>A change applied to a running couple from the current tick on.</summary>
public abstract record RunChange;

/// <summary>Start an intervention now (its <c>At</c> is ignored: it acts from the current tick).</summary>
public sealed record InterventionChange(InterventionKind Kind, ImmutableArray<string> Who, double Strength = 1.0) : RunChange;

/// <summary>Give one partner new traits (and so freshly derived parameters) from now on.</summary>
public sealed record TraitChange(string PartnerId, double? Anxiety = null, double? Avoidance = null, Wound? Wound = null) : RunChange;
