using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Reports;

/// <summary>Builds the reports' inputs from a loaded scenario and its run.</summary>
public static class ScenarioReports
{
    /// <summary>The scenario as the reports show it.</summary>
    public static ScenarioInfo Info(Scenario s) =>
        new(s.Name, s.Title, s.Summary, s.Notes.What, s.Notes.Notice, s.Notes.Try, s.Sha256);

    /// <summary>One claim's verdict; arguments in ordinal key order so files never vary.</summary>
    public static ExpectationOutcome Outcome(ExpectationResult r) => new(r.Expectation.Pattern, Args(r.Expectation), r.Passed, r.Detail);

    /// <summary>One claim's verdict on a run of <paramref name="couple"/>, with the claim in plain words.</summary>
    public static ExpectationOutcome Outcome(ExpectationResult r, CoupleSpec couple) =>
        Outcome(r) with { Says = ClaimSentences.For(r.Expectation, couple) };

    /// <summary>A claim as one line, before any run: <c>pursue-withdraw (distancer: will, pursuer: alma)</c>.</summary>
    public static string Claim(Expectation e) => ExpectationOutcome.ClaimLine(e.Pattern, Args(e));

    private static ImmutableArray<KeyValuePair<string, string>> Args(Expectation e) => [.. e.Args.OrderBy(a => a.Key, StringComparer.Ordinal)];

    /// <summary>A run of <paramref name="scenario"/> with its claims evaluated (<see cref="Expectations.Evaluate(Scenario, RunResult)"/>).</summary>
    public static RunReport For(Scenario scenario, RunResult run) =>
        For(scenario, run, Expectations.Evaluate(scenario, run));

    /// <summary>A run of <paramref name="scenario"/> with claims already evaluated.</summary>
    public static RunReport For(Scenario scenario, RunResult run, ImmutableArray<ExpectationResult> results) =>
        new(run, Info(scenario), [.. results.Select(r => Outcome(r, scenario.Spec))]);
}
