using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Simulation.Web.Tests;

/// <summary>
/// The page's half of issue 14: every failure a JSON line, no 500 from a race, the Host header
/// checked, security headers, echoed input cut short, numbers that are numbers.
/// </summary>
public sealed class HardeningTests(WorkshopHost host) : IClassFixture<WorkshopHost>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private HttpClient Http => host.Http;

    /// <summary>The answer is JSON <c>{"error": "…"}</c>, one short line; returns the line.</summary>
    private static async Task<string> ErrorLine(HttpResponseMessage res, HttpStatusCode status)
    {
        string body = await res.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\\u0027", body);  // readable with curl: 'name', not \u0027name\u0027
        Assert.True(status == res.StatusCode, $"{(int)res.StatusCode} {body}");
        Assert.Equal("application/json", res.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(["error"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        string error = doc.RootElement.GetProperty("error").GetString()!;
        Assert.NotEqual("", error);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\r', error);
        Assert.True(error.Length < 400, error[..Math.Min(400, error.Length)]);
        Assert.DoesNotContain("Simulation.", error);  // no .NET type names
        return error;
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? body = null, string type = "application/json")
    {
        var req = new HttpRequestMessage(method, path);
        if (body is not null) req.Content = new StringContent(body, Encoding.UTF8, type);
        return Http.SendAsync(req);
    }

    [Fact]
    public async Task Every_error_is_json_with_a_one_line_reason()
    {
        Assert.Equal("no such page: /nope (the workshop page is at /)", await ErrorLine(await Http.GetAsync("nope"), HttpStatusCode.NotFound));
        Assert.Equal("no such page: /app.min.js (the workshop page is at /)", await ErrorLine(await Http.GetAsync("app.min.js"), HttpStatusCode.NotFound));
        Assert.Equal("no such API endpoint: /api/nope (see docs/web.md)", await ErrorLine(await Http.GetAsync("api/nope"), HttpStatusCode.NotFound));
        Assert.StartsWith("no run 'abc'", await ErrorLine(await Http.GetAsync("api/runs/abc"), HttpStatusCode.NotFound));
        Assert.Equal("GET is not allowed on /api/runs/abc/step; use POST", await ErrorLine(await Http.GetAsync("api/runs/abc/step"), HttpStatusCode.MethodNotAllowed));
        Assert.Equal("PUT is not allowed on /api/scenarios; use GET", await ErrorLine(await Send(HttpMethod.Put, "api/scenarios", "{}"), HttpStatusCode.MethodNotAllowed));
        Assert.Equal("POST is not allowed on /; use GET", await ErrorLine(await Send(HttpMethod.Post, "", "{}"), HttpStatusCode.MethodNotAllowed));

        string big = "{\"scenario\": \"" + new string('x', 100_000) + "\"}";
        Assert.Equal("the request body is larger than 64 KiB", await ErrorLine(await Send(HttpMethod.Post, "api/runs", big), HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal("the address is longer than 4096 characters", await ErrorLine(await Http.GetAsync("api/scenarios?x=" + new string('y', 10_000)), HttpStatusCode.RequestUriTooLong));
        var headers = new HttpRequestMessage(HttpMethod.Get, "api/scenarios");
        headers.Headers.Add("X-Padding", new string('z', 40_000));
        Assert.Equal("the request's headers are larger than 32 KiB", await ErrorLine(await Http.SendAsync(headers), HttpStatusCode.RequestHeaderFieldsTooLarge));

        Assert.StartsWith("malformed JSON (line 1, byte ", await ErrorLine(await Send(HttpMethod.Post, "api/runs", "{\"scenario\": "), HttpStatusCode.BadRequest));
        Assert.Equal("send a JSON body with Content-Type: application/json", await ErrorLine(await Send(HttpMethod.Post, "api/runs", "{}", "text/plain"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task An_exception_is_a_500_with_a_json_line_and_the_server_goes_on()
    {
        int calls = 0;
        var failing = new WorkshopHost(new ScenarioShelf(() => ++calls == 1 ? throw new IOException("disk on fire") : WorkshopServer.ReadLibrary(WorkshopHost.FixtureScenarios)));
        await failing.InitializeAsync();
        try
        {
            string error = await ErrorLine(await failing.Http.GetAsync("api/scenarios"), HttpStatusCode.InternalServerError);
            Assert.Equal("internal error (IOException: disk on fire); the server goes on, please report it", error);
            Assert.Equal(HttpStatusCode.OK, (await failing.Http.GetAsync("api/scenarios")).StatusCode);
        }
        finally { await failing.DisposeAsync(); }
    }

    [Fact]
    public async Task Every_answer_carries_nosniff_and_a_strict_csp()
    {
        foreach (var path in new[] { "", "app.js", "app.css", "api/scenarios", "api/nope", "nope" })
        {
            var res = await Http.GetAsync(path);
            Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
            string csp = res.Headers.GetValues("Content-Security-Policy").Single();
            Assert.StartsWith("default-src 'none'; script-src 'self'; style-src 'self';", csp);
            Assert.Contains("connect-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe", csp);
            Assert.DoesNotContain("http", csp);
        }
    }

    [Theory]
    [InlineData("evil.example", HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1.nip.io", HttpStatusCode.Forbidden)]
    [InlineData("192.168.1.20", HttpStatusCode.Forbidden)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("workshop.localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("[::1]", HttpStatusCode.OK)]
    public async Task The_host_header_must_name_this_machine(string name, HttpStatusCode status)
    {
        var req = new HttpRequestMessage(HttpMethod.Get, "api/scenarios");
        req.Headers.Host = $"{name}:{host.Address.Port}";
        var res = await Http.SendAsync(req);
        if (status == HttpStatusCode.OK) Assert.Equal(status, res.StatusCode);
        else Assert.Equal($"the Host header must name this machine (localhost or 127.0.0.1), not '{name}': open the page at the address couplesim serve printed",
            await ErrorLine(res, status));
    }

    [Theory]
    [InlineData("Origin", "https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("Origin", "http://127.0.0.1.nip.io:5055", HttpStatusCode.Forbidden)]
    [InlineData("Sec-Fetch-Site", "cross-site", HttpStatusCode.Forbidden)]
    [InlineData("Origin", "http://localhost:5055", HttpStatusCode.OK)]
    [InlineData("Sec-Fetch-Site", "same-origin", HttpStatusCode.OK)]
    public async Task Only_this_servers_own_page_may_change_runs(string header, string value, HttpStatusCode status)
    {
        // A page elsewhere may send a simple POST here without asking (a beacon, a text/plain form).
        var req = new HttpRequestMessage(HttpMethod.Post, "api/release") { Content = new StringContent("{\"runs\": [\"x\"]}", Encoding.UTF8, "text/plain") };
        req.Headers.Add(header, value);
        var res = await Http.SendAsync(req);
        if (status == HttpStatusCode.OK) Assert.Equal(0, (await res.Content.ReadFromJsonAsync<ReleasedResult>(Json))!.Released);
        else Assert.StartsWith("requests from other sites are refused", await ErrorLine(res, status));
        // Reading stays open to any page of this machine (GET changes nothing).
        var get = new HttpRequestMessage(HttpMethod.Get, "api/scenarios");
        get.Headers.Add(header, value);
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(get)).StatusCode);
    }

    [Fact]
    public async Task Echoed_input_is_cut_short()
    {
        string name = new('n', 50_000);
        var scenario = await ErrorLine(await Send(HttpMethod.Post, "api/runs", $"{{\"scenario\": \"{name}\"}}"), HttpStatusCode.BadRequest);
        Assert.StartsWith($"unknown scenario '{new string('n', 60)}…' (known: alma-will)", scenario);
        var field = await ErrorLine(await Send(HttpMethod.Post, "api/runs", $"{{\"{name}\": 1}}"), HttpStatusCode.BadRequest);
        Assert.StartsWith($"unknown field '{new string('n', 60)}…'", field);
        var id = await ErrorLine(await Http.GetAsync("api/runs/" + new string('i', 3000)), HttpStatusCode.NotFound);
        Assert.StartsWith($"no run '{new string('i', 60)}…'", id);
        var control = await ErrorLine(await Send(HttpMethod.Post, "api/runs", "{\"scenario\": \"a\\nb\\u001b[2J\"}"), HttpStatusCode.BadRequest);
        Assert.StartsWith("unknown scenario 'a\\nb\\u001B[2J'", control);
    }

    [Fact]
    public async Task Numbers_sent_as_strings_are_refused()
    {
        var run = await Create();
        Assert.Equal("ticks must be a whole number, not text in quotes",
            await ErrorLine(await Send(HttpMethod.Post, $"api/runs/{run}/step", "{\"ticks\": \"5\"}"), HttpStatusCode.BadRequest));
        Assert.Equal("strength must be a number, not text in quotes",
            await ErrorLine(await Send(HttpMethod.Post, $"api/runs/{run}/interventions", "{\"kind\": \"stretch\", \"who\": [\"will\"], \"strength\": \"1\"}"), HttpStatusCode.BadRequest));
        Assert.Equal("traits[0].avoidance must be a number, not text in quotes",
            await ErrorLine(await Send(HttpMethod.Post, $"api/runs/{run}/branch", "{\"traits\": [{\"partner\": \"will\", \"avoidance\": \"3\"}]}"), HttpStatusCode.BadRequest));
        Assert.Equal("who must be a list [ … ], not text in quotes",
            await ErrorLine(await Send(HttpMethod.Post, $"api/runs/{run}/interventions", "{\"kind\": \"stretch\", \"who\": \"will\"}"), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, $"api/runs/{run}/step", "{\"ticks\": 5}")).StatusCode);
        await Http.DeleteAsync($"api/runs/{run}");
    }

    [Fact]
    public async Task Step_and_delete_racing_answer_404_never_500()
    {
        var seen = new List<(string, HttpStatusCode)>();
        for (int i = 0; i < 12; i++)
        {
            string run = await Create();
            var steps = Enumerable.Range(0, 3).Select(_ => Send(HttpMethod.Post, $"api/runs/{run}/step", "{\"ticks\": 200}")).ToArray();
            var delete = Http.DeleteAsync($"api/runs/{run}");
            var csv = Http.GetAsync($"api/runs/{run}/timeline.csv");
            var intervene = Send(HttpMethod.Post, $"api/runs/{run}/interventions", "{\"kind\": \"stretch\", \"who\": [\"will\"]}");
            foreach (var s in steps) seen.Add(("step", (await s).StatusCode));
            seen.Add(("delete", (await delete).StatusCode));
            seen.Add(("csv", (await csv).StatusCode));
            seen.Add(("intervene", (await intervene).StatusCode));
            var after = await Send(HttpMethod.Post, $"api/runs/{run}/step", "{\"ticks\": 1}");
            await ErrorLine(after, HttpStatusCode.NotFound);
        }
        Assert.All(seen, s => Assert.True(s.Item2 is HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.NotFound or HttpStatusCode.Conflict, $"{s.Item1}: {(int)s.Item2}"));
        Assert.Contains(seen, s => s == ("delete", HttpStatusCode.NoContent));
    }

    [Fact]
    public async Task Branch_and_delete_racing_answer_404_or_409_never_500()
    {
        var seen = new List<HttpStatusCode>();
        for (int i = 0; i < 10; i++)
        {
            string run = await Create();
            await Send(HttpMethod.Post, $"api/runs/{run}/step", "{\"ticks\": 30}");
            var branch = Send(HttpMethod.Post, $"api/runs/{run}/branch", "{\"intervention\": {\"kind\": \"stretch\", \"who\": [\"will\"]}}");
            var delete = i % 2 == 0 ? Http.DeleteAsync($"api/runs/{run}") : Http.DeleteAsync("api/runs");  // one run, or all
            var b = await branch;
            seen.Add(b.StatusCode);
            if (b.StatusCode != HttpStatusCode.Created) await ErrorLine(b, b.StatusCode);
            Assert.True((await delete).IsSuccessStatusCode);
            await Http.DeleteAsync("api/runs");
        }
        Assert.All(seen, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.NotFound or HttpStatusCode.Conflict, $"{(int)s}"));
    }

    [Fact]
    public async Task Runs_are_counted_freed_by_a_beacon_and_all_at_once()
    {
        // Own server: the count is every run on it.
        var own = new WorkshopHost();
        await own.InitializeAsync();
        try
        {
            async Task<RunsInfo> Count() => (await own.Http.GetFromJsonAsync<RunsInfo>("api/runs", Json))!;
            Assert.Equal(new RunsInfo(0, 6, 10), await Count());
            var ids = new List<string>();
            for (int i = 0; i < 4; i++)
                ids.Add((await (await own.Http.PostAsJsonAsync("api/runs", new { scenario = "alma-will" })).Content.ReadFromJsonAsync<RunInfo>(Json))!.Id);
            Assert.Equal(4, (await Count()).Count);

            // What a closing tab sends: its run and branch (an unknown id is no error, it may have gone already).
            var beacon = await own.Http.PostAsync("api/release", new StringContent($"{{\"runs\": [\"{ids[0]}\", \"{ids[1]}\", \"gone\"]}}", Encoding.UTF8, "application/json"));
            Assert.Equal(2, (await beacon.Content.ReadFromJsonAsync<ReleasedResult>(Json))!.Released);
            Assert.Equal(2, (await Count()).Count);
            Assert.Equal("runs: list the ids of the runs to free, e.g. {\"runs\": [\"3f2a…\"]}",
                await ErrorLine(await own.Http.PostAsync("api/release", new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest));

            // A trainer's "free all runs".
            var all = await own.Http.DeleteAsync("api/runs");
            Assert.Equal(2, (await all.Content.ReadFromJsonAsync<ReleasedResult>(Json))!.Released);
            Assert.Equal(0, (await Count()).Count);
            await ErrorLine(await own.Http.PostAsJsonAsync($"api/runs/{ids[2]}/step", new { ticks = 1 }), HttpStatusCode.NotFound);
        }
        finally { await own.DisposeAsync(); }
    }

    private async Task<string> Create()
    {
        var res = await Http.PostAsJsonAsync("api/runs", new { scenario = "alma-will", hours = 600 });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.Content.ReadFromJsonAsync<RunInfo>(Json))!.Id;
    }
}
