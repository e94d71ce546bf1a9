using Simulation.Runtime.Testing;

namespace Simulation.Runtime.Tests;

/// <summary>One shared cluster for tests that need no special options, as the Orleans testing docs set it up.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public Journal Journal { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = TestHost.AddTestGrains(new InProcessTestClusterBuilder())
            .AddSingleton(Journal)
            .Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = nameof(ClusterCollection);
}
