using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Simulation.Grains;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Web;

/// <summary>The page's API. Every input is checked here; a failure is one line in <see cref="ApiError"/>.</summary>
internal static class WorkshopEndpoints
{
    /// <summary>Most hours one step call may ask for (four weeks): keeps a single request short.</summary>
    public const int MaxStep = 24 * 7 * 4;

    public static JsonSerializerOptions Json => JsonBodies.Options;

    /// <summary>Ids of a freeing tab's runs per beacon (a tab has a run and a branch).</summary>
    public const int MaxRelease = 16;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/scenarios", (ScenarioShelf shelf, WorkshopOptions options, string? wanted) =>
        {
            var listing = shelf.List();
            var names = listing.Scenarios.Select(s => s.Info.Name).ToArray();
            string? suggestion = wanted is null || names.Contains(wanted) ? null : Simulation.Scenarios.Spelling.Suggest(wanted, names);
            return TypedResults.Json(new ScenarioList(listing.Scenarios.Select(s => s.Info).ToArray(), listing.Problems, options.MaxHours, options.MaxRuns, suggestion), Json);
        });
        api.MapGet("/visual", () => TypedResults.Json(WorkshopMapping.Visual, Json));
        api.MapGet("/runs", async (RunRegistry runs, WorkshopOptions options) =>
        {
            // Counted as Orleans holds them: a run collected after being idle no longer counts.
            await runs.ForgetCollectedAsync();
            return TypedResults.Json(new RunsInfo(runs.Count, options.MaxRuns, options.IdleRelease.TotalMinutes), Json);
        });
        api.MapPost("/runs", CreateAsync);
        // A trainer's "free all runs": every tab's, so a room that hit the limit can go on at once.
        api.MapDelete("/runs", async (RunRegistry runs) => TypedResults.Json(new ReleasedResult(await runs.ReleaseAllAsync()), Json));
        // What a closing tab sends with navigator.sendBeacon (a POST): its run and branch.
        api.MapPost("/release", ReleaseAsync);
        api.MapGet("/runs/{id}", (string id, RunRegistry runs) =>
            runs.Find(id) is { } run ? Results.Json(run.Info(), Json) : NotFound(id));
        api.MapPost("/runs/{id}/step", StepAsync);
        api.MapPost("/runs/{id}/interventions", InterveneAsync);
        api.MapPost("/runs/{id}/branch", BranchAsync);
        api.MapGet("/runs/{id}/timeline.csv", (string id, RunRegistry runs, HttpContext http) =>
            CsvAsync(id, runs, http, "timeline", Reports.CsvWriters.Timeline));
        api.MapGet("/runs/{id}/events.csv", (string id, RunRegistry runs, HttpContext http) =>
            CsvAsync(id, runs, http, "events", Reports.CsvWriters.Events));
        api.MapDelete("/runs/{id}", async (string id, RunRegistry runs) =>
            await runs.ReleaseAsync(id) ? Results.NoContent() : NotFound(id));
    }

    private static async Task<IResult> ReleaseAsync(HttpRequest http, RunRegistry runs)
    {
        var (req, error) = await JsonBodies.ReadAsync<ReleaseRequest>(http, plainText: true);
        if (req is null) return BadRequest(error!);
        if (req.Runs is not { Count: > 0 } ids) return BadRequest("runs: list the ids of the runs to free, e.g. {\"runs\": [\"3f2a…\"]}");
        if (ids.Count > MaxRelease) return BadRequest($"runs: at most {MaxRelease} ids at once (got {ids.Count})");
        return Ok(new ReleasedResult(await runs.ReleaseAsync(ids.OfType<string>())));
    }

    private static async Task<IResult> CreateAsync(HttpRequest http, ScenarioShelf shelf, RunRegistry runs, WorkshopOptions options)
    {
        var (req, error) = await JsonBodies.ReadAsync<CreateRunRequest>(http);
        if (req is null) return BadRequest(error!);
        if (string.IsNullOrWhiteSpace(req.Scenario)) return BadRequest("scenario is required (a name from /api/scenarios)");
        var listing = shelf.List();
        var scenario = listing.Scenarios.FirstOrDefault(s => s.Info.Name == req.Scenario);
        if (scenario is null)
        {
            string known = string.Join(", ", listing.Scenarios.Select(s => s.Info.Name));
            return BadRequest($"unknown scenario '{Q(req.Scenario)}' (known: {(known.Length > 0 ? known : "none")})");
        }

        var spec = scenario.Spec;
        if (req.Hours is { } hours)
        {
            if (hours < 1 || hours > options.MaxHours)
                return BadRequest($"hours must be between 1 and {options.MaxHours} (got {hours})");
            spec = spec with { Hours = hours };
        }
        else if (spec.Hours > options.MaxHours)
        {
            spec = spec with { Hours = options.MaxHours };
        }
        if (req.Seed is { } seed) spec = spec with { Seed = seed };

        if (req.Partners is { } settings)
        {
            var partners = spec.Partners.ToBuilder();
            foreach (var (id, set) in settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)))
            {
                int i = IndexOf(spec, id);
                if (i < 0) return BadRequest($"unknown partner '{Q(id)}' in {scenario.Info.Name} (partners: {string.Join(", ", spec.Partners.Select(p => p.Id))})");
                if (set is null) return BadRequest($"partners.{id} must be an object like {{\"anxiety\": 5}}");
                var (partner, problem) = WithSettings(partners[i], set.Anxiety, set.Avoidance, set.Wound, $"partners.{id}");
                if (partner is null) return BadRequest(problem!);
                partners[i] = partner;
            }
            spec = spec with { Partners = partners.ToImmutable() };
        }

        if (req.Stretch is { } stretches)
        {
            // The command line's --stretch, checked the same way (after the length, so "inside the run" is this run's).
            if (stretches.Count > ScenarioLimits.MaxInterventions) return BadRequest($"stretch: at most {ScenarioLimits.MaxInterventions} (got {stretches.Count})");
            try { spec = ScenarioStretches.WithStretches(spec, stretches.Select(x => x ?? ""), "stretch"); }
            catch (ScenarioException ex) { return BadRequest("stretch: " + ex.Diagnostics[0].Message); }
        }

        try
        {
            var run = await runs.CreateAsync(scenario.Info.Name, spec);
            return TypedResults.Json(run.Info(), Json, statusCode: StatusCodes.Status201Created);
        }
        catch (TooManyRunsException ex) { return TooMany(ex); }
    }

    private static async Task<IResult> StepAsync(string id, HttpRequest http, RunRegistry runs)
    {
        if (runs.Find(id) is not { } run) return NotFound(id);
        var (req, error) = await JsonBodies.ReadAsync(http, new StepRequest());
        if (req is null) return BadRequest(error!);
        int ticks = req.Ticks ?? 1;
        if (ticks < 1 || ticks > MaxStep) return BadRequest($"ticks must be between 1 and {MaxStep} (got {ticks})");

        await run.Gate.WaitAsync(http.HttpContext.RequestAborted);
        try
        {
            if (run.Released) return NotFound(id);
            if (run.Finished) return Ok(new StepResult(run.Id, run.Tick, true, [], []));
            var batch = await run.Grain.StepAsync(ticks);
            run.Tick += batch.Count;
            run.Finished = batch.Finished;
            return Ok(new StepResult(
                run.Id, run.Tick, run.Finished,
                batch.Ticks.Select(WorkshopMapping.Tick).ToArray(),
                batch.Events.Select(e => WorkshopMapping.Event(e, run)).ToArray()));
        }
        finally { run.Gate.Release(); }
    }

    private static async Task<IResult> InterveneAsync(string id, HttpRequest http, RunRegistry runs)
    {
        if (runs.Find(id) is not { } run) return NotFound(id);
        var (req, error) = await JsonBodies.ReadAsync<InterventionRequest>(http);
        if (req is null) return BadRequest(error!);
        var (change, problem) = Intervention(req, run.Spec, "");
        if (change is null) return BadRequest(problem!);

        await run.Gate.WaitAsync(http.HttpContext.RequestAborted);
        try
        {
            if (run.Released) return NotFound(id);
            if (run.Finished) return Conflict("the run has finished; start a new one");
            await run.Grain.ApplyAsync(change);
            return Ok(new ChangeResult(run.Id, run.Tick, Describe(change, run)));
        }
        finally { run.Gate.Release(); }
    }

    private static async Task<IResult> BranchAsync(string id, HttpRequest http, RunRegistry runs)
    {
        if (runs.Find(id) is not { } run) return NotFound(id);
        var (req, error) = await JsonBodies.ReadAsync<BranchRequest>(http);
        if (req is null) return BadRequest(error!);
        var changes = new List<RunChange>();
        if (req.Intervention is { } iv)
        {
            var (change, problem) = Intervention(iv, run.Spec, "intervention.");
            if (change is null) return BadRequest(problem!);
            changes.Add(change);
        }
        var spec = run.Spec;
        foreach (var (t, i) in (req.Traits ?? []).Select((t, i) => (t, i)).ToArray())
        {
            string at = $"traits[{i}]";
            if (t is null) return BadRequest($"{at} must be an object like {{\"partner\": \"will\", \"avoidance\": 3}}");
            if (string.IsNullOrWhiteSpace(t.Partner)) return BadRequest($"{at}.partner is required");
            int k = IndexOf(spec, t.Partner);
            if (k < 0) return BadRequest($"{at}.partner: unknown partner '{Q(t.Partner)}' (partners: {string.Join(", ", spec.Partners.Select(p => p.Id))})");
            if (t.Anxiety is null && t.Avoidance is null && t.Wound is null) return BadRequest($"{at} changes nothing: give anxiety, avoidance or wound");
            var (partner, problem) = WithSettings(spec.Partners[k], t.Anxiety, t.Avoidance, t.Wound, at);
            if (partner is null) return BadRequest(problem!);
            spec = spec with { Partners = spec.Partners.SetItem(k, partner) };
            changes.Add(new TraitChange(partner.Id, t.Anxiety, t.Avoidance, t.Wound is null ? null : partner.Wound));
        }
        if (changes.Count == 0) return BadRequest("a branch needs a change: an intervention or new traits");

        await run.Gate.WaitAsync(http.HttpContext.RequestAborted);
        RunEntry fork;
        try
        {
            if (run.Released) return NotFound(id);
            if (run.Finished) return Conflict("the run has finished; branch before the end");
            fork = await runs.ForkAsync(run);
        }
        catch (TooManyRunsException ex) { return TooMany(ex); }
        finally { run.Gate.Release(); }

        // Not cancelled by the caller going away: a fork half changed would be a branch nobody asked for.
        await fork.Gate.WaitAsync(CancellationToken.None);
        try
        {
            // Freed before its change was made (free all runs): say so rather than change a released run.
            if (fork.Released) return Conflict("the branch was freed before it started (all runs were freed); branch again");
            foreach (var change in changes) await fork.Grain.ApplyAsync(change);
            fork.Spec = spec;
        }
        finally { fork.Gate.Release(); }
        string caption = $"{Captions.When(spec.Start.AddHours(fork.ForkedAt))} — branch: {string.Join("; ", changes.Select(c => Describe(c, fork)))}";
        return TypedResults.Json(new { run = fork.Info(), caption }, Json, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>A run's CSV as the CLI writes it (same writer, same bytes).</summary>
    private static async Task<IResult> CsvAsync(string id, RunRegistry runs, HttpContext http, string what, Func<RunResult, string> write)
    {
        if (runs.Find(id) is not { } run) return NotFound(id);
        await run.Gate.WaitAsync(http.RequestAborted);
        RunResult result;
        try
        {
            if (run.Released) return NotFound(id);
            result = await run.Grain.GetResultAsync();
        }
        finally { run.Gate.Release(); }
        string file = $"{run.Scenario}-{run.Id}-{what}.csv";
        return TypedResults.File(Encoding.UTF8.GetBytes(write(result)), "text/csv; charset=utf-8", file);
    }

    private static (InterventionChange? Change, string? Problem) Intervention(InterventionRequest req, CoupleSpec spec, string at)
    {
        if (string.IsNullOrWhiteSpace(req.Kind)) return (null, $"{at}kind is required (stretch)");
        if (!string.Equals(req.Kind, "stretch", StringComparison.Ordinal))
            return (null, $"{at}kind: unknown intervention '{Q(req.Kind)}' (known: stretch)");
        if (req.Who is not { Count: > 0 } who) return (null, $"{at}who: name at least one partner ({string.Join(", ", spec.Partners.Select(p => p.Id))})");
        foreach (var w in who)
            if (!spec.Partners.Any(p => p.Id == w))
                return (null, $"{at}who: unknown partner '{Q(w ?? "")}' (partners: {string.Join(", ", spec.Partners.Select(p => p.Id))})");
        double strength = req.Strength ?? 1.0;
        if (!(strength > 0 && strength <= 1)) return (null, $"{at}strength must be above 0 and at most 1 (got {Num(strength)})");
        // Scenario order, not click order, so the same change always reads and runs the same.
        var ordered = spec.Partners.Where(p => who.Contains(p.Id)).Select(p => p.Id).ToImmutableArray();
        return (new InterventionChange(InterventionKind.Stretch, ordered, strength), null);
    }

    private static (PartnerSpec? Partner, string? Problem) WithSettings(PartnerSpec p, double? anxiety, double? avoidance, string? wound, string at)
    {
        if (anxiety is { } a)
        {
            if (!(a >= 1 && a <= 7)) return (null, $"{at}.anxiety must be between 1 and 7 (got {Num(a)})");
            p = p with { Anxiety = a };
        }
        if (avoidance is { } v)
        {
            if (!(v >= 1 && v <= 7)) return (null, $"{at}.avoidance must be between 1 and 7 (got {Num(v)})");
            p = p with { Avoidance = v };
        }
        if (wound is not null)
        {
            Wound? w = wound switch { "early" => Wound.Early, "late" => Wound.Late, _ => null };
            if (w is null) return (null, $"{at}.wound must be early or late (got '{Q(wound)}')");
            p = p with { Wound = w.Value };
        }
        return (p, null);
    }

    private static string Describe(RunChange change, RunEntry run) => change switch
    {
        InterventionChange i => $"{Names(i.Who, run)} {(i.Who.Length > 1 ? "stretch" : "stretches")}" +
                                (i.Strength < 1 ? $" (strength {Num(i.Strength)})" : ""),
        TraitChange t => $"{Names([t.PartnerId], run)} now " + string.Join(", ", new[]
        {
            t.Anxiety is { } a ? $"anxiety {Num(a)}" : null,
            t.Avoidance is { } v ? $"avoidance {Num(v)}" : null,
            t.Wound is { } w ? $"{Reports.RunText.Wound(w)} wound" : null,
        }.OfType<string>()),
        _ => change.ToString(),
    };

    private static string Names(IEnumerable<string> ids, RunEntry run)
    {
        var names = run.Names;
        return string.Join(" and ", ids.Select(id => names.TryGetValue(id, out var n) ? n : id));
    }

    private static int IndexOf(CoupleSpec spec, string id)
    {
        for (int i = 0; i < spec.Partners.Length; i++)
            if (spec.Partners[i].Id == id) return i;
        return -1;
    }

    private static string Num(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    private static IResult Ok<T>(T value) => TypedResults.Json(value, Json);
    private static IResult BadRequest(string message) => TypedResults.BadRequest(new ApiError(message));
    private static IResult NotFound(string id) => TypedResults.NotFound(new ApiError(NoSuchRun(id)));

    public static string NoSuchRun(string id) => $"no run '{Q(id)}' (it may have been freed, or released after being idle)";

    /// <summary>User text echoed in an answer: one line, cut short (a 10 MB name is not sent back).</summary>
    public static string Q(string text) => Printable.Quote(text);
    private static IResult Conflict(string message) => TypedResults.Conflict(new ApiError(message));
    private static IResult TooMany(TooManyRunsException ex) =>
        TypedResults.Json(new ApiError(ex.Message), Json, statusCode: StatusCodes.Status429TooManyRequests);
}
