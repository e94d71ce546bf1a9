using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Simulation.Model;

namespace Simulation.Web.Tests;

/// <summary>A workshop server on a free loopback port, for one test class or collection.</summary>
public sealed class WorkshopHost : IAsyncLifetime
{
    private WebApplication? _app;
    internal FakeCluster Cluster { get; } = new();
    internal ManualClock Clock { get; } = new();
    public Uri Address { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public WorkshopOptions Options { get; } = new() { Port = 0, MaxRuns = 6, MaxHours = 24 * 7 * 8 };
    internal WebApplication App => _app!;

    public async Task InitializeAsync()
    {
        _app = WorkshopServer.Build(Options,
            new GrainAccess(_ => Task.FromResult<(Simulation.Runtime.IClusterClient, IAsyncDisposable?)>((Cluster, null))),
            new ScenarioShelf(() => new ShelfListing([Fixtures.AlmaWill], [])), Clock);
        await _app.StartAsync();
        Address = WorkshopServer.Address(_app);
        Http = new HttpClient { BaseAddress = Address };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

internal static class Fixtures
{
    public static readonly CoupleSpec AlmaWillSpec = new(
        "alma-will", new DateTime(2026, 3, 7, 8, 0, 0), 24 * 28, 7, 0.5,
        [new PartnerSpec("alma", "Alma", 6.0, 2.0, Wound.Early), new PartnerSpec("will", "Will", 2.0, 5.5, Wound.Early)],
        [], [], []);

    public static readonly ShelfScenario AlmaWill = new(
        new ScenarioInfo("alma-will", "Alma and Will: the Sunday-evening cycle", "pursue–withdraw on Sunday evenings",
            new ScenarioNotes("How Will's Sunday work stress starts the cycle.", "Alma protests more as Will withdraws.", "Let Will stretch on Sunday evening."),
            AlmaWillSpec.Start, AlmaWillSpec.Hours, AlmaWillSpec.Seed,
            AlmaWillSpec.Partners.Select(WorkshopMapping.Partner).ToArray()),
        AlmaWillSpec);
}

/// <summary>A clock the test moves by hand (idle release without waiting ten minutes).</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 3, 7, 8, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
