using System.Reflection;

namespace Simulation.Runtime.Testing;

/// <summary>
/// Builds an <see cref="InProcessTestCluster"/> (Orleans: <c>InProcessTestClusterBuilder</c>), so tests read like
/// Orleans tests: build, <c>DeployAsync</c>, <c>Client.GetGrain</c>, <c>DisposeAsync</c>.
/// </summary>
public sealed class InProcessTestClusterBuilder
{
    private readonly GrainHostBuilder _hostBuilder = new();

    /// <summary>Configures the single in-process "silo" (Orleans: <c>ConfigureSilo</c>).</summary>
    public InProcessTestClusterBuilder ConfigureSilo(Action<GrainHostBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_hostBuilder);
        return this;
    }

    public InProcessTestClusterBuilder AddGrain<TGrainClass>()
        where TGrainClass : Grain => ConfigureSilo(b => b.AddGrain<TGrainClass>());

    public InProcessTestClusterBuilder AddGrainsFromAssembly(Assembly assembly) => ConfigureSilo(b => b.AddGrainsFromAssembly(assembly));

    public InProcessTestClusterBuilder AddSingleton<T>(T instance)
        where T : class => ConfigureSilo(b => b.AddSingleton(instance));

    public InProcessTestClusterBuilder Configure(Action<GrainHostOptions> configure) => ConfigureSilo(b => b.Configure(configure));

    public InProcessTestClusterBuilder UseTimeProvider(TimeProvider timeProvider) => ConfigureSilo(b => b.UseTimeProvider(timeProvider));

    public InProcessTestCluster Build() => new(_hostBuilder.Build());
}

/// <summary>
/// One in-process grain host and its client, for tests (Orleans: <c>InProcessTestCluster</c>). Usable from an
/// xunit fixture: create in the constructor or InitializeAsync, <see cref="DeployAsync"/>, dispose at the end.
/// </summary>
public sealed class InProcessTestCluster : IAsyncDisposable
{
    internal InProcessTestCluster(GrainHost host) => Host = host;

    /// <summary>The host standing in for the cluster's silo.</summary>
    public GrainHost Host { get; }

    /// <summary>Makes grain references (Orleans: <c>Cluster.Client</c>).</summary>
    public IClusterClient Client => Host.Client;

    /// <summary>Same as <see cref="Client"/> (Orleans: <c>Cluster.GrainFactory</c>).</summary>
    public IGrainFactory GrainFactory => Host.Client;

    /// <summary>Starts the host.</summary>
    public Task DeployAsync() => Host.StartAsync();

    /// <summary>Stops the host, deactivating every activation.</summary>
    public Task StopAllSilosAsync() => Host.StopAsync();

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
