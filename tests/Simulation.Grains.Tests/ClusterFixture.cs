using Orleans.Configuration;
using Orleans.TestingHost;

namespace Simulation.Grains.Tests;

/// <summary>
/// An Orleans test cluster with the simulation's grains, shared by a test collection (a deploy costs a
/// couple of seconds), as in the Orleans testing docs. Each test uses its own run ids.
/// </summary>
public abstract class ClusterFixtureBase(short silos) : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>Every call into a partner grain, as the silos saw it.</summary>
    public CallLog Calls { get; } = new();

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddIncomingGrainCallFilter(Calls);
            // Idle collection as couplesim configures it (the tests force it rather than wait).
            silo.Configure<GrainCollectionOptions>(o => o.ClassSpecificCollectionAge[typeof(PartnerGrain).FullName!] = o.CollectionAge * 2);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class ClusterFixture() : ClusterFixtureBase(1);

public sealed class TwoSiloClusterFixture() : ClusterFixtureBase(2);

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = nameof(ClusterCollection);
}

[CollectionDefinition(Name)]
public sealed class TwoSiloCollection : ICollectionFixture<TwoSiloClusterFixture>
{
    public const string Name = nameof(TwoSiloCollection);
}

/// <summary>Records the calls partner grains receive: who called, which method, and the hour asked about.</summary>
public sealed class CallLog : IIncomingGrainCallFilter
{
    private readonly Lock _lock = new();
    private readonly List<PartnerCall> _calls = [];

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetId.Type.ToString() == "partner")
        {
            var call = new PartnerCall(context.TargetId.Key.ToString()!, context.SourceId?.Type.ToString() ?? "client",
                context.InterfaceMethod.Name, context.Request.GetArgumentCount() > 0 ? context.Request.GetArgument(0) : null);
            lock (_lock) _calls.Add(call);
        }
        await context.Invoke();
    }

    /// <summary>The calls so far to the partners of run <paramref name="runId"/>, in the order they arrived.</summary>
    public IReadOnlyList<PartnerCall> Of(string runId)
    {
        lock (_lock) return [.. _calls.Where(c => c.Partner.StartsWith(runId + "/", StringComparison.Ordinal))];
    }
}

/// <param name="Partner">The partner grain's key, "runId/partnerId".</param>
/// <param name="Caller">The calling grain's type ("couple", "partner"), or "client".</param>
public sealed record PartnerCall(string Partner, string Caller, string Method, object? Argument);
