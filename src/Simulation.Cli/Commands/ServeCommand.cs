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
        var gateway = new Option<int>("--gateway-port") { Description = "Port on 127.0.0.1 where `couplesim run --connect` reaches this server's silo (default 30000; 0: none).", DefaultValueFactory = _ => 30000 };
        var verbose = new Option<bool>("--verbose") { Description = "Show Orleans' own log (silo start, membership, grains)." };
        var command = new Command("serve", "Serve the workshop page: play runs live, intervene, branch and compare in the browser (offline, 127.0.0.1 only).");
        command.Options.Add(port);
        command.Options.Add(scenarios);
        command.Options.Add(maxRuns);
        command.Options.Add(gateway);
        command.Options.Add(verbose);
        command.SetAction(CliApp.Guarded(context, async (p, ct) =>
        {
            int n = p.GetValue(port);
            if (n is < 0 or > 65535) throw ScenarioException.One("--port", 1, 1, $"port must be 0–65535 (got {n})");
            int runs = p.GetValue(maxRuns);
            if (runs is < 1 or > 1000) throw ScenarioException.One("--max-runs", 1, 1, $"max runs must be 1–1000 (got {runs})");
            int g = p.GetValue(gateway);
            if (g is < 0 or > 65535) throw ScenarioException.One("--gateway-port", 1, 1, $"port must be 0–65535 (got {g})");
            if (g != 0 && g == n) throw ScenarioException.One("--gateway-port", 1, 1, $"the grain gateway needs a port of its own, not the page's {n}");
            string folder = p.GetValue(scenarios)!;
            if (!Directory.Exists(folder)) throw ScenarioException.One(folder, 1, 1, "no such folder (give one with --scenarios DIR)");

            await using var app = WorkshopServer.Build(defaults with { Port = n, ScenarioDirectory = folder, MaxRuns = runs, GatewayPort = g, Verbose = p.GetValue(verbose) });
            try
            {
                await app.StartAsync(ct);
            }
            catch (Exception ex) when (g != 0 && Grains.SimulationCluster.IsPortTaken(ex))
            {
                throw ScenarioException.One("--gateway-port", 1, 1, $"cannot listen on port {g} for the grain gateway (in use?); try another --gateway-port, or 0 for none");
            }
            catch (IOException ex)
            {
                // Kestrel reports a taken port as an IOException; say so in one line.
                throw ScenarioException.One("--port", 1, 1, $"cannot listen on port {n}: {ex.Message.Split('\n')[0].TrimEnd('\r', '.')}; try another --port");
            }
            context.Output.WriteLine($"Workshop page: {WorkshopServer.Address(app)}  (scenarios from {folder}; Ctrl+C to stop)");
            if (g != 0) context.Output.WriteLine($"Grain gateway: 127.0.0.1:{g}  (other shells: couplesim run SCENARIO --connect 127.0.0.1:{g})");
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
