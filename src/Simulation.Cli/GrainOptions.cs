using System.CommandLine;
using System.Net;
using Simulation.Grains;
using Simulation.Scenarios;

namespace Simulation.Cli;

/// <summary>Where a command's runs go: a silo in this process (the default) or one already running elsewhere.</summary>
public sealed class GrainOptions
{
    public Option<string?> Connect { get; } = new("--connect")
    {
        HelpName = "HOST:PORT",
        Description = "Run on the silo of a running `couplesim serve` (its grain gateway, e.g. 127.0.0.1:30000) instead of starting one here.",
    };

    public Option<string?> Cluster { get; } = new("--cluster")
    {
        HelpName = "redis://HOST:PORT",
        Description = "Run on a cluster of `couplesim silo`s whose membership table is in this Redis (see docs/cluster.md) instead of starting a silo here.",
    };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Show Orleans' own log (silo start, membership, grains) on standard error." };

    public void AddTo(Command command)
    {
        command.Options.Add(Connect);
        command.Options.Add(Cluster);
        command.Options.Add(Verbose);
    }

    /// <summary>Where the runs go, from the command line. Checked before anything runs.</summary>
    public ClusterChoice Choice(ParseResult p)
    {
        var gateway = p.GetValue(Connect) is { } text ? ParseGateway(text) : null;
        string? redis = null;
        if (p.GetValue(Cluster) is { } cluster)
        {
            if (gateway is not null) throw ScenarioException.One("--cluster", 1, 1, "give --connect (one silo's gateway) or --cluster (a cluster's Redis), not both");
            redis = SimulationCluster.ParseRedis(cluster, out var problem) ?? throw ScenarioException.One("--cluster", 1, 1, $"{problem} (got `{Shown(cluster)}`)");
        }
        return new(gateway, p.GetValue(Verbose)) { Redis = redis };
    }

    public static IPEndPoint ParseGateway(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            throw ScenarioException.One("--connect", 1, 1, $"expected HOST:PORT, e.g. 127.0.0.1:30000 (got `{Shown(text)}`)");
        string host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address)) return new IPEndPoint(address, port);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return new IPEndPoint(IPAddress.Loopback, port);
        try
        {
            var found = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
            if (found is not null) return new IPEndPoint(found, port);
        }
        catch (System.Net.Sockets.SocketException)
        {
            // reported below, as for a name without an IPv4 address
        }
        throw ScenarioException.One("--connect", 1, 1, $"cannot find the host `{Shown(host)}`");
    }

    /// <summary>The cluster the runs go to: this process's own silo, or a client of silos elsewhere.</summary>
    public static async Task<SimulationCluster> OpenAsync(ClusterChoice where, CancellationToken ct)
    {
        if (where.Redis is { } redis)
        {
            try { return await SimulationCluster.ConnectRedisAsync(redis, where.Verbose, ct); }
            catch (IOException ex)
            {
                throw ScenarioException.One("--cluster", 1, 1,
                    $"cannot reach the cluster: {Shown(ex.Message)} (are `couplesim silo --cluster redis://{redis}` running?)");
            }
        }
        if (where.Gateway is not { } gateway) return await SimulationCluster.StartSiloAsync(new SiloOptions { Verbose = where.Verbose }, ct);
        try
        {
            return await SimulationCluster.ConnectAsync(gateway, where.Verbose, ct);
        }
        catch (IOException ex)
        {
            throw ScenarioException.One("--connect", 1, 1,
                $"cannot reach a couplesim silo: {Shown(ex.Message)} (is `couplesim serve` running there? it prints its grain gateway)");
        }
    }

    /// <summary>Text from the user or from Orleans, made fit for a one-line diagnostic: short, one line, no control characters.</summary>
    private static string Shown(string text)
    {
        var line = new string([.. text.Take(120).Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return text.Length > 120 ? line + "…" : line;
    }
}
