namespace Simulation.Web.Tests;

public sealed class LibraryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("couplesim-web-").FullName;

    [Fact]
    public void Offers_the_scenarios_that_load_and_reports_the_rest_in_one_line_each()
    {
        File.Copy(Path.Combine(WorkshopHost.FixtureScenarios, "alma-will.yaml"), Path.Combine(_dir, "a.yaml"));
        File.Copy(Path.Combine(WorkshopHost.FixtureScenarios, "alma-will.yaml"), Path.Combine(_dir, "b.yaml"));
        File.WriteAllText(Path.Combine(_dir, "c.yaml"), "name: broken\npartners: 3\n");
        var listing = WorkshopServer.ReadLibrary(_dir);
        Assert.Equal(["alma-will"], listing.Scenarios.Select(s => s.Info.Name));
        Assert.Contains(listing.Problems, p => p.StartsWith(Path.Combine(_dir, "b.yaml") + ":1:1: error: scenario name 'alma-will' is used", StringComparison.Ordinal));
        Assert.Contains(listing.Problems, p => p.StartsWith(Path.Combine(_dir, "c.yaml") + ":", StringComparison.Ordinal) && p.Contains(": error: ", StringComparison.Ordinal));
        Assert.All(listing.Problems, p => Assert.DoesNotContain('\n', p));
    }

    [Fact]
    public void A_missing_folder_is_a_problem_not_a_crash()
    {
        var listing = WorkshopServer.ReadLibrary(Path.Combine(_dir, "nope"));
        Assert.Empty(listing.Scenarios);
        Assert.Equal([$"{Path.Combine(_dir, "nope")}: error: no such scenario folder"], listing.Problems);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
