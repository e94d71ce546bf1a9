using System.Net;
using Simulation.Grains;
using Simulation.Model;
using Spectre.Console;

namespace Simulation.Cli;

/// <summary>Where a command's runs go: a gateway to connect to, a cluster's Redis, or (both null) a silo of this process's own.</summary>
public sealed record ClusterChoice(IPEndPoint? Gateway, bool Verbose)
{
    /// <summary>"host:port" of the Redis that holds a cluster's membership (<c>--cluster</c>).</summary>
    public string? Redis { get; init; }
}

/// <summary>
/// The Orleans cluster of one command: started as the command begins, so the silo comes up while the input
/// is read and checked, and stopped once the runs are done, while the files are written. A command that
/// fails on its input cancels the start and leaves nothing running.
/// </summary>
public sealed class Simulate : IAsyncDisposable
{
    /// <summary>Runs from this length on get a live progress bar in a terminal (shorter ones finish in a blink).</summary>
    public const int ProgressFromHours = 24 * 7 * 8;

    private readonly CancellationTokenSource _starting;
    private readonly Task<SimulationCluster> _cluster;
    private Task? _stopping;

    private Simulate(ClusterChoice where, CancellationToken ct)
    {
        _starting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _cluster = Task.Run(() => GrainOptions.OpenAsync(where, _starting.Token));
    }

    /// <summary>Starts the command's silo (or connects) in the background.</summary>
    public static Simulate Start(ClusterChoice where, CancellationToken ct) => new(where, ct);

    /// <summary>Runs the couples through the grains, one after the other; then the cluster begins to stop.</summary>
    public async Task<IReadOnlyList<RunResult>> RunAsync(CliContext context, IReadOnlyList<(string Label, CoupleSpec Spec)> runs, CancellationToken ct)
    {
        var cluster = await _cluster;
        var results = new List<RunResult>();
        bool bar = context.Interactive && runs.Sum(r => r.Spec.Hours) >= ProgressFromHours;
        if (!bar)
        {
            foreach (var (label, spec) in runs)
            {
                if (spec.Hours >= ProgressFromHours)
                    context.Output.WriteLine($"Simulating {label}: {spec.Hours} hours …");
                results.Add(await cluster.RunAsync(spec, null, ct));
            }
        }
        else
        {
            await AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var tasks = runs.Select(r => progress.AddTask($"Simulating {Markup.Escape(r.Label)}", maxValue: r.Spec.Hours)).ToList();
                    for (int i = 0; i < runs.Count; i++)
                    {
                        var task = tasks[i];
                        results.Add(await cluster.RunAsync(runs[i].Spec, new Progress<int>(h => task.Value = h), ct));
                        task.Value = runs[i].Spec.Hours;
                    }
                });
        }
        _stopping ??= StopAsync();
        return results;
    }

    /// <summary>
    /// Runs sweeps' runs on worker grains (a sweep, or the two sides of an ensemble what-if, one after the other),
    /// with a progress bar on a terminal (runs done, runs per second, time left) or a plain line every few
    /// seconds otherwise; then the cluster begins to stop.
    /// </summary>
    public async Task<(IReadOnlyList<SweepOutcome> Outcomes, int Silos, TimeSpan Took)> SweepAsync(CliContext context, string label, IReadOnlyList<SweepWork> works, CancellationToken ct)
    {
        var cluster = await _cluster;
        int silos = await cluster.SiloCountAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = new List<SweepOutcome>();
        int total = works.Sum(w => w.Jobs.Length);
        if (context.Interactive)
        {
            await AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RunsColumn(clock), new TimeLeftColumn(clock))
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(Markup.Escape(label), maxValue: total);
                    foreach (var work in works)
                    {
                        double before = task.Value;
                        outcomes.Add(await SweepDispatch.RunAsync(cluster.Client, work, new Progress<int>(n => task.Value = before + n), ct, silos));
                    }
                });
        }
        else
        {
            var last = TimeSpan.FromSeconds(-1); // the first line after a second, then every two
            int before = 0;
            foreach (var work in works)
            {
                int offset = before;
                var lines = new Progress<int>(n =>
                {
                    n += offset;
                    if (n == total || clock.Elapsed - last < TimeSpan.FromSeconds(2)) return;
                    last = clock.Elapsed;
                    double rate = n / clock.Elapsed.TotalSeconds;
                    context.Output.WriteLine($"  {n} of {total} runs ({rate:0} runs/s, {TimeLeft(n, total, clock.Elapsed)})");
                });
                outcomes.Add(await SweepDispatch.RunAsync(cluster.Client, work, lines, ct, silos));
                before += work.Jobs.Length;
            }
        }
        var took = clock.Elapsed;
        _stopping ??= StopAsync();
        return (outcomes, silos, took);
    }

    /// <summary>
    /// "about 12 s left", from the pace so far; "estimating the time left" until a fiftieth of the runs are done: the first
    /// batches come back slowly while the code compiles, and an estimate from them read "about 2954 s left" for a sweep of 16 s.
    /// </summary>
    public static string TimeLeft(double done, double total, TimeSpan elapsed, string estimating = "estimating the time left") =>
        done < Math.Max(1, total / 50) || elapsed < TimeSpan.FromSeconds(0.5)
            ? estimating
            : $"about {Math.Ceiling(elapsed.TotalSeconds * (total - done) / done):0} s left";

    /// <summary>The progress bar's <see cref="TimeLeft"/>.</summary>
    private sealed class TimeLeftColumn(System.Diagnostics.Stopwatch clock) : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(TimeLeft(task.Value, task.MaxValue, clock.Elapsed, "estimating")); // short: the bar's line fits 80 columns
    }

    /// <summary>Runs per second so far, for the progress bar.</summary>
    private sealed class RunsColumn(System.Diagnostics.Stopwatch clock) : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{task.Value:0}/{task.MaxValue:0} runs, {task.Value / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):0}/s");
    }

    private async Task StopAsync()
    {
        if (!_cluster.IsCompleted) await _starting.CancelAsync();
        SimulationCluster cluster;
        try { cluster = await _cluster; }
        catch (Exception) { return; } // never started (cancelled, or it failed and the command reported that)
        await cluster.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await (_stopping ??= StopAsync());
        _starting.Dispose();
    }
}
