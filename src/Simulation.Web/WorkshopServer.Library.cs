using Microsoft.AspNetCore.Builder;
using Simulation.Scenarios;

namespace Simulation.Web;

public static partial class WorkshopServer
{
    /// <summary>
    /// The workshop server over the scenario folder in <paramref name="options"/>, its runs grains in a silo
    /// the server hosts. Call <c>StartAsync</c> (as <c>couplesim serve</c> does); the silo starts and stops with it.
    /// </summary>
    public static WebApplication Build(WorkshopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Build(options, new ScenarioShelf(() => ReadLibrary(options.ScenarioDirectory)));
    }

    /// <summary>Every scenario in the folder that loads; each one that does not becomes problem lines.</summary>
    internal static ShelfListing ReadLibrary(string directory)
    {
        var scenarios = new List<ShelfScenario>();
        var problems = new List<string>();
        if (!Directory.Exists(directory)) problems.Add($"{directory}: error: no such scenario folder");
        foreach (var path in ScenarioLibrary.Find(directory))
        {
            if (!ScenarioLoader.TryLoad(path, out var scenario, out var diagnostics))
            {
                problems.AddRange(diagnostics.Select(d => d.ToString()));
                continue;
            }
            if (scenarios.Any(s => s.Info.Name == scenario!.Name))
            {
                problems.Add($"{path}:1:1: error: scenario name '{scenario!.Name}' is used by another file; this one is not offered");
                continue;
            }
            scenarios.Add(Shelve(scenario!));
        }
        return new ShelfListing(scenarios, problems);
    }

    internal static ShelfScenario Shelve(Scenario s) => new(
        new ScenarioInfo(s.Name, s.Title, s.Summary, new ScenarioNotes(s.Notes.What, s.Notes.Notice, s.Notes.Try),
            s.Spec.Start, s.Spec.Hours, s.Spec.Seed, s.Spec.Partners.Select(WorkshopMapping.Partner).ToArray()),
        s.Spec);
}
