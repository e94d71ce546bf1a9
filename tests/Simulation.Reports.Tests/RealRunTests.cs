using System.Globalization;
using System.Xml.Linq;
using Simulation.Grains;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Reports.Tests;

/// <summary>The reports over a real run of the model, through the grains, as the CLI makes them.</summary>
public sealed class RealRunTests
{
    private static string Fixture(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Simulation.sln")))
                return Path.Combine(d.FullName, "tests", "Simulation.Scenarios.Tests", "fixtures", name);
        throw new InvalidOperationException("repository root not found");
    }

    private static async Task<(Scenario Scenario, RunResult Run)> RunFixture(string length)
    {
        var s = ScenarioChanges.WithLength(ScenarioLoader.Load(Fixture("full.yaml")), length);
        await using var cluster = await SimulationCluster.StartAsync();
        return (s, await cluster.RunAsync(s.Spec));
    }

    [Fact]
    public async Task Chart_markers_and_csv_rows_match_a_real_run()
    {
        var (s, run) = await RunFixture("4w");
        var report = ScenarioReports.For(s, run);
        var files = ReportWriter.Render(report).ToDictionary(f => f.Name, f => f.Content);

        Assert.Equal(run.Timeline.Length + 1, files[ReportWriter.TimelineFile].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(run.Events.Length + 1, files[ReportWriter.EventsFile].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var doc = XDocument.Parse(files[ReportWriter.ChartFile]);
        var ids = run.Partners.Select(p => p.Spec.Id).ToHashSet();
        foreach (var kind in ChartMarks.All)
            foreach (var id in ids)
            {
                int expected = run.Events.SelectMany(e => ChartMarks.For(e, ids)).Count(m => m.PartnerId == id && m.Kind == kind);
                int drawn = doc.Descendants().Count(e => (string?)e.Attribute("class") == "marker " + kind.Key && (string?)e.Attribute("data-partner") == id);
                Assert.Equal(expected, drawn);
            }
        // Protests are drawn by tone: angry ones as `protest`, pleading ones as `plea`.
        int angry = run.Events.Count(e => e.Kind == EventKinds.Protest && e.Tone == Tones.Angry);
        int pleading = run.Events.Count(e => e.Kind == EventKinds.Protest && e.Tone == Tones.Pleading);
        Assert.Equal(run.Events.Count(e => e.Kind == EventKinds.Protest), angry + pleading);
        Assert.Equal(angry, doc.Descendants().Count(e => (string?)e.Attribute("class") == "marker protest"));
        Assert.Equal(pleading, doc.Descendants().Count(e => (string?)e.Attribute("class") == "marker plea"));
        Assert.Equal(s.Expect.Length, report.Expectations.Length);
        Assert.Contains(s.Notes.What, files[ReportWriter.ReportFile]);
    }

    [Fact]
    public async Task A_year_of_the_real_model_is_aggregated_per_day()
    {
        var (_, run) = await RunFixture("1y");
        var doc = XDocument.Parse(ClosenessChart.Svg(run));
        int days = run.Timeline.Select(t => t.Time.Date).Distinct().Count();
        var closeness = doc.Descendants().Single(e => (string?)e.Attribute("class") == "series closeness");
        Assert.Equal(days, ((string)closeness.Attribute("points")!).Split(' ').Length);
        int markers = doc.Descendants().Count(e => ((string?)e.Attribute("class"))?.StartsWith("marker ", StringComparison.Ordinal) == true);
        int counted = doc.Descendants().Where(e => ((string?)e.Attribute("class"))?.StartsWith("marker ", StringComparison.Ordinal) == true)
            .Sum(e => int.Parse((string)e.Attribute("data-count")!, CultureInfo.InvariantCulture));
        Assert.True(markers < counted, "markers are thinned to daily counts");
        Assert.True(markers <= days * ChartMarks.All.Length * 2);
    }
}
