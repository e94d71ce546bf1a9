namespace Simulation.Grains.Tests;

/// <summary>One grain host for the test collection, as Orleans tests share a test cluster.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public SimulationCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await SimulationCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = nameof(ClusterCollection);
}
