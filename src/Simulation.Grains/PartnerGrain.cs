using Simulation.Model;
using Simulation.Runtime;

namespace Simulation.Grains;

/// <inheritdoc cref="IPartnerGrain"/>
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

    public ValueTask<PartnerMove> DecideAsync(TickContext context) => ValueTask.FromResult(Mind.Decide(context));

    public ValueTask<Settlement> SettleAsync(TickOutcome outcome) => ValueTask.FromResult(Mind.Settle(outcome));

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
