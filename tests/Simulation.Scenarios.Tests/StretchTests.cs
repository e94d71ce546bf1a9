using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

/// <summary><c>--stretch WHO@WHEN[:STRENGTH]</c>: an intervention without editing the file, checked as the file's are.</summary>
public sealed class StretchTests
{
    // Starts Sat 2026-03-07T08:00, four weeks, partners alma and will, two interventions of its own.
    private static Scenario Full() => ScenarioLoader.Load(LoaderTests.Fixture("full.yaml"));

    private static Diagnostic StretchError(string stretch)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioStretches.WithStretches(Full(), [stretch]));
        return Assert.Single(ex.Diagnostics);
    }

    [Theory]
    [InlineData("both@week3", "2026-03-21T08:00", "alma,will", 1.0)]
    [InlineData("will@week1", "2026-03-07T08:00", "will", 1.0)]
    [InlineData("alma@day10:0.5", "2026-03-16T08:00", "alma", 0.5)]
    [InlineData("will@2026-03-21T20:00", "2026-03-21T20:00", "will", 1.0)]
    [InlineData("will@2026-03-21T20:00:0.25", "2026-03-21T20:00", "will", 0.25)]
    [InlineData("will@2026-03-21T20:00:30", "2026-03-21T20:00:30", "will", 1.0)]
    [InlineData("both@+36h:1", "2026-03-08T20:00", "alma,will", 1.0)]
    [InlineData("both@+2w:0", "2026-03-21T08:00", "alma,will", 0.0)]
    [InlineData("Will@week3", "2026-03-21T08:00", "will", 1.0)] // the partner's name, as the room says it
    [InlineData("ALMA@week1", "2026-03-07T08:00", "alma", 1.0)]
    [InlineData("Both@week1", "2026-03-07T08:00", "alma,will", 1.0)]
    public void Adds_a_stretch_after_the_files_own(string stretch, string at, string who, double strength)
    {
        var full = Full();
        var s = ScenarioStretches.WithStretches(full, [stretch]);
        Assert.Equal(full.Spec.Interventions, s.Spec.Interventions.Take(2));
        var added = s.Spec.Interventions[^1];
        Assert.Equal(3, s.Spec.Interventions.Length);
        Assert.Equal(DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture), added.At);
        Assert.Equal(who.Split(','), added.Who);
        Assert.Equal((InterventionKind.Stretch, strength), (added.Kind, added.Strength));
    }

    [Theory]
    [InlineData("will", 1, "expected WHO@WHEN[:STRENGTH]")]
    [InlineData("", 1, "the stretch is empty")]
    [InlineData("wil@week3", 1, "unknown partner `wil` (did you mean `will`?); write `alma`, `will` or `both`")]
    [InlineData("@week3", 1, "name who stretches before the `@`")]
    [InlineData("will@", 6, "the time is missing after `@`")]
    [InlineData("will@:0.5", 6, "the time is missing after `@`")]
    [InlineData("will@week0", 6, "`week0`: weeks count from 1")]
    [InlineData("will@weekthree", 6, "`weekthree` is not a week of the run; write week and a whole number")]
    [InlineData("will@weeek3:0.5", 6, "`weeek3` is not a time")]
    [InlineData("will@week5", 6, "`week5` (2026-04-04T08:00) lies outside the run (2026-03-07T08:00 to 2026-04-04T08:00)")]
    [InlineData("will@2026-03-01T08:00", 6, "lies outside the run")]
    [InlineData("will@2026-03-21T25:00", 6, "`2026-03-21T25:00` is not a local time")]
    [InlineData("will@2026-03-21T08:00Z", 6, "has a time-zone offset")]
    [InlineData("will@+3x", 6, "unknown unit `x`")]
    [InlineData("will@week999999", 6, "is later than any run ends")]
    [InlineData("will@week3:2", 12, "`strength` must be between 0 and 1; got 2")]
    [InlineData("will@week3:-0.5", 12, "`strength` must be between 0 and 1")]
    [InlineData("will@week3:lots", 12, "`strength` must be a number, not `lots`")]
    [InlineData("will@week3:", 12, "the strength is missing after `:`")]
    public void Bad_stretches_point_at_the_offending_character(string stretch, int column, string message)
    {
        var d = StretchError(stretch);
        Assert.Equal(new SourceLocation("--stretch", 1, column), d.Location);
        Assert.Contains(message, d.Message);
        Assert.EndsWith($"(in `{stretch}`)", d.Message);
        Assert.StartsWith($"--stretch:1:{column}: error: ", d.ToString());
    }

    [Fact]
    public void A_name_that_is_one_partners_id_and_the_others_name_is_said_to_name_both_not_to_be_unknown()
    {
        // alma is called "Will" here, so "WILL" is will's id and alma's name in another case.
        var spec = Full().Spec;
        spec = spec with { Partners = [spec.Partners[0] with { Name = "Will" }, .. spec.Partners.Skip(1)] };
        Assert.Equal(new[] { "will" }, ScenarioStretches.WithStretches(spec, ["will@week1"]).Interventions[^1].Who); // the id as written wins
        var ex = Assert.Throws<ScenarioException>(() => ScenarioStretches.WithStretches(spec, ["WILL@week1"]));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal("--stretch:1:1: error: `WILL` names both partners (`alma` is Will, `will` is Will); write the id: `alma`, `will` or `both` (in `WILL@week1`)", d.ToString());
    }

    [Fact]
    public void Every_bad_stretch_is_reported_and_hostile_text_stays_one_short_line()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioStretches.WithStretches(Full(), ["x@week1", "will@week2", "will@\u001b[2J\nfoo.yaml:1:1: error: forged"]));
        Assert.Equal(2, ex.Diagnostics.Length);
        Assert.All(ex.Diagnostics, d => Assert.DoesNotContain('\n', d.ToString()));
        Assert.All(ex.Diagnostics, d => Assert.DoesNotContain('\u001b', d.ToString()));
        var huge = StretchError(new string('w', 10_000_000) + "@week1");
        Assert.True(huge.ToString().Length < 300, huge.ToString()[..Math.Min(300, huge.ToString().Length)]);
    }

    [Fact]
    public void The_interventions_limit_holds()
    {
        var many = Enumerable.Repeat("will@week2", ScenarioLimits.MaxInterventions - 2).ToArray();
        Assert.Equal(ScenarioLimits.MaxInterventions, ScenarioStretches.WithStretches(Full(), many).Spec.Interventions.Length);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioStretches.WithStretches(Full(), [.. many, "will@week3"]));
        Assert.Equal($"--stretch:1:1: error: a run may have at most {ScenarioLimits.MaxInterventions} interventions; this one would have {ScenarioLimits.MaxInterventions + 1}",
            Assert.Single(ex.Diagnostics).ToString());
    }

    [Fact]
    public void The_stretch_changes_the_run_from_its_time_and_not_before()
    {
        var plain = CoupleSimulation.Run(ScenarioLoader.Load(LoaderTests.Fixture("full.yaml")).Spec with { Interventions = [] });
        var spec = ScenarioStretches.WithStretches(Full().Spec with { Interventions = [] }, ["both@week2"]);
        var stretched = CoupleSimulation.Run(spec);
        int from = 7 * 24;
        Assert.Equal(Enumerable.Range(0, from).Select(plain.Timeline.Closeness), Enumerable.Range(0, from).Select(stretched.Timeline.Closeness));
        Assert.NotEqual(Enumerable.Range(from, 24 * 7).Select(plain.Timeline.Closeness), Enumerable.Range(from, 24 * 7).Select(stretched.Timeline.Closeness));
        Assert.Contains(stretched.Events, e => e is { Tick: 168, Kind: EventKinds.Intervention, Actor: "alma" });
    }
}
