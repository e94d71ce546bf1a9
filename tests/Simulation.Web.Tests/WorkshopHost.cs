using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;

namespace Simulation.Web.Tests;

/// <summary>A workshop server on a free loopback port, for one test class or collection.</summary>
public sealed class WorkshopHost : IAsyncLifetime
{
    private readonly string _scenarioDirectory;

    public WorkshopHost() => _scenarioDirectory = FixtureScenarios;

    internal WorkshopHost(string scenarioDirectory, WorkshopOptions? options = null)
    {
        _scenarioDirectory = scenarioDirectory;
        if (options is not null) Options = options;
    }

    /// <summary>A server over a shelf of the test's own (one that fails, say).</summary>
    internal WorkshopHost(ScenarioShelf shelf) : this("") => _shelf = shelf;

    private readonly ScenarioShelf? _shelf;

    /// <summary>The repository's scenario library, found from the test's output folder.</summary>
    public static string RepoScenarios
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Simulation.sln")))
                    return Path.Combine(dir.FullName, "scenarios");
            throw new InvalidOperationException($"no Simulation.sln above {AppContext.BaseDirectory}");
        }
    }

    private WebApplication? _app;
    /// <summary>The API tests' own scenario (the repo's <c>scenarios/</c> is the lead's to recalibrate).</summary>
    public static string FixtureScenarios => Path.Combine(AppContext.BaseDirectory, "scenarios");
    public Uri Address { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public WorkshopOptions Options { get; } = new() { Port = 0, MaxRuns = 6, MaxHours = 24 * 7 * 8 };
    internal WebApplication App => _app!;

    public async Task InitializeAsync()
    {
        // A real server: the page's runs are grains in the silo it hosts (no gateway, free ports).
        _app = WorkshopServer.Build(Options, _shelf ?? new ScenarioShelf(_scenarioDirectory));
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
