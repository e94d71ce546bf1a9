namespace Simulation.Web;

// The page's JSON contract (camelCase on the wire). Requests use nullable members so that a
// missing value can be told apart from a zero and reported by name.

/// <summary>Every failure answer: one line saying what was wrong.</summary>
public sealed record ApiError(string Error);

public sealed record ScenarioNotes(string What, string Notice, string Try);

public sealed record PartnerInfo(
    string Id, string Name, double Anxiety, double Avoidance, string Wound, string Style, string Hendrix);

public sealed record ScenarioInfo(
    string Name, string Title, string Summary, ScenarioNotes Notes,
    DateTime Start, int Hours, ulong Seed, IReadOnlyList<PartnerInfo> Partners);

/// <summary>The library: usable scenarios, and one line per file that could not be read.</summary>
public sealed record ScenarioList(IReadOnlyList<ScenarioInfo> Scenarios, IReadOnlyList<string> Problems);

/// <summary>Slider values for one partner; absent values keep the scenario's.</summary>
public sealed record PartnerSettings(double? Anxiety = null, double? Avoidance = null, string? Wound = null);

public sealed record CreateRunRequest(
    string? Scenario = null,
    Dictionary<string, PartnerSettings>? Partners = null,
    ulong? Seed = null,
    int? Hours = null);

public sealed record RunInfo(
    string Id, string Scenario, string? Parent, int ForkedAt, int Tick, bool Finished,
    DateTime Start, int Hours, ulong Seed, IReadOnlyList<PartnerInfo> Partners);

public sealed record StepRequest(int? Ticks = null);

public sealed record Circ(double Stress, double Availability, double Leisure, bool Asleep);

public sealed record PartnerTick(
    double Stance, double Distress, double Hurt, bool Withdrawn, double Anxiety, double Avoidance, Circ Circumstances);

public sealed record TickView(int Tick, DateTime Time, double Closeness, IReadOnlyList<PartnerTick> Partners);

public sealed record EventView(
    int Tick, DateTime Time, string Actor, string Kind, string Target, string Outcome, string Reason, string Caption);

public sealed record StepResult(string Id, int Tick, bool Finished, IReadOnlyList<TickView> Ticks, IReadOnlyList<EventView> Events);

/// <summary>An intervention now: <c>stretch</c> for the partners in <c>Who</c>.</summary>
public sealed record InterventionRequest(string? Kind = null, List<string>? Who = null, double? Strength = null);

/// <summary>New traits for one partner from now on.</summary>
public sealed record TraitRequest(string? Partner = null, double? Anxiety = null, double? Avoidance = null, string? Wound = null);

/// <summary>Fork the run here and change the fork: an intervention, new traits, or both.</summary>
public sealed record BranchRequest(InterventionRequest? Intervention = null, List<TraitRequest>? Traits = null);

public sealed record ChangeResult(string Id, int Tick, string Caption);
