using System.Collections.Immutable;
using System.Globalization;

namespace Simulation.Model;

/// <summary>
/// The parameters one partner's behaviour follows, derived from ECR-R traits and wound timing
/// (domain.md's reference sketch, calibrated: see docs/model.md). Any of them can be overridden
/// by a scenario or <c>--set ID.NAME=VALUE</c>.
/// </summary>
public sealed record PartnerParameters
{
    /// <summary>Closeness this partner feels at ease with, 0–1.</summary>
    public double DesiredCloseness { get; init; }
    /// <summary>How fast a closeness deficit raises distress (hyperactivation).</summary>
    public double ThreatGain { get; init; }
    /// <summary>Hours distress takes to fade by about two thirds once the threat is gone.</summary>
    public double RuminationHours { get; init; }
    /// <summary>Share of distress an answered bid takes away.</summary>
    public double Soothability { get; init; }
    /// <summary>Distress above which no answer soothes.</summary>
    public double InconsolableAt { get; init; }
    /// <summary>How strongly pursuit, excess closeness and stress push this partner away (deactivation).</summary>
    public double EngulfmentGain { get; init; }
    /// <summary>Base chance of answering the partner's bid warmly, 0–1.</summary>
    public double Responsiveness { get; init; }
    /// <summary>Hurt added by one rebuffed bid.</summary>
    public double HurtPerRebuff { get; init; }
    /// <summary>Hours hurt takes to fade by about two thirds.</summary>
    public double HurtDecayHours { get; init; }
    /// <summary>Persistence rule: unanswered bids tolerated, relative to the expected wait, before giving up.</summary>
    public double Persistence { get; init; }
    /// <summary>Chance per hour of attempting repair after a rebuff, and of accepting one.</summary>
    public double RepairPropensity { get; init; }
    /// <summary>Random switching between approach and flight (fearful / disorganised).</summary>
    public double Disorganisation { get; init; }
    /// <summary>Baseline lean towards contact, independent of distress.</summary>
    public double Affiliation { get; init; }
    /// <summary>Multiplier on reactions; early wounds react more strongly.</summary>
    public double Reactivity { get; init; }
    /// <summary>Rate at which anxiety drifts towards what the partner's responsiveness warrants, per hour.</summary>
    public double SecurityDrift { get; init; }

    /// <summary>Derives the parameters from a partner's traits, then applies the partner's overrides.</summary>
    public static PartnerParameters Derive(PartnerSpec partner)
    {
        var p = FromTraits(Trait(partner.Anxiety), Trait(partner.Avoidance), partner.Wound);
        if (partner.Overrides.IsEmpty) return p;
        foreach (var (name, value) in partner.Overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
            p = ParameterCatalog.Get(name).With(p, value);
        return p;
    }

    /// <summary>ECR-R score (1–7) to the unit interval.</summary>
    public static double Trait(double score) => Math.Clamp((score - 1.0) / 6.0, 0.0, 1.0);

    /// <summary>The unit-interval trait back to the ECR-R scale.</summary>
    public static double Score(double trait) => 1.0 + 6.0 * trait;

    /// <summary>Derivation from unit-interval anxiety <paramref name="a"/> and avoidance <paramref name="v"/>.</summary>
    public static PartnerParameters FromTraits(double a, double v, Wound wound) => new()
    {
        DesiredCloseness = 0.45 + 0.25 * a - 0.15 * v,
        ThreatGain = 0.05 + 0.5 * a,
        RuminationHours = 2 + 10 * a,
        Soothability = 0.7 * (1 - 0.3 * v),
        InconsolableAt = 2 - 0.6 * a,
        EngulfmentGain = 0.1 + 1.5 * v,
        Responsiveness = Math.Clamp(1.05 - 0.6 * v - 0.25 * a, 0.05, 0.97),
        HurtPerRebuff = 0.8 * a,
        HurtDecayHours = 1 + 8 * a,
        Persistence = 0.5 + 1.0 * a,
        RepairPropensity = 0.9 * (1 - a) * (1 - v),
        Disorganisation = 2.4 * Math.Max(0, a - 0.5) * Math.Max(0, v - 0.5), // only when both axes are high (fearful)
        Affiliation = 0.25 - 0.3 * v,
        Reactivity = wound == Wound.Early ? 1.4 : 1.0,
        SecurityDrift = 0.00006,
    };
}

/// <summary>One overridable parameter: its name in scenarios and <c>--set</c>, meaning, range and accessors.</summary>
public sealed record ParameterInfo(
    string Name, string Meaning, double Min, double Max,
    Func<PartnerParameters, double> Get, Func<PartnerParameters, double, PartnerParameters> With)
{
    /// <summary>
    /// Three decimals; a value below 0.01 that is not 0 (security_drift 0.00006, 0.0006) with two significant digits,
    /// so it never reads as 0 nor as a rounded neighbour (0.0006 is not 0.001).
    /// </summary>
    public string Format(PartnerParameters p) => Format(Get(p));

    /// <summary>A parameter's value as <see cref="Format(PartnerParameters)"/> writes it.</summary>
    public static string Format(double v)
    {
        int decimals = v != 0 && Math.Abs(v) < 0.01 ? 1 - (int)Math.Floor(Math.Log10(Math.Abs(v))) : 3;
        return v.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}

/// <summary>The names by which parameters are overridden (snake_case, as in scenario files).</summary>
public static class ParameterCatalog
{
    public static ImmutableArray<ParameterInfo> All { get; } =
    [
        new("desired_closeness", "closeness this partner feels at ease with", 0, 1, p => p.DesiredCloseness, (p, x) => p with { DesiredCloseness = x }),
        new("threat_gain", "distress per hour of closeness deficit", 0, 5, p => p.ThreatGain, (p, x) => p with { ThreatGain = x }),
        new("rumination_hours", "hours for distress to fade", 0.5, 200, p => p.RuminationHours, (p, x) => p with { RuminationHours = x }),
        new("soothability", "share of distress an answer takes away", 0, 1, p => p.Soothability, (p, x) => p with { Soothability = x }),
        new("inconsolable_at", "distress above which nothing soothes", 0, 10, p => p.InconsolableAt, (p, x) => p with { InconsolableAt = x }),
        new("engulfment_gain", "push away from pursuit, excess closeness and stress", 0, 5, p => p.EngulfmentGain, (p, x) => p with { EngulfmentGain = x }),
        new("responsiveness", "chance of answering a bid warmly", 0, 1, p => p.Responsiveness, (p, x) => p with { Responsiveness = x }),
        new("hurt_per_rebuff", "hurt from one rebuffed bid", 0, 5, p => p.HurtPerRebuff, (p, x) => p with { HurtPerRebuff = x }),
        new("hurt_decay_hours", "hours for hurt to fade", 0.5, 500, p => p.HurtDecayHours, (p, x) => p with { HurtDecayHours = x }),
        new("persistence", "unanswered bids tolerated relative to the expected wait", 0.1, 100, p => p.Persistence, (p, x) => p with { Persistence = x }),
        new("repair_propensity", "chance of attempting or accepting repair", 0, 1, p => p.RepairPropensity, (p, x) => p with { RepairPropensity = x }),
        new("disorganisation", "random approach/flight switching", 0, 1, p => p.Disorganisation, (p, x) => p with { Disorganisation = x }),
        new("affiliation", "baseline lean towards contact", -1, 1, p => p.Affiliation, (p, x) => p with { Affiliation = x }),
        new("reactivity", "strength of reactions (early wound > 1)", 0.1, 5, p => p.Reactivity, (p, x) => p with { Reactivity = x }),
        new("security_drift", "per-hour drift of anxiety towards earned security", 0, 0.1, p => p.SecurityDrift, (p, x) => p with { SecurityDrift = x }),
    ];

    private static readonly ImmutableDictionary<string, ParameterInfo> ByName =
        All.ToImmutableDictionary(p => p.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out ParameterInfo info) => ByName.TryGetValue(name, out info!);

    public static ParameterInfo Get(string name) =>
        TryGet(name, out var info) ? info : throw new ArgumentException($"unknown parameter '{name}'", nameof(name));
}
