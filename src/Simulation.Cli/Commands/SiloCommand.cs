using System.CommandLine;
using System.Net;
using Simulation.Grains;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>silo [--cluster redis://HOST:PORT] [--address IP] [--port N] [--gateway-port N]</c>: one Orleans silo of
/// couplesim's grains, until Ctrl+C or SIGTERM. With <c>--cluster</c> it joins every other silo whose membership
/// table is in that Redis (on this machine or others); sweeps and runs reach them with <c>--cluster</c> too.
/// </summary>
public sealed class SiloCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var cluster = new Option<string?>("--cluster") { HelpName = "redis://HOST:PORT", Description = "Join the cluster whose membership table is in this Redis (without it: a silo of its own, gateway on 30000)." };
        var address = new Option<string?>("--address") { HelpName = "IP", Description = "The address other machines reach this silo at (default 127.0.0.1: this machine only)." };
        var port = new Option<int>("--port") { Description = "Silo-to-silo port (default: a free one)." };
        var gateway = new Option<int?>("--gateway-port") { Description = "Port clients connect to (default: a free one with --cluster, 30000 without)." };
        var verbose = new Option<bool>("--verbose") { Description = "Show Orleans' own log." };
        var command = new Command("silo", "Run one Orleans silo of couplesim's grains until stopped; several with the same --cluster form one cluster for sweeps.");
        foreach (var o in new Option[] { cluster, address, port, gateway, verbose }) command.Options.Add(o);
        command.SetAction(CliApp.Guarded(context, async (p, ct) =>
        {
            string? redis = null;
            if (p.GetValue(cluster) is { } text)
                redis = SimulationCluster.ParseRedis(text, out var problem) ?? throw ScenarioException.One("--cluster", 1, 1, $"{problem} (got `{Printable.Quote(text)}`)");
            var ip = IPAddress.Loopback;
            if (p.GetValue(address) is { } a && !IPAddress.TryParse(a, out ip!))
                throw ScenarioException.One("--address", 1, 1, $"expected an IP address of this machine, e.g. 192.168.1.20 (got `{Printable.Quote(a)}`)");
            int siloPort = p.GetValue(port);
            int gatewayPort = p.GetValue(gateway) ?? (redis is null ? 30000 : 0);
            foreach (var (name, n) in new[] { ("--port", siloPort), ("--gateway-port", gatewayPort) })
                if (n is < 0 or > 65535) throw ScenarioException.One(name, 1, 1, $"port must be 0–65535 (got {n})");
            if (redis is null && gatewayPort == 0) throw ScenarioException.One("--gateway-port", 1, 1, "a silo of its own needs a gateway port for its clients");

            SimulationCluster silo;
            try
            {
                silo = await SimulationCluster.StartSiloAsync(new SiloOptions
                {
                    Redis = redis, Address = ip, SiloPort = siloPort, GatewayPort = gatewayPort, Verbose = p.GetValue(verbose),
                }, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw ScenarioException.One(redis is null ? "--port" : "--cluster", 1, 1, $"the silo did not start: {Printable.Quote(Innermost(ex).Message, 200)}");
            }
            await using (silo)
            {
                string joined = redis is null ? "a cluster of its own" : $"the cluster in Redis at {redis}";
                context.Output.WriteLine($"Silo {silo.Silo} (gateway {silo.Gateway}) is up in {joined}; Ctrl+C or SIGTERM stops it.");
                await context.Output.FlushAsync(CancellationToken.None);
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // stopped: leave the cluster below
                }
            }
            context.Output.WriteLine("Silo stopped.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;
}
