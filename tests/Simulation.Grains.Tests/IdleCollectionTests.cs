using System.Diagnostics;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Simulation.Grains.Tests;

/// <summary>
/// A run nobody calls is collected by Orleans' own idle collection (GrainCollectionOptions), and its
/// partners go with it; a run in use stays. Its own cluster, with a couple age of two seconds, so the
/// test waits seconds, not minutes, and the shared cluster's runs are not affected.
/// </summary>
public sealed class IdleCollectionTests : IAsyncLifetime
{
    private static readonly TimeSpan CoupleAge = TimeSpan.FromSeconds(2);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = CoupleAge;
            o.CollectionQuantum = TimeSpan.FromMilliseconds(500);
            // Far longer than the test: only their couple's going can take the partners.
            o.ClassSpecificCollectionAge[typeof(PartnerGrain).FullName!] = TimeSpan.FromHours(1);
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task An_idle_run_is_collected_with_its_partners_and_a_run_in_use_stays()
    {
        var grains = _cluster.Client;
        string idle = CoupleRuns.NewRunId(), used = CoupleRuns.NewRunId();
        foreach (var id in new[] { idle, used })
        {
            var couple = grains.GetGrain<ICoupleGrain>(id);
            await couple.StartAsync(Couples.Make(6, 2, 2, 5.5, 1));
            await couple.StepAsync(10);
        }
        Assert.Equal(new[] { idle, used }.Order(), (await Active("couple")).Intersect([idle, used]).Order());

        // Step one run now and then, leave the other alone, until Orleans has taken the idle one (bounded).
        var clock = Stopwatch.StartNew();
        while ((await Active("couple")).Contains(idle))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the idle run was not collected within 30 s");
            await grains.GetGrain<ICoupleGrain>(used).StepAsync(1);
            await Task.Delay(250);
        }
        Assert.True(clock.Elapsed >= CoupleAge * 0.5, $"collected after {clock.Elapsed}, before it had been idle long");

        var couples = await Active("couple");
        var partners = await Active("partner");
        Assert.Contains(used, couples);
        Assert.Equal([$"{used}/ann", $"{used}/bob"], partners.Where(p => p.StartsWith(used, StringComparison.Ordinal)).Order());
        Assert.DoesNotContain(partners, p => p.StartsWith(idle, StringComparison.Ordinal)); // gone with their couple

        // The collected run's state went with it: a call finds an empty grain and says so.
        var ex = await Assert.ThrowsAsync<RunNotStartedException>(() => grains.GetGrain<ICoupleGrain>(idle).StepAsync(1).AsTask());
        Assert.Equal(idle, ex.RunId);
    }

    private async Task<List<string>> Active(string type) =>
        [.. (await _cluster.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(GrainType.Create(type))).Select(g => g.Key.ToString()!)];
}
