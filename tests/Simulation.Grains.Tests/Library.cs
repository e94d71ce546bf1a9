using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Grains.Tests;

/// <summary>The repository's scenario library, run through the grains over several seeds.</summary>
internal static class Library
{
    public static readonly ImmutableArray<ulong> Seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    public static string Directory { get; } = FindScenarios();

    public static Scenario Load(string name, params string[] sets)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Directory, name + ".yaml"));
        return sets.Length == 0 ? scenario : ScenarioChanges.WithSets(scenario, sets);
    }

    /// <summary>Runs the scenario on every seed; returns each seed's run.</summary>
    public static async Task<ImmutableArray<RunResult>> RunAllAsync(IGrainFactory grains, Scenario scenario)
    {
        var runs = ImmutableArray.CreateBuilder<RunResult>();
        foreach (var seed in Seeds)
            runs.Add(await grains.RunAsync(ScenarioChanges.WithSeed(scenario, seed).Spec));
        return runs.ToImmutable();
    }

    private static string FindScenarios()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Simulation.sln")))
                return Path.Combine(dir.FullName, "scenarios");
        throw new DirectoryNotFoundException("no Simulation.sln above " + AppContext.BaseDirectory);
    }
}
