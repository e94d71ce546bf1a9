using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

/// <summary>One partner's state in a hand-built tick.</summary>
internal readonly record struct P(double Stance = 0, double Distress = 0, bool Withdrawn = false, double Anxiety = 4,
    double Hurt = 0, double Availability = 1);

/// <summary>Builds small RunResults by hand, so each detector can be shown a pattern and its absence.</summary>
internal static class SyntheticRun
{
    public static readonly DateTime Start = new(2026, 3, 7, 8, 0, 0); // a Saturday

    public static DateTime T(int hour) => Start.AddHours(hour);

    /// <summary>A run of <paramref name="hours"/> ticks for partners `a` and `b`.</summary>
    public static RunResult Make(int hours, Func<int, (double Closeness, P A, P B)> tick, IEnumerable<SimEvent>? events = null)
    {
        var a = new PartnerSpec("a", "A", 4, 4);
        var b = new PartnerSpec("b", "B", 4, 4);
        var spec = new CoupleSpec("synthetic", Start, hours, 1, 0.5, [a, b], [], [], []);
        var timeline = Enumerable.Range(0, hours).Select(i =>
        {
            var (c, pa, pb) = tick(i);
            return new TickRecord(i, T(i), c, [Snap(pa), Snap(pb)]);
        }).ToArray();
        var ordered = (events ?? []).OrderBy(e => e.Tick).ToImmutableArray();
        return new RunResult(spec,
            [new ResolvedPartner(a, PartnerParameters.Derive(a)), new ResolvedPartner(b, PartnerParameters.Derive(b))],
            [.. timeline], ordered);
    }

    private static PartnerSnapshot Snap(P p) =>
        new(p.Stance, p.Distress, p.Hurt, p.Withdrawn, p.Anxiety, 4, Circumstances.Ordinary with { Availability = p.Availability });

    public static SimEvent Ev(int hour, string actor, string kind, string outcome = "", string tone = "") =>
        new(hour, T(hour), actor, kind, actor == "a" ? "b" : "a", outcome, "", tone);

    public static Expectation Claim(string pattern, params (string Key, string Value)[] args) =>
        new(pattern, args.ToImmutableDictionary(x => x.Key, x => x.Value), new SourceLocation("synthetic.yaml", 1, 1));

    public static ExpectationResult Check(RunResult run, string pattern, params (string, string)[] args) =>
        Expectations.Evaluate(Claim(pattern, args), run);
}
