using Orleans;
using Orleans.Runtime;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Simulation.Web.Tests;

public sealed class ApiTests(WorkshopHost host) : IClassFixture<WorkshopHost>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private HttpClient Http => host.Http;

    [Fact]
    public async Task Lists_scenarios_with_notes_and_partner_styles()
    {
        var list = await Http.GetFromJsonAsync<ScenarioList>("api/scenarios", Json);
        var s = Assert.Single(list!.Scenarios);
        Assert.Equal("alma-will", s.Name);
        Assert.Equal("Pause on Sunday evening and let Will stretch; compare with the run where he does not.", s.Notes.Try);
        Assert.Equal((24 * 28, 7UL), (s.Hours, s.Seed));
        Assert.Equal(["preoccupied", "dismissing"], s.Partners.Select(p => p.Style));
        Assert.Equal(["maximiser", "minimiser"], s.Partners.Select(p => p.Hendrix));
        Assert.Equal("early", s.Partners[0].Wound);
        var scheduled = Assert.Single(s.Interventions);
        Assert.Equal((21 * 24, new DateTime(2026, 3, 28, 8, 0, 0), "stretch", 0.5), (scheduled.Tick, scheduled.At, scheduled.Kind, scheduled.Strength));
        Assert.Equal(["will"], scheduled.Who);
        Assert.Equal((24 * 7 * 8, 6), (list.MaxHours, list.MaxRuns));
    }

    [Fact]
    public async Task A_run_can_be_prepared_with_stretching_as_the_command_line_adds_it()
    {
        var run = await Create(new { scenario = "alma-will", stretch = new[] { "both@week2", "alma@day3:0.5" } });
        Assert.Equal([(504, "will", 0.5), (168, "alma,will", 1.0), (48, "alma", 0.5)],
            run.Interventions.Select(i => (i.Tick, string.Join(",", i.Who), i.Strength)));
        var step = await Step(run.Id, 24 * 8);
        Assert.Equal([(48, "alma"), (168, "alma"), (168, "will")],
            step.Events.Where(e => e.Kind == "intervention").Select(e => (e.Tick, e.Actor)));
        Assert.All(step.Events.Where(e => e.Kind == "intervention"), e => Assert.Equal(new EventMark(e.Actor, "intervention"), Assert.Single(e.Marks)));
        var shorter = await Create(new { scenario = "alma-will", hours = 24 * 14 });
        Assert.Empty(shorter.Interventions);  // the scenario's own falls after this run's end: never reached, not drawn
        foreach (var id in new[] { run.Id, shorter.Id }) await Http.DeleteAsync($"api/runs/{id}");
    }

    [Fact]
    public async Task Serves_the_page_and_its_script_from_the_assembly()
    {
        string html = await Http.GetStringAsync("");
        Assert.Contains("<script src=\"app.js\"></script>", html);
        Assert.DoesNotContain("https://", html);
        var js = await Http.GetAsync("app.js");
        Assert.Equal("text/javascript", js.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("http://", (await js.Content.ReadAsStringAsync()).Replace("http://www.w3.org/2000/svg", ""));
    }

    [Theory]
    [InlineData("favicon.svg")]
    [InlineData("favicon.ico")]  // asked for by browsers whatever the page names; once a 404 in every log
    public async Task Serves_a_small_self_contained_favicon(string path)
    {
        Assert.Contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"favicon.svg\">", await Http.GetStringAsync(""));
        var res = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("image/svg+xml", res.Content.Headers.ContentType!.MediaType);
        var svg = System.Xml.Linq.XDocument.Parse(await res.Content.ReadAsStringAsync());
        Assert.Equal(System.Xml.Linq.XName.Get("svg", "http://www.w3.org/2000/svg"), svg.Root!.Name);
        Assert.DoesNotContain("href", svg.ToString());  // nothing fetched from elsewhere
        Assert.True(res.Content.Headers.ContentLength < 1024);
    }

    [Fact]
    public async Task Events_carry_the_tone_of_a_protest_as_events_csv_does()
    {
        var run = await Create(new { scenario = "alma-will" });
        var step = await Step(run.Id, 24 * 28);
        var protests = step.Events.Where(e => e.Kind == "protest").ToArray();
        Assert.NotEmpty(protests);
        Assert.Equal(["angry", "pleading"], protests.Select(e => e.Tone).Distinct().Order(StringComparer.Ordinal));
        Assert.All(step.Events.Where(e => e.Kind == "bid"), e => Assert.Equal("", e.Tone));
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"api/runs/{run.Id}")).StatusCode);
    }

    [Fact]
    public async Task Creates_steps_and_deletes_a_run_with_slider_values()
    {
        var run = await Create(new { scenario = "alma-will", partners = new { will = new { avoidance = 3.0, wound = "late" } }, seed = 11, hours = 100 });
        Assert.Equal(100, run.Hours);
        Assert.Equal(11UL, run.Seed);
        var will = run.Partners.Single(p => p.Id == "will");
        Assert.Equal((3.0, "late", "secure"), (will.Avoidance, will.Wound, will.Style));

        var step = await Step(run.Id, 40);
        Assert.Equal(40, step.Ticks.Count);
        Assert.Equal(40, step.Tick);
        Assert.False(step.Finished);
        Assert.Equal(Enumerable.Range(0, 40), step.Ticks.Select(t => t.Tick));
        Assert.All(step.Events, e => Assert.Matches(@"^(Sat|Sun|Mon) \d\d:\d\d — ", e.Caption));

        var rest = await Step(run.Id, 500);
        Assert.Equal(60, rest.Ticks.Count);
        Assert.True(rest.Finished);

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"api/runs/{run.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsJsonAsync($"api/runs/{run.Id}/step", new { ticks = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync($"api/runs/{run.Id}")).StatusCode);
    }

    [Fact]
    public async Task Every_event_comes_with_a_caption_that_fits_it()
    {
        var run = await Create(new { scenario = "alma-will" });
        var step = await Step(run.Id, 24 * 14);
        Assert.Contains(step.Events, e => e.Kind == "withdraw");
        Assert.Contains(step.Events, e => e.Outcome == "missed");
        foreach (var e in step.Events)
        {
            string who = e.Actor == "alma" ? "Alma" : "Will";
            Assert.StartsWith($"{Captions.When(e.Time)} — {who} ", e.Caption);
            if (e.Kind == "withdraw") Assert.EndsWith($"— {who} withdraws ({e.Reason})", e.Caption);
            if (e.Kind == "protest" && e.Outcome == "missed") Assert.Matches($"— {who} (protests angrily|pleads with (Alma|Will)); not answered$", e.Caption);
            if (e.Kind == "protest" && e.Outcome == "rebuffed") Assert.EndsWith("; " + (who == "Alma" ? "Will" : "Alma") + " turns away", e.Caption);
        }
        await Http.DeleteAsync($"api/runs/{run.Id}");
    }

    [Fact]
    public async Task Events_carry_the_report_charts_markers_and_the_visual_language_is_served()
    {
        var visual = (await Http.GetFromJsonAsync<VisualInfo>("api/visual", Json))!;
        Assert.Equal(["#D55E00", "#0072B2"], visual.Partners.Take(2));
        Assert.Contains(visual.Marks, m => m is { Key: "withdraw", Shape: "TriangleDown", Row: 0 });
        Assert.Equal(["branch", "closer", "further", "leisure", "sleep", "stress", "work"], visual.Bands.Keys.Order());
        // A branch in compare.png's colours: run B, closer, further apart (pink, not the stress band's orange).
        Assert.Equal(Simulation.Reports.Charts.ChartPalette.RunB, visual.Bands["branch"]);
        Assert.Equal(Simulation.Reports.Charts.ChartPalette.FurtherApart, visual.Bands["further"]);
        Assert.NotEqual(visual.Bands["stress"], visual.Bands["further"]);

        var run = await Create(new { scenario = "alma-will" });
        var step = await Step(run.Id, 24 * 7);
        var withdraw = step.Events.First(e => e.Kind == "withdraw");
        Assert.Equal([new EventMark(withdraw.Actor, "withdraw")], withdraw.Marks);
        var answered = step.Events.First(e => e.Kind == "bid" && e.Outcome == "answered");
        Assert.Contains(new EventMark(answered.Target, "answer"), answered.Marks);  // on the lane of who answered
        Assert.All(step.Events.SelectMany(e => e.Marks), m => Assert.Contains(visual.Marks, k => k.Key == m.Kind));
        await Http.DeleteAsync($"api/runs/{run.Id}");
    }

    [Fact]
    public async Task Runs_are_isolated_and_the_same_seed_gives_the_same_bytes()
    {
        var a = await Create(new { scenario = "alma-will", seed = 3 });
        var b = await Create(new { scenario = "alma-will", seed = 3 });
        Assert.NotEqual(a.Id, b.Id);
        await Step(a.Id, 24 * 3);
        await Http.PostAsJsonAsync($"api/runs/{a.Id}/interventions", new { kind = "stretch", who = new[] { "alma" } });
        await Step(a.Id, 24);
        Assert.Equal(0, (await Http.GetFromJsonAsync<RunInfo>($"api/runs/{b.Id}", Json))!.Tick);  // untouched by a
        await Step(b.Id, 24 * 3);
        var c = await Create(new { scenario = "alma-will", seed = 3 });
        await Step(c.Id, 24 * 3);
        string tb = await Http.GetStringAsync($"api/runs/{b.Id}/timeline.csv"), tc = await Http.GetStringAsync($"api/runs/{c.Id}/timeline.csv");
        Assert.Equal(tb, tc);
        string ta = await Http.GetStringAsync($"api/runs/{a.Id}/timeline.csv");
        Assert.StartsWith(tb, ta);  // a's first three days are b's, then a goes on (stretching)
        foreach (var id in new[] { a.Id, b.Id, c.Id }) await Http.DeleteAsync($"api/runs/{id}");
    }

    [Fact]
    public async Task An_intervention_acts_from_the_current_tick()
    {
        var run = await Create(new { scenario = "alma-will" });
        await Step(run.Id, 10);
        var res = await Http.PostAsJsonAsync($"api/runs/{run.Id}/interventions", new { kind = "stretch", who = new[] { "will" } });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var change = (await res.Content.ReadFromJsonAsync<ChangeResult>(Json))!;
        Assert.Equal(10, change.Tick);
        Assert.Equal("Will stretches", change.Caption);
        await Http.DeleteAsync($"api/runs/{run.Id}");
    }

    [Fact]
    public async Task A_branch_shares_the_history_and_then_differs()
    {
        var run = await Create(new { scenario = "alma-will" });
        await Step(run.Id, 34);
        var res = await Http.PostAsJsonAsync($"api/runs/{run.Id}/branch", new { intervention = new { kind = "stretch", who = new[] { "will", "alma" } } });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var body = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
        var fork = body.GetProperty("run").Deserialize<RunInfo>(Json)!;
        Assert.Equal((run.Id, 34, 34), (fork.Parent, fork.ForkedAt, fork.Tick));
        Assert.Equal("Sun 18:00 — branch: Alma and Will stretch", body.GetProperty("caption").GetString());
        Assert.NotEqual(run.Id, fork.Id);

        var a = await Step(run.Id, 24 * 7);
        var b = await Step(fork.Id, 24 * 7);
        Assert.Equal(a.Ticks.Select(t => t.Tick), b.Ticks.Select(t => t.Tick));
        Assert.Equal(Enumerable.Range(34, 24 * 7), b.Ticks.Select(t => t.Tick));
        Assert.NotEqual(a.Ticks.Select(t => t.Closeness), b.Ticks.Select(t => t.Closeness));

        // The branch carries the shared history: its first 34 hours are the original's, byte for byte.
        var original = (await Http.GetStringAsync($"api/runs/{run.Id}/timeline.csv")).Split('\n');
        var branched = (await Http.GetStringAsync($"api/runs/{fork.Id}/timeline.csv")).Split('\n');
        Assert.Equal(1 + 34 + 24 * 7 + 1, branched.Length);  // header, rows, final newline
        Assert.Equal(original.Take(1 + 34), branched.Take(1 + 34));
        Assert.NotEqual(original.Skip(1 + 34), branched.Skip(1 + 34));

        var traits = await Http.PostAsJsonAsync($"api/runs/{run.Id}/branch", new { traits = new[] { new { partner = "will", avoidance = 2.5 } } });
        Assert.Equal(HttpStatusCode.Created, traits.StatusCode);
        var second = JsonDocument.Parse(await traits.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Sun 18:00 — branch: Will now avoidance 2.5", second.GetProperty("caption").GetString());
        Assert.Equal(2.5, second.GetProperty("run").Deserialize<RunInfo>(Json)!.Partners.Single(p => p.Id == "will").Avoidance);

        foreach (var id in new[] { run.Id, fork.Id, second.GetProperty("run").GetProperty("id").GetString()! })
            await Http.DeleteAsync($"api/runs/{id}");
    }

    [Fact]
    public async Task Exports_the_timeline_as_csv_in_the_contract_layout()
    {
        var run = await Create(new { scenario = "alma-will" });
        await Step(run.Id, 3);
        var res = await Http.GetAsync($"api/runs/{run.Id}/timeline.csv");
        Assert.Equal("text/csv", res.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"alma-will-{run.Id}-timeline.csv", res.Content.Headers.ContentDisposition!.FileName);
        var lines = (await res.Content.ReadAsStringAsync()).Split('\n');
        Assert.Equal("tick,time,closeness,alma_stance,alma_distress,alma_hurt,alma_withdrawn,alma_anxiety,alma_avoidance," +
                     "will_stance,will_distress,will_hurt,will_withdrawn,will_anxiety,will_avoidance", lines[0]);
        Assert.StartsWith("0,2026-03-07T08:00,", lines[1]);
        Assert.StartsWith("2,2026-03-07T10:00,", lines[3]);
        Assert.Equal(15, lines[1].Split(',').Length);
        Assert.Equal("", lines[4]);

        var events = await Http.GetAsync($"api/runs/{run.Id}/events.csv");
        Assert.Equal($"alma-will-{run.Id}-events.csv", events.Content.Headers.ContentDisposition!.FileName);
        Assert.StartsWith("tick,time,actor,kind,target,outcome", await events.Content.ReadAsStringAsync());
        await Http.DeleteAsync($"api/runs/{run.Id}");
    }

    [Theory]
    [InlineData("{\"scenario\":\"nobody\"}", "unknown scenario 'nobody' (known: alma-will)")]
    [InlineData("{}", "scenario is required (a name from /api/scenarios)")]
    [InlineData("{\"scenario\":\"alma-will\",\"partners\":{\"alma\":{\"anxiety\":9}}}", "partners.alma.anxiety must be between 1 and 7 (got 9)")]
    [InlineData("{\"scenario\":\"alma-will\",\"partners\":{\"will\":{\"avoidance\":0.5}}}", "partners.will.avoidance must be between 1 and 7 (got 0.5)")]
    [InlineData("{\"scenario\":\"alma-will\",\"partners\":{\"will\":{\"wound\":\"middle\"}}}", "partners.will.wound must be early or late (got 'middle')")]
    [InlineData("{\"scenario\":\"alma-will\",\"partners\":{\"bob\":{\"anxiety\":3}}}", "unknown partner 'bob' in alma-will (partners: alma, will)")]
    [InlineData("{\"scenario\":\"alma-will\",\"hours\":99999999}", "hours must be between 1 and 1344 (got 99999999)")]
    [InlineData("{\"scenario\":\"alma-will\",\"hours\":0}", "hours must be between 1 and 1344 (got 0)")]
    [InlineData("{\"scenario\":\"alma-will\",\"colour\":\"red\"}", "unknown field 'colour' (fields: scenario, partners, seed, hours, stretch)")]
    [InlineData("{\"scenario\":\"alma-will\",\"partners\":{\"alma\":{\"anxeity\":3}}}", "unknown field 'anxeity' in partners.alma (fields: anxiety, avoidance, wound)")]
    [InlineData("{\"scenario\":\"alma-will\",\"seed\":\"7\"}", "seed must be a whole number from 0 to 18446744073709551615, not text in quotes")]
    [InlineData("{\"scenario\":\"alma-will\",\"seed\":-1}", "seed must be a whole number from 0 to 18446744073709551615")]
    [InlineData("{\"scenario\":\"alma-will\",\"hours\":\"100\"}", "hours must be a whole number, not text in quotes")]
    [InlineData("{\"scenario\":\"alma-will\",\"hours\":1.5}", "hours must be a whole number")]
    [InlineData("{\"scenario\":\"alma-will\",\"partners\":{\"alma\":{\"anxiety\":\"5\"}}}", "partners.alma.anxiety must be a number, not text in quotes")]
    [InlineData("{\"scenario\":7}", "scenario must be text in quotes")]
    [InlineData("{\"scenario\":\"alma-will\",\"stretch\":[\"wil@week2\"]}", "stretch: unknown partner `wil` (did you mean `will`?); write `alma`, `will` or `both` (in `wil@week2`)")]
    [InlineData("{\"scenario\":\"alma-will\",\"hours\":168,\"stretch\":[\"both@week2\"]}", "stretch: `week2` (2026-03-14T08:00) lies outside the run (2026-03-07T08:00 to 2026-03-14T08:00) (in `both@week2`)")]
    [InlineData("{\"scenario\":\"alma-will\",\"stretch\":\"both@week2\"}", "stretch must be a list [ … ], not text in quotes")]
    public async Task Bad_create_requests_get_400_with_one_clear_line(string body, string message)
    {
        var res = await Http.PostAsync("api/runs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal(message, (await res.Content.ReadFromJsonAsync<ApiError>(Json))!.Error);
    }

    [Fact]
    public async Task Malformed_json_gets_400_not_an_exception_page()
    {
        var res = await Http.PostAsync("api/runs", new StringContent("{\"scenario\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        string error = (await res.Content.ReadFromJsonAsync<ApiError>(Json))!.Error;
        Assert.StartsWith("malformed JSON (line 1, byte ", error);
        Assert.DoesNotContain("\n", error);

        var plain = await Http.PostAsync("api/runs", new StringContent("scenario=alma-will", Encoding.UTF8, "text/plain"));
        Assert.Equal("send a JSON body with Content-Type: application/json", (await plain.Content.ReadFromJsonAsync<ApiError>(Json))!.Error);
    }

    [Fact]
    public async Task Bad_step_intervention_and_branch_requests_get_400()
    {
        var run = await Create(new { scenario = "alma-will" });
        await Expect400($"api/runs/{run.Id}/step", new { ticks = 0 }, "ticks must be between 1 and 672 (got 0)");
        await Expect400($"api/runs/{run.Id}/step", new { ticks = 10000 }, "ticks must be between 1 and 672 (got 10000)");
        await Expect400($"api/runs/{run.Id}/interventions", new { kind = "hug", who = new[] { "will" } }, "kind: unknown intervention 'hug' (known: stretch)");
        await Expect400($"api/runs/{run.Id}/interventions", new { kind = "stretch", who = new[] { "bob" } }, "who: unknown partner 'bob' (partners: alma, will)");
        await Expect400($"api/runs/{run.Id}/interventions", new { kind = "stretch", who = Array.Empty<string>() }, "who: name at least one partner (alma, will)");
        await Expect400($"api/runs/{run.Id}/interventions", new { kind = "stretch", who = new[] { "will" }, strength = 3 }, "strength must be above 0 and at most 1 (got 3)");
        await Expect400($"api/runs/{run.Id}/branch", new { }, "a branch needs a change: an intervention or new traits");
        await Expect400($"api/runs/{run.Id}/branch", new { traits = new[] { new { partner = "will", anxiety = 8.0 } } }, "traits[0].anxiety must be between 1 and 7 (got 8)");
        await Expect400($"api/runs/{run.Id}/branch", new { intervention = new { kind = "stretch" } }, "intervention.who: name at least one partner (alma, will)");
        var missing = await Http.PostAsJsonAsync("api/runs/nope/step", new { ticks = 1 });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("no run 'nope' (it may have been freed, or released after being idle)", (await missing.Content.ReadFromJsonAsync<ApiError>(Json))!.Error);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("api/runs/nope/timeline.csv")).StatusCode);
        await Http.DeleteAsync($"api/runs/{run.Id}");
    }

    [Fact]
    public async Task Too_many_runs_get_429_and_idle_runs_are_released()
    {
        // Own server: the cap counts every run alive on it.
        var own = new WorkshopHost();
        await own.InitializeAsync();
        try
        {
            var ids = new List<string>();
            for (int i = 0; i < own.Options.MaxRuns; i++)
            {
                var res = await own.Http.PostAsJsonAsync("api/runs", new { scenario = "alma-will" });
                Assert.Equal(HttpStatusCode.Created, res.StatusCode);
                ids.Add((await res.Content.ReadFromJsonAsync<RunInfo>(Json))!.Id);
            }
            var over = await own.Http.PostAsJsonAsync("api/runs", new { scenario = "alma-will" });
            Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
            Assert.Equal("the server holds 6 runs, its limit: press \u201cFree all runs\u201d to end them all (every open tab's), " +
                         "close workshop tabs you no longer use, or wait: a run nobody uses is freed after 10 minutes",
                (await over.Content.ReadFromJsonAsync<ApiError>(Json))!.Error);
            var branch = await own.Http.PostAsJsonAsync($"api/runs/{ids[0]}/branch", new { intervention = new { kind = "stretch", who = new[] { "will" } } });
            Assert.Equal(HttpStatusCode.TooManyRequests, branch.StatusCode);

            // Orleans' idle collection takes the runs nobody used (forced here for those idle over a second,
            // rather than waiting the ten minutes); the server follows it and frees their places.
            var runs = own.App.Services.GetRequiredService<RunRegistry>();
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await own.Http.PostAsJsonAsync($"api/runs/{ids[0]}/step", new { ticks = 1 });  // used just now: stays
            var grains = own.App.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.FromSeconds(1));
            var gone = await own.Http.PostAsJsonAsync($"api/runs/{ids[1]}/step", new { ticks = 1 });
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal($"no run '{ids[1]}' (it may have been freed, or released after being idle)", (await gone.Content.ReadFromJsonAsync<ApiError>(Json))!.Error);
            Assert.Equal(4, await runs.ForgetCollectedAsync());
            Assert.Equal(1, runs.Count);
            Assert.Equal(HttpStatusCode.OK, (await own.Http.GetAsync($"api/runs/{ids[0]}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await own.Http.GetAsync($"api/runs/{ids[1]}")).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await own.Http.PostAsJsonAsync("api/runs", new { scenario = "alma-will" })).StatusCode);
        }
        finally { await own.DisposeAsync(); }
    }

    private async Task Expect400(string path, object body, string message)
    {
        var res = await Http.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal(message, (await res.Content.ReadFromJsonAsync<ApiError>(Json))!.Error);
    }

    private async Task<RunInfo> Create(object body)
    {
        var res = await Http.PostAsJsonAsync("api/runs", body);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.Content.ReadFromJsonAsync<RunInfo>(Json))!;
    }

    private async Task<StepResult> Step(string id, int ticks)
    {
        var res = await Http.PostAsJsonAsync($"api/runs/{id}/step", new { ticks });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return (await res.Content.ReadFromJsonAsync<StepResult>(Json))!;
    }
}
