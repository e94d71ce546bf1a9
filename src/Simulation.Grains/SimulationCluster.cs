using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Simulation.Model;

namespace Simulation.Grains;

/// <summary>How this process's silo is set up (<see cref="SimulationCluster.ConfigureSilo"/>).</summary>
public sealed record SiloOptions
{
    /// <summary>Port for silo-to-silo traffic on 127.0.0.1; 0 picks a free one (two runs at once must not collide).</summary>
    public int SiloPort { get; init; }

    /// <summary>Port on 127.0.0.1 where clients (<c>couplesim run --connect</c>) reach the silo; 0: no gateway.</summary>
    public int GatewayPort { get; init; }

    /// <summary>A run nobody has called for this long is collected by Orleans (its couple grain, then its partners).</summary>
    public TimeSpan IdleRunAge { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Orleans' own log on standard error (Information and up); otherwise it stays quiet.</summary>
    public bool Verbose { get; init; }
}

/// <summary>
/// The Orleans cluster the couples run in, as this process sees it: a silo hosted in-process
/// (<see cref="StartSiloAsync"/>, what <c>couplesim run</c>, <c>check</c> and the tests use) or a client of a
/// silo elsewhere (<see cref="ConnectAsync"/>, <c>couplesim run --connect</c>). Every run goes through an
/// <see cref="ICoupleGrain"/> and its two <see cref="IPartnerGrain"/>s.
/// </summary>
public sealed class SimulationCluster : IAsyncDisposable
{
    /// <summary>Service and cluster id: a client only talks to silos that share them.</summary>
    public const string ServiceId = "couplesim";

    private readonly IHost _host;

    private SimulationCluster(IHost host, string? gateway)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
        Gateway = gateway;
    }

    public IClusterClient Client { get; }

    /// <summary>Where clients reach this process's silo ("127.0.0.1:30000"), or null without a gateway or for a client.</summary>
    public string? Gateway { get; }

    /// <summary>Starts a silo in this process; it stops with <see cref="DisposeAsync"/>.</summary>
    public static async Task<SimulationCluster> StartSiloAsync(SiloOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SiloOptions();
        // A free port is looked up and then bound by Orleans a moment later; another process may take it in
        // between, so a start that finds its port taken tries again with a fresh one.
        for (int attempt = 1; ; attempt++)
        {
            var resolved = options with { SiloPort = options.SiloPort == 0 ? FreePort() : options.SiloPort };
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            Quiet(builder.Logging, resolved.Verbose);
            builder.UseOrleans(silo => ConfigureSilo(silo, resolved));
            var host = builder.Build();
            try
            {
                await host.StartAsync(cancellationToken);
                string? gateway = resolved.GatewayPort == 0 ? null : $"127.0.0.1:{resolved.GatewayPort.ToString(CultureInfo.InvariantCulture)}";
                return new SimulationCluster(host, gateway);
            }
            catch (Exception ex)
            {
                // A start that failed or was cancelled half-way must not leave a silo running in this process.
                await StopQuietlyAsync(host);
                if (!(options.SiloPort == 0 && attempt < 3 && IsPortTaken(ex))) throw;
            }
        }
    }

    /// <summary>Longest a client waits for a silo to take it on: the Orleans client itself would keep retrying for minutes.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Connects as an Orleans client to a silo's gateway, e.g. a running <c>couplesim serve</c>.</summary>
    /// <exception cref="IOException">Nothing answers there, or no silo took the client on within <see cref="ConnectTimeout"/>.</exception>
    public static async Task<SimulationCluster> ConnectAsync(IPEndPoint gateway, bool verbose = false, CancellationToken cancellationToken = default)
    {
        // A quick look first, so a wrong port says so at once rather than after the client's retries.
        using (var probe = new TcpClient())
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(5));
            try { await probe.ConnectAsync(gateway, wait.Token); }
            catch (Exception ex) when (ex is SocketException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"nothing answers at {gateway}", ex);
            }
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Quiet(builder.Logging, verbose);
        builder.UseOrleansClient(client => client
            .UseStaticClustering(gateway)
            .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ServiceId, ServiceId)));
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
            if (cancellationToken.IsCancellationRequested) throw;
            throw new IOException($"{gateway} answers, but no couplesim silo took this client on within {ConnectTimeout.TotalSeconds:0} s", ex);
        }
        return new SimulationCluster(host, null);
    }

    /// <summary>
    /// The silo as couplesim runs it, for this process's own host and for any host that adds Orleans
    /// (the workshop page's web host, <c>couplesim serve</c>): one silo on loopback, the simulation's grains,
    /// idle runs collected by Orleans.
    /// </summary>
    public static void ConfigureSilo(ISiloBuilder silo, SiloOptions options)
    {
        silo.UseLocalhostClustering(siloPort: options.SiloPort == 0 ? FreePort() : options.SiloPort, gatewayPort: options.GatewayPort,
            serviceId: ServiceId, clusterId: ServiceId);
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

    public async ValueTask DisposeAsync()
    {
        // A short, bounded stop: nothing in this process's silo is worth waiting long for once the work is done.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _host.StopAsync(stop.Token); }
        finally { _host.Dispose(); }
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
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>A TCP port on 127.0.0.1 that nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static bool IsPortTaken(Exception ex) =>
        ex is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.InnerException is { } inner && IsPortTaken(inner);
}
