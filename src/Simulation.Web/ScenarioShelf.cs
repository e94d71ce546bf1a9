using Simulation.Model;

namespace Simulation.Web;

/// <summary>A scenario as the page offers it, with the spec a run starts from.</summary>
internal sealed record ShelfScenario(ScenarioInfo Info, CoupleSpec Spec);

/// <summary>What the scenario folder holds right now: usable scenarios and one line per unreadable file.</summary>
internal sealed record ShelfListing(IReadOnlyList<ShelfScenario> Scenarios, IReadOnlyList<string> Problems);

/// <summary>
/// The scenario library behind the page. It is read again on every listing so a trainer can edit
/// a file during the break and reload the page.
/// </summary>
internal sealed class ScenarioShelf(Func<ShelfListing> load)
{
    public ShelfListing List() => load();
}
