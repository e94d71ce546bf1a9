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

    [Fact]
    public void The_listing_is_cached_and_follows_changed_files()
    {
        string a = Path.Combine(_dir, "a.yaml"), b = Path.Combine(_dir, "b.yaml");
        string text = File.ReadAllText(Path.Combine(WorkshopHost.FixtureScenarios, "alma-will.yaml"));
        File.WriteAllText(a, text);
        var shelf = new ScenarioShelf(_dir, TimeSpan.FromMilliseconds(200));
        Assert.Equal(["alma-will"], shelf.List().Scenarios.Select(s => s.Info.Name));
        Assert.Equal(1, shelf.Reads);

        // Many listings, nothing changed: nothing is read again (it was every file on every request).
        for (int i = 0; i < 20; i++) shelf.List();
        Thread.Sleep(250);
        for (int i = 0; i < 20; i++) shelf.List();
        Assert.Equal(1, shelf.Reads);

        // A new file and an edited one show on the next look; only those two are read.
        File.WriteAllText(b, text.Replace("name: alma-will", "name: second").Replace("Alma and Will: the Sunday-evening cycle", "Second"));
        File.WriteAllText(a, text.Replace("Alma and Will: the Sunday-evening cycle", "Edited"));
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddSeconds(5));
        Thread.Sleep(250);
        Assert.Equal(["Edited", "Second"], shelf.List().Scenarios.Select(s => s.Info.Title));
        Assert.Equal(3, shelf.Reads);

        // A deleted file goes.
        File.Delete(b);
        Thread.Sleep(250);
        Assert.Equal(["alma-will"], shelf.List().Scenarios.Select(s => s.Info.Name));
    }

    [Fact]
    public void A_broken_or_huge_file_only_marks_itself()
    {
        string text = File.ReadAllText(Path.Combine(WorkshopHost.FixtureScenarios, "alma-will.yaml"));
        File.WriteAllText(Path.Combine(_dir, "a.yaml"), text);
        File.WriteAllText(Path.Combine(_dir, "b-open.yaml"), "name: open\npartners: [{id: a,\n  anxiety: 3");      // a bracket left open, no final newline
        File.WriteAllText(Path.Combine(_dir, "c-huge.yaml"), "name: " + new string('x', 10 * 1024 * 1024));  // 10 MB
        File.WriteAllText(Path.Combine(_dir, "d-aliases.yaml"), "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n");
        var listing = new ScenarioShelf(_dir).List();
        Assert.Equal(["alma-will"], listing.Scenarios.Select(s => s.Info.Name));
        foreach (var broken in new[] { "b-open.yaml", "c-huge.yaml", "d-aliases.yaml" })
        {
            var lines = listing.Problems.Where(p => p.StartsWith(Path.Combine(_dir, broken) + ":", StringComparison.Ordinal)).ToArray();
            Assert.InRange(lines.Length, 1, ScenarioLimitsShown);
            Assert.All(lines, l => Assert.Contains(": error: ", l));
        }
        Assert.Contains(listing.Problems, p => p.StartsWith(Path.Combine(_dir, "c-huge.yaml") + ":1:1: error: ", StringComparison.Ordinal));
        Assert.All(listing.Problems, p => Assert.True(p.Length < 1000 && !p.Contains('\n'), p));
    }

    // A file's diagnostics: at most the loader's 20 and its "… and N more" line.
    private const int ScenarioLimitsShown = Simulation.Scenarios.ScenarioLimits.MaxDiagnostics + 1;

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
