using System.Collections.Immutable;
using Simulation.Model;

namespace Simulation.Grains;

/// <summary>
/// One run of one couple, keyed by a run id. Owns the clock and the shared closeness and drives
/// its two <see cref="IPartnerGrain"/>s in lockstep ticks (one tick = one hour).
/// </summary>
[Alias("couplesim.ICoupleGrain")]
public interface ICoupleGrain : IGrainWithStringKey
{
    /// <summary>Sets the run up at tick 0. Fails if it was already started.</summary>
    [Alias("Start")]
    ValueTask StartAsync([Immutable] CoupleSpec spec);

    /// <summary>Runs up to <paramref name="ticks"/> hours (stops at the run's length) and returns what they produced.</summary>
    [Alias("Step")]
    ValueTask<TickBatch> StepAsync(int ticks);

    /// <summary>Applies a change from the current tick on: an intervention, or new traits for one partner.</summary>
    [Alias("Apply")]
    ValueTask ApplyAsync(RunChange change);

    /// <summary>
    /// Copies this run, as it stands now, into the couple grain <paramref name="newRunId"/>
    /// (its history included), so the two can continue differently from here.
    /// </summary>
    [Alias("Fork")]
    ValueTask ForkAsync(string newRunId);

    /// <summary>Everything so far: the spec, resolved partners, the timeline and the events.</summary>
    [Alias("GetResult")]
    ValueTask<RunResult> GetResultAsync();

    /// <summary>Drops the run and its partner grains' state.</summary>
    [Alias("Release")]
    ValueTask ReleaseAsync();

    /// <summary>Takes over a run copied by <see cref="ForkAsync"/>. Fails if this run was already started.</summary>
    [Alias("Restore")]
    ValueTask RestoreAsync(CoupleSnapshot snapshot);
}

/// <summary>A run as it stands, with both partners' inner state: what a fork copies.</summary>
[GenerateSerializer, Immutable, Alias("couplesim.CoupleSnapshot")]
public sealed record CoupleSnapshot(
    [property: Id(0)] CoupleSpec Spec,
    [property: Id(1)] RelationshipState Relationship,
    [property: Id(2)] ImmutableArray<PartnerMindState> Partners,
    [property: Id(3)] Timeline Timeline,
    [property: Id(4)] ImmutableArray<SimEvent> Events);

/// <summary>
/// What a number of ticks produced: the hours from <see cref="FirstTick"/> on of <see cref="Timeline"/>
/// (the run so far), and their events. <see cref="Finished"/> once the run's length is reached.
/// </summary>
[GenerateSerializer, Immutable, Alias("couplesim.TickBatch")]
public sealed record TickBatch(
    [property: Id(0)] Timeline Timeline,
    [property: Id(1)] int FirstTick,
    [property: Id(2)] ImmutableArray<SimEvent> Events,
    [property: Id(3)] bool Finished)
{
    /// <summary>Hours this batch ran.</summary>
    public int Count => Timeline.Length - FirstTick;

    /// <summary>This batch's hours as records (built when read: a whole run steps without reading them).</summary>
    public IEnumerable<TickRecord> Ticks => Enumerable.Range(FirstTick, Count).Select(t => Timeline[t]);
}

/// <summary>A change applied to a running couple from the current tick on.</summary>
[GenerateSerializer, Immutable, Alias("couplesim.RunChange")]
public abstract record RunChange;

/// <summary>Start an intervention now (it acts from the current tick).</summary>
[GenerateSerializer, Immutable, Alias("couplesim.InterventionChange")]
public sealed record InterventionChange(
    [property: Id(0)] InterventionKind Kind,
    [property: Id(1)] ImmutableArray<string> Who,
    [property: Id(2)] double Strength = 1.0) : RunChange;

/// <summary>Give one partner new traits (and so freshly derived parameters) from now on.</summary>
[GenerateSerializer, Immutable, Alias("couplesim.TraitChange")]
public sealed record TraitChange(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] double? Anxiety = null,
    [property: Id(2)] double? Avoidance = null,
    [property: Id(3)] Wound? Wound = null) : RunChange;
