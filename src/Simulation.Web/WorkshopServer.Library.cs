using Microsoft.AspNetCore.Builder;
using Simulation.Model;
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
        return Build(options, new ScenarioShelf(options.ScenarioDirectory));
    }

    /// <summary>Every scenario in the folder that loads; each one that does not becomes problem lines.</summary>
    internal static ShelfListing ReadLibrary(string directory) => new ScenarioShelf(directory).List();

    internal static ShelfScenario Shelve(Scenario s) => new(
        new ScenarioInfo(s.Name, s.Title, s.Summary, new ScenarioNotes(s.Notes.What, s.Notes.Notice, s.Notes.Try),
            s.Spec.Start, s.Spec.Hours, s.Spec.Seed, s.Spec.Partners.Select(WorkshopMapping.Partner).ToArray(),
            WorkshopMapping.Interventions(s.Spec)),
        s.Spec);
}
