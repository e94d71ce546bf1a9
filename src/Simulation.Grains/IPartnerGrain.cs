using Simulation.Model;
using Simulation.Runtime;

namespace Simulation.Grains;

/// <summary>
/// One partner of one run, keyed "runId/partnerId". Holds the partner's inner state and makes its
/// decisions; never calls the other partner — the couple grain brings the two together each hour.
/// </summary>
public interface IPartnerGrain : IGrainWithStringKey
{
    /// <summary>Starts this partner fresh, with its own random stream from the run seed.</summary>
    ValueTask StartAsync(PartnerSpec spec, string partnerId, ulong seed);

    /// <summary>Takes over a partner's state copied from another run (branching).</summary>
    ValueTask RestoreAsync(PartnerMindState state);

    /// <summary>Phase 1 of an hour: how this partner leans, reaches out and would respond.</summary>
    ValueTask<PartnerMove> DecideAsync(TickContext context);

    /// <summary>Phase 2 of an hour: takes in how the reaches went; returns the partner's state.</summary>
    ValueTask<Settlement> SettleAsync(TickOutcome outcome);

    /// <summary>The partner's inner state, for branching.</summary>
    ValueTask<PartnerMindState> ExportAsync();

    /// <summary>New traits from now on; the inner state (stance, distress, hurt …) carries over.</summary>
    ValueTask ChangeTraitsAsync(double? anxiety, double? avoidance, Wound? wound);

    /// <summary>Drops this activation's state.</summary>
    ValueTask ReleaseAsync();
}
