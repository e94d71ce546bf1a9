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
        await using var cluster = await SimulationCluster.StartSiloAsync();
        return (s, await cluster.RunAsync(s.Spec));
    }

    [Fact]
    public async Task Chart_markers_and_csv_rows_match_a_real_run()
    {
        var (s, run) = await RunFixture("4w");
        var report = ScenarioReports.For(s, run);
        var files = ReportWriter.Render(report).ToDictionary(f => f.Name, f => f.Content);

        Assert.Equal(run.Timeline.Length + 1, System.Text.Encoding.UTF8.GetString(files[ReportWriter.TimelineFile]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(run.Events.Length + 1, System.Text.Encoding.UTF8.GetString(files[ReportWriter.EventsFile]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        XDocument.Parse(System.Text.Encoding.UTF8.GetString(files[ReportWriter.ChartFile]));
        var ids = run.Partners.Select(p => p.Spec.Id).ToHashSet();
        var lanes = ClosenessChart.Build(run).Events;
        foreach (var kind in ChartMarks.All)
            foreach (var (lane, id) in lanes.Lanes.Select(l => (l, l.PartnerId)))
            {
                int expected = run.Events.SelectMany(e => ChartMarks.For(e, ids)).Count(m => m.PartnerId == id && m.Kind == kind);
                Assert.Equal(expected, lane.Rows.SingleOrDefault(r => r.Kind == kind)?.Total ?? 0);
            }
        // Protests are drawn by tone: angry ones as `protest`, pleading ones as `plea`.
        int angry = run.Events.Count(e => e.Kind == EventKinds.Protest && e.Tone == Tones.Angry);
        int pleading = run.Events.Count(e => e.Kind == EventKinds.Protest && e.Tone == Tones.Pleading);
        Assert.Equal(run.Events.Count(e => e.Kind == EventKinds.Protest), angry + pleading);
        Assert.Equal(angry, lanes.Lanes.Sum(l => l.Rows.SingleOrDefault(r => r.Kind == ChartMarks.Protest)?.Total ?? 0));
        Assert.Equal(pleading, lanes.Lanes.Sum(l => l.Rows.SingleOrDefault(r => r.Kind == ChartMarks.Plea)?.Total ?? 0));
        Assert.Equal(s.Expect.Length, report.Expectations.Length);
        Assert.Contains(s.Notes.What, System.Text.Encoding.UTF8.GetString(files[ReportWriter.ReportFile]));
    }

    [Fact]
    public async Task A_year_of_the_real_model_is_drawn_per_day_with_weekly_event_counts()
    {
        var (_, run) = await RunFixture("1y");
        var chart = ClosenessChart.Build(run);
        var svg = new SvgProbe(chart.Figure.ToSvg(ClosenessChart.ChartId));
        int days = run.Timeline.Select(t => t.Time.Date).Distinct().Count();
        var line = Assert.Single(svg.Lines(chart.Figure.DataRect(chart.Closeness), "black"));
        Assert.Equal(days, SvgProbe.Points(line).Count);
        Assert.Equal(168, chart.Events.BinHours);
        int weeks = 365 / 7 + 2;
        Assert.All(chart.Events.Lanes.SelectMany(l => l.Rows), r => Assert.True(r.Counts.Length <= weeks));
        Assert.True(chart.Events.MaxCount > 1, "a week's markers are counted, not drawn one by one");
    }
}
