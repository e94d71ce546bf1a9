using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Simulation.Model;
using StackExchange.Redis;

namespace Simulation.Grains;

/// <summary>How this process's silo is set up (<see cref="SimulationCluster.ConfigureSilo"/>).</summary>
public sealed record SiloOptions
{
    /// <summary>Port for silo-to-silo traffic; 0 picks a free one (two silos on one machine must not collide).</summary>
    public int SiloPort { get; init; }

    /// <summary>Port where clients (<c>--connect</c>, a sweep's <c>--cluster</c>) reach the silo; 0: no gateway.</summary>
    public int GatewayPort { get; init; }

    /// <summary>
    /// The Redis server ("host:port") whose membership table this silo joins, with every other silo of the
    /// cluster; null: the silo is a cluster of its own (localhost clustering).
    /// </summary>
    public string? Redis { get; init; }

    /// <summary>The address other silos and clients reach this one at (and it listens on): loopback unless told.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>A run nobody has called for this long is collected by Orleans (its couple grain, then its partners).</summary>
    public TimeSpan IdleRunAge { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Orleans' own log on standard error (Information and up); otherwise it stays quiet.</summary>
    public bool Verbose { get; init; }
}

/// <summary>
/// The Orleans cluster the couples run in, as this process sees it: a silo hosted in-process
/// (<see cref="StartSiloAsync"/>: <c>couplesim run</c>, <c>check</c>, <c>silo</c>, the tests) or a client of
/// silos elsewhere (<see cref="ConnectAsync"/>: <c>--connect</c> to a gateway, <c>--cluster</c> to a
/// Redis membership table). Every run goes through an <see cref="ICoupleGrain"/> and its two
/// <see cref="IPartnerGrain"/>s; a sweep's through <see cref="ISweepWorkerGrain"/>s.
/// </summary>
public sealed class SimulationCluster : IAsyncDisposable
{
    /// <summary>Service and cluster id: a client only talks to silos that share them.</summary>
    public const string ServiceId = "couplesim";

    /// <summary>Longest a client waits for a silo to take it on: the Orleans client itself would keep retrying for minutes.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A client's call that has had no answer for this long fails (Orleans' default is 30 s). A sweep's batch
    /// takes well under a second, and a batch stuck on a silo that died is sent again sooner this way.
    /// </summary>
    public static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(10);

    private readonly IHost _host;

    private SimulationCluster(IHost host, string? silo, string? gateway)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
        (Silo, Gateway) = (silo, gateway);
    }

    public IClusterClient Client { get; }

    /// <summary>This process's silo ("127.0.0.1:41234"), or null for a client.</summary>
    public string? Silo { get; }

    /// <summary>Where clients reach this process's silo ("127.0.0.1:30000"), or null without a gateway or for a client.</summary>
    public string? Gateway { get; }

    /// <summary>Starts a silo in this process; it stops with <see cref="DisposeAsync"/>.</summary>
    public static async Task<SimulationCluster> StartSiloAsync(SiloOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SiloOptions();
        // A free port is looked up and then bound by Orleans a moment later; another process may take it in
        // between, so a start that finds its port taken tries again with fresh ones.
        for (int attempt = 1; ; attempt++)
        {
            var resolved = options with
            {
                SiloPort = options.SiloPort == 0 ? FreePort(options.Address) : options.SiloPort,
                GatewayPort = options.GatewayPort == 0 && options.Redis is not null ? FreePort(options.Address) : options.GatewayPort,
            };
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            Quiet(builder.Logging, resolved.Verbose);
            builder.UseOrleans(silo => ConfigureSilo(silo, resolved));
            var host = builder.Build();
            try
            {
                await host.StartAsync(cancellationToken);
                return new SimulationCluster(host, Endpoint(resolved.Address, resolved.SiloPort),
                    resolved.GatewayPort == 0 ? null : Endpoint(resolved.Address, resolved.GatewayPort));
            }
            catch (Exception ex)
            {
                // A start that failed or was cancelled half-way must not leave a silo running in this process.
                await StopQuietlyAsync(host);
                // Orleans reports a start cancelled between its stages as OrleansLifecycleCanceledException,
                // not as a cancellation: callers (Ctrl+C on a command) must see it as one.
                if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException("the silo's start was cancelled", ex, cancellationToken);
                bool chosenByUs = options.SiloPort == 0 && (options.GatewayPort == 0 || options.Redis is null);
                if (!(chosenByUs && attempt < 3 && IsPortTaken(ex))) throw;
            }
        }
    }

    /// <summary>Connects as an Orleans client to a silo's gateway, e.g. a running <c>couplesim serve</c>.</summary>
    /// <exception cref="IOException">Nothing answers there, or no silo took the client on within <see cref="ConnectTimeout"/>.</exception>
    public static async Task<SimulationCluster> ConnectAsync(IPEndPoint gateway, bool verbose = false, CancellationToken cancellationToken = default)
    {
        await ProbeAsync(gateway, "nothing answers at", cancellationToken);
        return await StartClientAsync(client => client.UseStaticClustering(gateway), gateway.ToString(), verbose, cancellationToken);
    }

    /// <summary>Connects as an Orleans client to the silos whose membership table is in Redis at <paramref name="redis"/> ("host:port").</summary>
    /// <exception cref="IOException">Redis does not answer, or no silo took the client on within <see cref="ConnectTimeout"/>.</exception>
    public static async Task<SimulationCluster> ConnectRedisAsync(string redis, bool verbose = false, CancellationToken cancellationToken = default)
    {
        await ProbeAsync(RedisEndpoint(redis), "no Redis answers at", cancellationToken);
        return await StartClientAsync(client => client.UseRedisClustering(o => o.ConfigurationOptions = RedisOptions(redis)),
            $"the cluster in Redis at {redis}", verbose, cancellationToken);
    }

    private static async Task<SimulationCluster> StartClientAsync(Action<IClientBuilder> clustering, string where, bool verbose, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Quiet(builder.Logging, verbose);
        builder.UseOrleansClient(client =>
        {
            clustering(client);
            client.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ServiceId, ServiceId));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClientResponseTimeout);
            // Learn soon of silos that joined or died (the default looks once a minute).
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(connecting.Token);
        }
        catch (Exception ex)
        {
            await StopQuietlyAsync(host);
            if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException("connecting was cancelled", ex, cancellationToken);
            throw new IOException($"{where} answers, but no couplesim silo took this client on within {ConnectTimeout.TotalSeconds:0} s", ex);
        }
        return new SimulationCluster(host, null, null);
    }

    /// <summary>
    /// The silo as couplesim runs it, for this process's own host and for any host that adds Orleans
    /// (the workshop page's web host): the simulation's grains, idle runs collected by Orleans, and either a
    /// cluster of its own on loopback or membership in Redis with every other silo.
    /// </summary>
    public static void ConfigureSilo(ISiloBuilder silo, SiloOptions options)
    {
        int siloPort = options.SiloPort == 0 ? FreePort(options.Address) : options.SiloPort;
        if (options.Redis is { } redis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = RedisOptions(redis));
            silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ServiceId, ServiceId));
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = options.Address;
                o.SiloPort = siloPort;
                o.GatewayPort = options.GatewayPort;
            });
            // A classroom cluster on one network: a silo that stops answering is declared dead in seconds
            // (two missed one-second probes; one vote is enough with two silos), so its work moves on soon.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
        }
        else
        {
            silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: options.GatewayPort, serviceId: ServiceId, clusterId: ServiceId);
        }
        silo.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = options.IdleRunAge;
            // Checked often enough that a run is gone within about a quarter of its age after it went idle.
            o.CollectionQuantum = TimeSpan.FromTicks(Math.Clamp(options.IdleRunAge.Ticks / 4, TimeSpan.FromSeconds(1).Ticks, GrainCollectionOptions.DEFAULT_COLLECTION_QUANTUM.Ticks));
            // Partners are called only while their run steps; a run that is only read (a paused page) must keep
            // them. They go when their couple goes (CoupleGrain.OnDeactivateAsync); this age is the backstop.
            o.ClassSpecificCollectionAge[typeof(PartnerGrain).FullName!] = options.IdleRunAge * 2;
        });
    }

    /// <inheritdoc cref="CoupleRuns.RunAsync"/>
    public Task<RunResult> RunAsync(CoupleSpec spec, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Client.RunAsync(spec, progress, cancellationToken);

    /// <summary>Active silos in the cluster, as its membership says.</summary>
    public async Task<int> SiloCountAsync() => (await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;

    public async ValueTask DisposeAsync()
    {
        // A short, bounded stop: nothing in this process's silo is worth waiting long for once the work is done.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _host.StopAsync(stop.Token); }
        finally { _host.Dispose(); }
    }

    /// <summary>"host:port" of a Redis address as <c>--cluster redis://host:port</c> gives it; a one-line reason otherwise.</summary>
    public static string? ParseRedis(string text, out string? problem)
    {
        problem = null;
        const string scheme = "redis://";
        if (!text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            problem = "expected redis://HOST:PORT, the Redis server that holds the cluster's membership (e.g. redis://127.0.0.1:6379)";
            return null;
        }
        string rest = text[scheme.Length..].TrimEnd('/');
        int colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            problem = "expected redis://HOST:PORT with a port 1–65535 (e.g. redis://127.0.0.1:6379)";
            return null;
        }
        return rest;
    }

    private static ConfigurationOptions RedisOptions(string redis)
    {
        var o = ConfigurationOptions.Parse(redis);
        o.AbortOnConnectFail = false; // Redis restarting must not take the silo down with it
        o.ConnectTimeout = 5000;
        return o;
    }

    private static IPEndPoint RedisEndpoint(string redis)
    {
        int colon = redis.LastIndexOf(':');
        string host = redis[..colon].Trim('[', ']');
        int port = int.Parse(redis.AsSpan(colon + 1), CultureInfo.InvariantCulture);
        if (IPAddress.TryParse(host, out var ip)) return new IPEndPoint(ip, port);
        var found = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new IOException($"cannot find the host {host}");
        return new IPEndPoint(found, port);
    }

    /// <summary>A quick look at a port, so a wrong one says so at once rather than after a client's retries.</summary>
    private static async Task ProbeAsync(IPEndPoint endpoint, string what, CancellationToken cancellationToken)
    {
        using var probe = new TcpClient();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(5));
        try { await probe.ConnectAsync(endpoint, wait.Token); }
        catch (Exception ex) when (ex is SocketException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"{what} {endpoint}", ex);
        }
    }

    private static async Task StopQuietlyAsync(IHost host)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await host.StopAsync(stop.Token); }
        catch (Exception) { /* it did not get far enough to need stopping, or is stopping anyway */ }
        host.Dispose();
    }

    private static void Quiet(ILoggingBuilder logging, bool verbose)
    {
        logging.ClearProviders();
        if (!verbose) return;
        logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Polly", LogLevel.Warning); // a line per grain placement otherwise
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    private static string Endpoint(IPAddress address, int port) => new IPEndPoint(address, port).ToString();

    /// <summary>A TCP port on <paramref name="address"/> (loopback by default) that nobody listens on right now.</summary>
    public static int FreePort(IPAddress? address = null)
    {
        using var probe = new TcpListener(address ?? IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Whether a start failed because a port is taken (Orleans reports it as a socket error, maybe wrapped).</summary>
    public static bool IsPortTaken(Exception ex) =>
        ex is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
        || ex.InnerException is { } inner && IsPortTaken(inner)
        || ex is AggregateException all && all.InnerExceptions.Any(IsPortTaken);
}
