namespace Simulation.Web;

// The page's JSON contract (camelCase on the wire). Requests use nullable members so that a
// missing value can be told apart from a zero and reported by name.

/// <summary>Every failure answer: one line saying what was wrong.</summary>
public sealed record ApiError(string Error);

public sealed record ScenarioNotes(string What, string Notice, string Try);

public sealed record PartnerInfo(
    string Id, string Name, double Anxiety, double Avoidance, string Wound, string Style, string Hendrix);

/// <summary>A scheduled intervention: from <c>Tick</c> (hours from the start) on, <c>Who</c> stretch.</summary>
public sealed record InterventionInfo(int Tick, DateTime At, IReadOnlyList<string> Who, string Kind, double Strength);

public sealed record ScenarioInfo(
    string Name, string Title, string Summary, ScenarioNotes Notes,
    DateTime Start, int Hours, ulong Seed, IReadOnlyList<PartnerInfo> Partners, IReadOnlyList<InterventionInfo> Interventions);

/// <summary>
/// The library: usable scenarios, one line per file that could not be read, and the server's
/// limits a page checks its fields against (longest run in hours, runs at once). <paramref name="Suggestion"/>: for
/// <c>?wanted=NAME</c> that names no scenario, the one it is most plausibly a slip for (the command line's search).
/// </summary>
public sealed record ScenarioList(IReadOnlyList<ScenarioInfo> Scenarios, IReadOnlyList<string> Problems, int MaxHours, int MaxRuns, string? Suggestion = null);

/// <summary>Slider values for one partner; absent values keep the scenario's.</summary>
public sealed record PartnerSettings(double? Anxiety = null, double? Avoidance = null, string? Wound = null);

/// <summary>
/// A new run of a scenario: slider values, seed, length in hours, and stretching added as the
/// command line's <c>--stretch WHO@WHEN[:STRENGTH]</c> does (<c>"both@week3"</c>).
/// </summary>
public sealed record CreateRunRequest(
    string? Scenario = null,
    Dictionary<string, PartnerSettings>? Partners = null,
    ulong? Seed = null,
    int? Hours = null,
    List<string>? Stretch = null);

public sealed record RunInfo(
    string Id, string Scenario, string? Parent, int ForkedAt, int Tick, bool Finished,
    DateTime Start, int Hours, ulong Seed, IReadOnlyList<PartnerInfo> Partners, IReadOnlyList<InterventionInfo> Interventions);

/// <summary>How many runs the server holds (every tab's, branches included), of how many it allows.</summary>
public sealed record RunsInfo(int Count, int Limit, double IdleMinutes);

/// <summary>Runs a closing tab frees (sent by <c>navigator.sendBeacon</c>).</summary>
public sealed record ReleaseRequest(List<string>? Runs = null);

public sealed record ReleasedResult(int Released);

public sealed record StepRequest(int? Ticks = null);

public sealed record Circ(double Stress, double Availability, double Leisure, bool Asleep);

public sealed record PartnerTick(
    double Stance, double Distress, double Hurt, bool Withdrawn, double Anxiety, double Avoidance, Circ Circumstances);

public sealed record TickView(int Tick, DateTime Time, double Closeness, IReadOnlyList<PartnerTick> Partners);

/// <summary>A marker an event puts on a partner's lane (kinds as in <see cref="VisualInfo.Marks"/>).</summary>
public sealed record EventMark(string Partner, string Kind);

/// <summary>An event as events.csv has it (<paramref name="Tone"/>: a protest's or give-up's tone, or empty), with its caption and markers.</summary>
public sealed record EventView(
    int Tick, DateTime Time, string Actor, string Kind, string Target, string Outcome, string Reason, string Tone, string Caption,
    IReadOnlyList<EventMark> Marks);

/// <summary>A marker kind of the report charts: shape, colour and row within a lane (0 = bottom).</summary>
public sealed record MarkInfo(string Key, string Label, string Shape, string Color, int Row);

/// <summary>The report charts' visual language, so the live chart draws the same marks in the same colours.</summary>
public sealed record VisualInfo(
    IReadOnlyList<string> Partners, IReadOnlyDictionary<string, string> Bands, IReadOnlyList<MarkInfo> Marks);

public sealed record StepResult(string Id, int Tick, bool Finished, IReadOnlyList<TickView> Ticks, IReadOnlyList<EventView> Events);

/// <summary>An intervention now: <c>stretch</c> for the partners in <c>Who</c>.</summary>
public sealed record InterventionRequest(string? Kind = null, List<string>? Who = null, double? Strength = null);

/// <summary>New traits for one partner from now on.</summary>
public sealed record TraitRequest(string? Partner = null, double? Anxiety = null, double? Avoidance = null, string? Wound = null);

/// <summary>Fork the run here and change the fork: an intervention, new traits, or both.</summary>
public sealed record BranchRequest(InterventionRequest? Intervention = null, List<TraitRequest>? Traits = null);

public sealed record ChangeResult(string Id, int Tick, string Caption);
