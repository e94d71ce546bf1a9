using System.Net;
using Simulation.Grains;
using Simulation.Model;
using Spectre.Console;

namespace Simulation.Cli;

/// <summary>Where a command's runs go: a gateway to connect to, or (null) a silo of this process's own.</summary>
public sealed record ClusterChoice(IPEndPoint? Gateway, bool Verbose)
{
    public static ClusterChoice Own { get; } = new(null, false);
}

/// <summary>Runs couples through the grains, with a progress bar when a person is watching a long run.</summary>
public static class Simulate
{
    /// <summary>Runs from this length on get a live progress bar in a terminal (shorter ones finish in a blink).</summary>
    public const int ProgressFromHours = 24 * 7 * 8;

    public static async Task<IReadOnlyList<RunResult>> RunAsync(CliContext context, ClusterChoice where, IReadOnlyList<(string Label, CoupleSpec Spec)> runs, CancellationToken ct)
    {
        await using var cluster = await GrainOptions.OpenAsync(where.Gateway, where.Verbose, ct);
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
            return results;
        }
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
        return results;
    }
}
