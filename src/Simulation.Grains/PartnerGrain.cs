using Orleans.Placement;
using Simulation.Model;

namespace Simulation.Grains;

/// <inheritdoc cref="IPartnerGrain"/>
[PreferLocalPlacement] // with their couple, which calls them every hour
[GrainType("partner")] // the name on the wire, whatever the class is called
public sealed class PartnerGrain : Grain, IPartnerGrain
{
    private PartnerMind? _mind;

    private PartnerMind Mind => _mind ?? throw new InvalidOperationException($"partner {this.GetPrimaryKeyString()} was not started");

    public ValueTask StartAsync(PartnerSpec spec, string partnerId, ulong seed)
    {
        _mind = new PartnerMind(spec, partnerId, seed);
        return ValueTask.CompletedTask;
    }

    public ValueTask RestoreAsync(PartnerMindState state)
    {
        _mind = new PartnerMind(state);
        return ValueTask.CompletedTask;
    }

    public ValueTask<HourReply> HourAsync(HourCall call)
    {
        var mind = Mind;
        // Settle first: the closed hour's outcome is part of what the partner carries into the next.
        Settlement? settled = call.Closed is { } closed ? mind.Settle(closed) : null;
        PartnerMove? move = call.Next is { } next ? mind.Decide(next) : null;
        return ValueTask.FromResult(new HourReply(settled, move));
    }

    public ValueTask<PartnerMindState> ExportAsync() => ValueTask.FromResult(Mind.Export());

    public ValueTask ChangeTraitsAsync(double? anxiety, double? avoidance, Wound? wound)
    {
        var state = Mind.Export();
        var spec = state.Spec with
        {
            Anxiety = anxiety ?? state.Spec.Anxiety,
            Avoidance = avoidance ?? state.Spec.Avoidance,
            Wound = wound ?? state.Spec.Wound,
        };
        double now = anxiety is { } a ? PartnerParameters.Trait(a) : state.AnxietyNow;
        _mind = new PartnerMind(state with { Spec = spec, AnxietyNow = now, DerivedAnxiety = now });
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync()
    {
        _mind = null;
        DeactivateOnIdle();
        return ValueTask.CompletedTask;
    }
}
