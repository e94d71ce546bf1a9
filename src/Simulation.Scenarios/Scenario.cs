using System.Collections.Immutable;
using Simulation.Model;

namespace Simulation.Scenarios;

/// <summary>The teaching notes of a scenario: what it shows, what to notice, what to try.</summary>
public sealed record ScenarioNotes(string What, string Notice, string Try);

/// <summary>
/// One claim of a scenario's <c>expect:</c> list: a pattern name and its arguments as written
/// (scalar text, validated at load time), including the common <c>holds</c>, <c>from</c>, <c>until</c>.
/// </summary>
public sealed record Expectation(string Pattern, ImmutableDictionary<string, string> Args, SourceLocation Location);

/// <summary>The verdict on one expectation. <see cref="Detail"/> gives the measured figures in plain words.</summary>
public sealed record ExpectationResult(Expectation Expectation, bool Passed, string Detail);

/// <summary>
/// A loaded, validated scenario resolved into the model's <see cref="CoupleSpec"/>. Sha256 is of the
/// file's bytes (of the UTF-8 text for <see cref="ScenarioLoader.Parse"/>), lowercase hex.
/// </summary>
public sealed record Scenario(
    string Name, string Title, string Summary, ScenarioNotes Notes, CoupleSpec Spec,
    ImmutableArray<Expectation> Expect, string SourcePath, string Sha256);
