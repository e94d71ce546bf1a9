using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Simulation.Model;

namespace Simulation.Reports.Tests;

public sealed class FileTests
{
    [Fact]
    public void Timeline_csv_has_the_contract_columns_and_one_row_per_hour()
    {
        var run = FakeRuns.Make(72);
        var lines = CsvWriters.Timeline(run).Split('\n');
        Assert.Equal("tick,time,closeness,alma_stance,alma_distress,alma_hurt,alma_withdrawn,alma_anxiety,alma_avoidance," +
                     "will_stance,will_distress,will_hurt,will_withdrawn,will_anxiety,will_avoidance", lines[0]);
        Assert.Equal("", lines[^1]); // ends with a newline
        var rows = lines[1..^1];
        Assert.Equal(72, rows.Length);
        var number = new Regex(@"^-?\d+\.\d{4}$");
        for (int i = 0; i < rows.Length; i++)
        {
            var f = rows[i].Split(',');
            Assert.Equal(15, f.Length);
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), f[0]);
            Assert.Equal(run.Timeline[i].Time.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), f[1]);
            Assert.Matches(number, f[2]);
            Assert.Equal(run.Timeline[i].Closeness, double.Parse(f[2], CultureInfo.InvariantCulture), 4);
            Assert.Contains(f[6], new[] { "0", "1" });
            Assert.Equal(run.Timeline[i].Partners[1].Withdrawn ? "1" : "0", f[12]);
            Assert.Equal("5.5000", f[14]);
        }
        Assert.Equal("0,2026-03-07T08:00", string.Join(',', rows[0].Split(',')[..2]));
    }

    [Fact]
    public void Events_csv_has_the_contract_columns_then_a_reason_and_quotes_commas()
    {
        var run = FakeRuns.Make(72);
        run = run with { Events = run.Events.Add(new SimEvent(70, run.Spec.Start.AddHours(70), "will", EventKinds.Withdraw, "", "", "work stress, tired")) };
        var lines = CsvWriters.Events(run).Split('\n');
        Assert.Equal("tick,time,actor,kind,target,outcome,reason,tone", lines[0]);
        Assert.Equal(run.Events.Length, lines.Length - 2);
        var first = run.Events[0];
        Assert.StartsWith($"{first.Tick},{first.Time:yyyy-MM-dd'T'HH:mm},{first.Actor},{first.Kind},{first.Target},{first.Outcome},", lines[1]);
        Assert.Equal("70,2026-03-10T06:00,will,withdraw,,,\"work stress, tired\",", lines[^2]);
    }

    [Fact]
    public void Run_json_records_version_scenario_seed_every_parameter_metrics_and_claims_in_a_stable_order()
    {
        var report = FakeRuns.Report(168);
        string json = RunJson.Write(report);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["tool", "version", "scenario", "seed", "start", "length", "hours", "initial_closeness", "partners", "metrics", "expectations", "all_expectations_passed"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ToolInfo.Version, root.GetProperty("version").GetString());
        Assert.False(string.IsNullOrEmpty(ToolInfo.Version));
        Assert.Equal("alma-will", root.GetProperty("scenario").GetProperty("name").GetString());
        Assert.Equal(64, root.GetProperty("scenario").GetProperty("sha256").GetString()!.Length);
        Assert.Equal(7UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal("1w", root.GetProperty("length").GetString());
        Assert.Equal("2026-03-07T08:00", root.GetProperty("start").GetString());

        var alma = root.GetProperty("partners")[0];
        Assert.Equal("preoccupied", alma.GetProperty("style").GetString());
        Assert.Equal("maximiser", alma.GetProperty("hendrix").GetString());
        Assert.Equal("early", alma.GetProperty("wound").GetString());
        Assert.Equal(ParameterCatalog.All.Select(p => p.Name), alma.GetProperty("parameters").EnumerateObject().Select(p => p.Name));
        var derived = report.Run.Partners[0].Parameters;
        Assert.Equal(derived.Responsiveness, alma.GetProperty("parameters").GetProperty("responsiveness").GetDouble(), 6);

        var m = root.GetProperty("metrics");
        Assert.Equal(report.Metrics.Interactions, m.GetProperty("interactions").GetInt32());
        Assert.Equal(report.Metrics.MeanCloseness, m.GetProperty("mean_closeness").GetDouble(), 6);
        Assert.Equal(report.Metrics.Partners[0].Bids, m.GetProperty("partners")[0].GetProperty("bids").GetInt32());

        var e = root.GetProperty("expectations");
        Assert.Equal(2, e.GetArrayLength());
        Assert.Equal("pursue-withdraw (pursuer: alma, distancer: will)", e[0].GetProperty("claim").GetString());
        Assert.True(e[0].GetProperty("passed").GetBoolean());
        Assert.Equal("alma", e[0].GetProperty("args").GetProperty("pursuer").GetString());
        Assert.True(root.GetProperty("all_expectations_passed").GetBoolean());
        Assert.DoesNotContain("\r", json);
    }

    [Fact]
    public void Overridden_parameters_are_listed_in_run_json()
    {
        var run = FakeRuns.Make(24, willResponsiveness: 0.8);
        using var doc = JsonDocument.Parse(RunJson.Write(new RunReport(run, FakeRuns.Info, [])));
        var will = doc.RootElement.GetProperty("partners")[1];
        Assert.Equal(0.8, will.GetProperty("parameters").GetProperty("responsiveness").GetDouble());
        Assert.Equal(["responsiveness"], will.GetProperty("overridden").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public void Two_runs_on_the_same_seed_give_byte_identical_files()
    {
        var a = ReportWriter.Render(FakeRuns.Report(672, seed: 11));
        var b = ReportWriter.Render(FakeRuns.Report(672, seed: 11));
        Assert.Equal(ReportWriter.FileNames.ToArray(), a.Select(f => f.Name).ToArray());
        Assert.Equal(["timeline.csv", "events.csv", "run.json", "closeness.svg", "closeness.png", "report.html"], ReportWriter.FileNames.ToArray());
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i].Content, b[i].Content);
        Assert.Equal((1920, 1080), ChartTests.PngSize(a[4].Content));
    }

    [Fact]
    public void WriteRun_writes_the_six_files_and_leaves_no_staging_directory()
    {
        string root = Path.Combine(Path.GetTempPath(), "couplesim-reports-" + Guid.NewGuid().ToString("N"));
        try
        {
            string dir = Path.Combine(root, "out", "alma-will");
            var paths = ReportWriter.WriteRun(FakeRuns.Report(48), dir);
            Assert.Equal(ReportWriter.FileNames.Select(n => Path.Combine(dir, n)), paths);
            Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 0));
            Assert.Equal(["alma-will"], Directory.GetDirectories(Path.Combine(root, "out")).Select(Path.GetFileName));
            // files are UTF-8 without a byte order mark
            Assert.Equal((byte)'t', File.ReadAllBytes(paths[0])[0]);
        }
        finally { Directory.Delete(root, true); }
    }
}
