using System.Net;
using Simulation.Grains;
using Simulation.Model;
using Spectre.Console;

namespace Simulation.Cli;

/// <summary>Where a command's runs go: a gateway to connect to, or (null) a silo of this process's own.</summary>
public sealed record ClusterChoice(IPEndPoint? Gateway, bool Verbose);

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
        _cluster = Task.Run(() => GrainOptions.OpenAsync(where.Gateway, where.Verbose, _starting.Token));
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
