using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Simulation.Web.Tests;

/// <summary>
/// The page's server under a class's load (issue 14 item 7): 20 clients stepping their runs for
/// 15 s while 4 others create, branch and delete runs, all on loopback. Bounded in time (15 s of
/// load) and in count (a run of 4 weeks, steps of a day). Asserts what must hold (no 5xx, no
/// failure at all, memory bounded); the figures (requests per second, p50/p99) are printed and
/// recorded in docs/performance.md, not asserted.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int Steppers = 20, Churners = 4;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Twenty_clients_stepping_while_others_create_branch_and_delete_get_no_5xx_and_memory_stays_bounded()
    {
        var host = new WorkshopHost(WorkshopHost.FixtureScenarios, new WorkshopOptions { Port = 0, MaxRuns = 64, MaxHours = 24 * 28 });
        await host.InitializeAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            // Warm: the first run of a silo pays for code generation and activation paths.
            await Churn(http, new Recorder(), CancellationToken.None, once: true);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = GC.GetTotalMemory(forceFullCollection: true);

            var recorder = new Recorder();
            using var stop = new CancellationTokenSource(Duration);
            long peak = before;
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(false));
                    try { await Task.Delay(200, stop.Token); } catch (OperationCanceledException) { }
                }
            });
            var watch = Stopwatch.StartNew();
            var clients = Enumerable.Range(0, Steppers).Select(_ => Task.Run(() => Step(http, recorder, stop.Token)))
                .Concat(Enumerable.Range(0, Churners).Select(_ => Task.Run(() => Churn(http, recorder, stop.Token, once: false))))
                .ToArray();
            await Task.WhenAll(clients);
            watch.Stop();
            await sampler;

            // Everything the clients left is released; what stays in memory is the server's own.
            await http.DeleteAsync("api/runs");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long after = GC.GetTotalMemory(forceFullCollection: true);

            var (count, statuses, p50, p99, max) = recorder.Summary();
            double perSecond = count / watch.Elapsed.TotalSeconds;
            string figures = $"{count} requests in {watch.Elapsed.TotalSeconds:0.0} s = {perSecond:0} requests/s; latency p50 {p50:0.0} ms, p99 {p99:0.0} ms, max {max:0.0} ms; " +
                             $"statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; " +
                             $"managed heap {before / 1048576.0:0} MB before, peak {peak / 1048576.0:0} MB, {after / 1048576.0:0} MB after; {Environment.ProcessorCount} cores";
            output.WriteLine(figures);
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "load-test.txt"), figures + "\n");

            Assert.DoesNotContain(statuses.Keys, s => s >= 500);
            Assert.True(statuses.Keys.All(s => s is 200 or 201 or 204), figures);  // each client owns its runs: nothing to refuse
            Assert.True(count > 200, figures);  // the load was real
            Assert.True(peak - before < 300 * 1048576L, figures);
            Assert.True(after - before < 64 * 1048576L, figures);  // nothing of the runs stays behind
        }
        finally { await host.DisposeAsync(); }
    }

    /// <summary>A student stepping a run: a day a request, to the run's end, then a new one.</summary>
    private static async Task Step(HttpClient http, Recorder rec, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var created = await rec.Send(() => http.PostAsJsonAsync("api/runs", new { scenario = "alma-will" }));
            if (created.StatusCode != HttpStatusCode.Created) continue;
            string id = (await created.Content.ReadFromJsonAsync<RunInfo>(Json))!.Id;
            bool finished = false;
            while (!finished && !stop.IsCancellationRequested)
            {
                var step = await rec.Send(() => http.PostAsJsonAsync($"api/runs/{id}/step", new { ticks = 24 }));
                if (step.StatusCode != HttpStatusCode.OK) break;
                using var doc = JsonDocument.Parse(await step.Content.ReadAsStringAsync());
                finished = doc.RootElement.GetProperty("finished").GetBoolean();
            }
            await rec.Send(() => http.DeleteAsync($"api/runs/{id}"));
        }
    }

    /// <summary>Someone trying what-ifs: a run, a few days, a branch, both on, both gone; the list and count read now and then.</summary>
    private static async Task Churn(HttpClient http, Recorder rec, CancellationToken stop, bool once)
    {
        do
        {
            var created = await rec.Send(() => http.PostAsJsonAsync("api/runs", new { scenario = "alma-will", hours = 24 * 14 }));
            if (created.StatusCode != HttpStatusCode.Created) continue;
            string id = (await created.Content.ReadFromJsonAsync<RunInfo>(Json))!.Id;
            await rec.Send(() => http.PostAsJsonAsync($"api/runs/{id}/step", new { ticks = 48 }));
            var branch = await rec.Send(() => http.PostAsJsonAsync($"api/runs/{id}/branch", new { intervention = new { kind = "stretch", who = new[] { "will" } } }));
            string? fork = null;
            if (branch.StatusCode == HttpStatusCode.Created)
            {
                using var doc = JsonDocument.Parse(await branch.Content.ReadAsStringAsync());
                fork = doc.RootElement.GetProperty("run").GetProperty("id").GetString();
                await rec.Send(() => http.PostAsJsonAsync($"api/runs/{fork}/step", new { ticks = 24 }));
            }
            await rec.Send(() => http.PostAsJsonAsync($"api/runs/{id}/step", new { ticks = 24 }));
            await rec.Send(() => http.GetAsync($"api/runs/{id}/timeline.csv"));
            await rec.Send(() => http.GetAsync("api/scenarios"));
            await rec.Send(() => http.GetAsync("api/runs"));
            if (fork is not null) await rec.Send(() => http.DeleteAsync($"api/runs/{fork}"));
            await rec.Send(() => http.DeleteAsync($"api/runs/{id}"));
        } while (!once && !stop.IsCancellationRequested);
    }

    private sealed class Recorder
    {
        private readonly ConcurrentBag<(int Status, double Ms)> _seen = [];

        public async Task<HttpResponseMessage> Send(Func<Task<HttpResponseMessage>> request)
        {
            long start = Stopwatch.GetTimestamp();
            var res = await request();
            await res.Content.LoadIntoBufferAsync();
            _seen.Add(((int)res.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
            return res;
        }

        public (int Count, Dictionary<int, int> Statuses, double P50, double P99, double Max) Summary()
        {
            var all = _seen.ToArray();
            var ms = all.Select(s => s.Ms).Order().ToArray();
            double At(double q) => ms.Length == 0 ? 0 : ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
            return (all.Length, all.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count()), At(0.50), At(0.99), ms.Length == 0 ? 0 : ms[^1]);
        }
    }
}
