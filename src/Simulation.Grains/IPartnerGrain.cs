using Simulation.Model;

namespace Simulation.Grains;

/// <summary>
/// One partner of one run, keyed "runId/partnerId". Holds the partner's inner state (its
/// <see cref="PartnerMind"/>) and makes its decisions; never calls the other partner — the couple
/// grain brings the two together each hour, so there is no call cycle and no reentrancy.
/// </summary>
[Alias("couplesim.IPartnerGrain")]
public interface IPartnerGrain : IGrainWithStringKey
{
    /// <summary>Starts this partner fresh, with its own random stream from the run seed.</summary>
    [Alias("Start")]
    ValueTask StartAsync([Immutable] PartnerSpec spec, string partnerId, ulong seed);

    /// <summary>Takes over a partner's state copied from another run (branching).</summary>
    [Alias("Restore")]
    ValueTask RestoreAsync([Immutable] PartnerMindState state);

    /// <summary>
    /// The partner's one call of an hour: settles the hour the couple closed (how its reaches went),
    /// then decides the next hour (how it leans, reaches out and would respond). Either part may be absent:
    /// the first hour of a batch has nothing to settle, the last call of a batch nothing to decide.
    /// </summary>
    [Alias("Hour")]
    ValueTask<HourReply> HourAsync(HourCall call);

    /// <summary>The partner's inner state, for branching.</summary>
    [Alias("Export")]
    ValueTask<PartnerMindState> ExportAsync();

    /// <summary>New traits from now on; the inner state (stance, distress, hurt …) carries over.</summary>
    [Alias("ChangeTraits")]
    ValueTask ChangeTraitsAsync(double? anxiety, double? avoidance, Wound? wound);

    /// <summary>Drops this activation's state and lets Orleans deactivate it.</summary>
    [Alias("Release")]
    ValueTask ReleaseAsync();
}

/// <summary>
/// What a partner hears in its call of an hour: the outcome of the hour that closed, to settle, and the
/// next hour as it meets it, to decide. Immutable: a local call passes it by reference, uncopied.
/// </summary>
[GenerateSerializer, Immutable, Alias("couplesim.HourCall")]
public sealed record HourCall(
    [property: Id(0)] TickOutcome? Closed,
    [property: Id(1)] TickContext? Next);

/// <summary>The partner's answer: its settlement of the closed hour and its move for the next, each when asked for.</summary>
[GenerateSerializer, Immutable, Alias("couplesim.HourReply")]
public sealed record HourReply(
    [property: Id(0)] Settlement? Settled,
    [property: Id(1)] PartnerMove? Move);
