namespace Simulation.Cli.Tests;

/// <summary><c>run|compare --stretch WHO@WHEN[:STRENGTH]</c>: the "try" notes' interventions without a YAML edit.</summary>
public sealed class StretchOptionTests
{
    [Fact]
    public async Task Run_with_a_stretch_has_the_intervention_from_its_time()
    {
        using var t = new TempDir();
        var r = await Cli.Run("run", t.Scenario(length: "2w"), "--stretch", "both@week2", "--stretch", "will@day3:0.5", "--out", t["o"]);
        Assert.True(r.ExitCode == 0, r.Err);
        var events = File.ReadAllLines(Path.Combine(t["o"], "events.csv"));
        Assert.Contains("48,2026-03-09T08:00,will,intervention,,,starts stretching,", events);
        Assert.Contains("168,2026-03-14T08:00,alma,intervention,,,starts stretching,", events);
        Assert.Contains("168,2026-03-14T08:00,will,intervention,,,starts stretching,", events);
    }

    [Fact]
    public void A_stretch_what_if_gets_its_own_folder_so_the_baseline_stays() =>
        Assert.Equal("tiny-will.avoidance=3,stretch=both@week2,stretch=will@day3_0.5",
            CommonOptions.RunFolder("tiny", ["will.avoidance=3", "stretch=both@week2", "stretch=will@day3:0.5"]));

    [Fact]
    public async Task A_stretch_written_by_name_or_in_capitals_is_titled_by_the_partners_id()
    {
        using var t = new TempDir();
        var r = await Cli.Run("run", t.Scenario(length: "2d"), "--stretch", "WILL@day1", "--set", "alma.anxiety=5", "--out", t["o"]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("— what if alma.anxiety=5, stretch=will@day1 —", r.Out);
        Assert.Equal("both@day2:0.5", Simulation.Scenarios.ScenarioStretches.Canonical(Simulation.Scenarios.ScenarioLoader.Load(t["tiny.yaml"]).Spec, "Both@day2:0.5"));
    }

    [Fact]
    public async Task Compare_with_only_a_stretch_is_a_what_if()
    {
        using var t = new TempDir();
        var r = await Cli.Run("compare", t.Scenario(length: "2w"), "--stretch", "both@week2", "--out", t["cmp"]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("B: tiny with stretch both@week2", r.Out);
        Assert.Contains("Where they part: first different event Sat 14 Mar 08:00", r.Out);
        Assert.DoesNotContain("intervention", File.ReadAllText(Path.Combine(t["cmp"], "a_events.csv")));
        Assert.Contains("intervention", File.ReadAllText(Path.Combine(t["cmp"], "b_events.csv")));
    }

    [Theory]
    [InlineData("run", "wil@week1", "--stretch:1:1: error: unknown partner `wil` (did you mean `will`?)")]
    [InlineData("run", "will@week3", "--stretch:1:6: error: `week3` (2026-03-21T08:00) lies outside the run (2026-03-07T08:00 to 2026-03-14T08:00)")]
    [InlineData("compare", "will@day2:1.5", "--stretch:1:11: error: `strength` must be between 0 and 1; got 1.5")]
    [InlineData("compare", "will", "--stretch:1:1: error: expected WHO@WHEN[:STRENGTH]")]
    public async Task A_bad_stretch_is_one_line_exit_2_and_nothing_written(string command, string stretch, string start)
    {
        using var t = new TempDir();
        var r = await Cli.Run(command, t.Scenario(), "--stretch", stretch, "--out", t["o"]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(start, Assert.Single(r.ErrLines));
        Assert.False(Directory.Exists(t["o"]));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Every_option_a_library_scenarios_try_note_suggests_applies_to_it()
    {
        // The notes are what a student types next; an option they name must work on that file.
        int seen = 0;
        foreach (var file in Simulation.Scenarios.ScenarioLibrary.Find(Path.Combine(Cli.Root, "scenarios")))
        {
            var s = Simulation.Scenarios.ScenarioLoader.Load(file);
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(s.Notes.Try, @"--(set|stretch|length) ([^\s);`,]+)"))
            {
                string value = m.Groups[2].Value;
                var changed = m.Groups[1].Value switch
                {
                    "set" => Simulation.Scenarios.ScenarioChanges.WithSets(s, [value]),
                    "length" => Simulation.Scenarios.ScenarioChanges.WithLength(s, value),
                    _ => Simulation.Scenarios.ScenarioStretches.WithStretches(s, [value]),
                };
                Assert.NotEqual(s.Spec, changed.Spec);
                seen++;
            }
        }
        Assert.True(seen >= 10, $"{seen} options in the library's notes");
    }

    [Fact]
    public async Task The_stretch_is_checked_against_the_length_given()
    {
        using var t = new TempDir();
        var r = await Cli.Run("run", t.Scenario(), "--length", "3w", "--stretch", "both@week3", "--out", t["o"]);
        Assert.True(r.ExitCode == 0, r.Err);
        var missing = await Cli.Run("run", t.Scenario(), "--out", t["p"], "--stretch");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("--stretch:1:1: error: `--stretch` needs a value (WHO@WHEN[:STRENGTH])", Assert.Single(missing.ErrLines));
    }
}
