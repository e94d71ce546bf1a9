using System.CommandLine;
using Simulation.Scenarios;
using Simulation.Web;

namespace Simulation.Cli.Commands;

/// <summary><c>serve [--port N] [--scenarios DIR]</c>: the workshop page on this machine, until Ctrl+C.</summary>
public sealed class ServeCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var defaults = new WorkshopOptions();
        var port = new Option<int>("--port") { Description = $"Port on 127.0.0.1 (default {defaults.Port}; 0 picks a free one).", DefaultValueFactory = _ => defaults.Port };
        var scenarios = new Option<string>("--scenarios") { Description = "Folder of scenario files offered on the page.", DefaultValueFactory = _ => defaults.ScenarioDirectory };
        var maxRuns = new Option<int>("--max-runs") { Description = $"Runs alive at once, branches included (default {defaults.MaxRuns}); a class of 20 laptops with a branch each needs 40.", DefaultValueFactory = _ => defaults.MaxRuns };
        var command = new Command("serve", "Serve the workshop page: play runs live, intervene, branch and compare in the browser (offline, 127.0.0.1 only).");
        command.Options.Add(port);
        command.Options.Add(scenarios);
        command.Options.Add(maxRuns);
        command.SetAction(CliApp.Guarded(context, async (p, ct) =>
        {
            int n = p.GetValue(port);
            if (n is < 0 or > 65535) throw ScenarioException.One("--port", 1, 1, $"port must be 0–65535 (got {n})");
            int runs = p.GetValue(maxRuns);
            if (runs is < 1 or > 1000) throw ScenarioException.One("--max-runs", 1, 1, $"max runs must be 1–1000 (got {runs})");
            string folder = p.GetValue(scenarios)!;
            if (!Directory.Exists(folder)) throw ScenarioException.One(folder, 1, 1, "no such folder (give one with --scenarios DIR)");

            await using var app = WorkshopServer.Build(defaults with { Port = n, ScenarioDirectory = folder, MaxRuns = runs });
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException ex)
            {
                // Kestrel reports a taken port as an IOException; say so in one line.
                throw ScenarioException.One("--port", 1, 1, $"cannot listen on port {n}: {ex.Message.Split('\n')[0].TrimEnd('\r', '.')}; try another --port");
            }
            context.Output.WriteLine($"Workshop page: {WorkshopServer.Address(app)}  (scenarios from {folder}; Ctrl+C to stop)");
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C: stop below.
            }
            await app.StopAsync(CancellationToken.None);
            context.Output.WriteLine("Workshop page stopped.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
