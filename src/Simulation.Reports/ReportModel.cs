using System.Collections.Immutable;
using Simulation.Scenarios;
using System.Reflection;
using Simulation.Model;

namespace Simulation.Reports;

/// <summary>What the reports show about the scenario a run came from.</summary>
/// <param name="Name">Scenario name (<c>[a-z0-9-]+</c>).</param>
/// <param name="Title">Display title.</param>
/// <param name="Summary">One line.</param>
/// <param name="What">Notes: what the scenario shows.</param>
/// <param name="Notice">Notes: what to notice.</param>
/// <param name="Try">Notes: what to try.</param>
/// <param name="Sha256">SHA-256 of the scenario file (lower-case hex).</param>
public sealed record ScenarioInfo(string Name, string Title, string Summary, string What, string Notice, string Try, string Sha256);

/// <summary>The result of one teaching claim (<c>expect:</c>) on a run.</summary>
/// <param name="Pattern">The claim's pattern, e.g. <c>pursue-withdraw</c>.</param>
/// <param name="Args">Its arguments in file order, e.g. <c>pursuer: alma</c>.</param>
/// <param name="Passed">Whether the run shows it.</param>
/// <param name="Detail">The figures behind the verdict, in plain words.</param>
/// <param name="Says">The claim in plain words, with the partners' names (<see cref="ClaimSentences"/>); empty for none.</param>
public sealed record ExpectationOutcome(string Pattern, ImmutableArray<KeyValuePair<string, string>> Args, bool Passed, string Detail, string Says = "")
{
    /// <summary>What the room reads: the sentence, or the pattern call where there is none.</summary>
    public string Headline => Says.Length > 0 ? Says : Claim;

    /// <summary>The claim as one line: <c>pursue-withdraw (pursuer: alma, distancer: will)</c>.</summary>
    public string Claim => ClaimLine(Pattern, Args);

    internal static string ClaimLine(string pattern, ImmutableArray<KeyValuePair<string, string>> args) =>
        args.IsDefaultOrEmpty ? pattern : $"{pattern} ({string.Join(", ", args.Select(a => $"{a.Key}: {a.Value}"))})";
}

/// <summary>Everything the run reports need: the run, its scenario and the claims' results.</summary>
public sealed record RunReport(RunResult Run, ScenarioInfo Scenario, ImmutableArray<ExpectationOutcome> Expectations)
{
    /// <summary>How comparisons name this run ("A: alma-will", "B: will.responsiveness=0.8").</summary>
    public string Label { get; init; } = Scenario.Name;

    /// <summary>The what-if's changes (<c>--set</c>, <c>--stretch</c>) as the command line gave them; none for a run as written.</summary>
    public ImmutableArray<string> Changes { get; init; } = [];

    /// <summary>For a what-if, the file's value of each key its <c>--set</c> changed (<c>will.avoidance</c> → <c>5.5</c>): the page
    /// shows what the run changed from, not only what it changed to.</summary>
    public ImmutableDictionary<string, string> WasInFile { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The scenario file as the command line named it, for the command that compares a what-if with the file's own run; empty when unknown.</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>What the command that shows this run beside the file's own takes after the file (<c>--set will.avoidance=3 --seed 5</c>),
    /// one argument an item: the run's changes, and its seed and length when it was given them.</summary>
    public ImmutableArray<string> CompareArguments { get; init; } = [];

    /// <summary>The <see cref="Changes"/> that change the couple: a <c>--set seed=5</c> or <c>length=8w</c> is another run of the
    /// same couple, as <c>--seed 5</c> is, not a what-if.</summary>
    public ImmutableArray<string> WhatIfs => Changes.IsDefaultOrEmpty ? [] : [.. Changes.Where(c => !ScenarioChanges.IsAnotherRun(ScenarioChanges.Split(c).Key))];

    /// <summary>The title the chart and the page carry: the scenario's, and a what-if's changes after it, so that two
    /// projected plots of one scenario can be told apart.</summary>
    public string Title => WhatIfs.IsEmpty ? Scenario.Title : $"{Scenario.Title} — what if {string.Join(", ", WhatIfs)}";

    /// <summary>Summary figures (computed once).</summary>
    public RunMetrics Metrics { get; } = RunMetrics.Compute(Run);

    public bool AllExpectationsPassed => Expectations.All(e => e.Passed);
}

/// <summary>The tool's version as written into run.json.</summary>
public static class ToolInfo
{
    /// <summary>The assembly's informational version (e.g. <c>1.0.0+abc123</c>).</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolInfo).Assembly.GetName().Version?.ToString() ?? "0";
}
