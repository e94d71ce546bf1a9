using Simulation.Scenarios;

namespace Simulation.Sweeps.Tests;

/// <summary>Reading --vary and --seeds: the grid, its order, and a one-line problem for every mistake.</summary>
public sealed class SweepPlanTests
{
    private static readonly Scenario AlmaWill = ScenarioLoader.Load(Library.Path("alma-will"));

    [Fact]
    public void A_range_steps_in_decimals_and_ends_on_its_last_value()
    {
        var plan = SweepPlan.Parse(AlmaWill, ["will.avoidance=1:7:1", "closeness=0.1:0.3:0.1"], "1-10");
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], plan.Axes[0].Values.AsEnumerable());
        Assert.Equal(["0.1", "0.2", "0.3"], plan.Axes[1].Values.AsEnumerable()); // not 0.30000000000000004
        Assert.Equal(21, plan.Points.Length);
        Assert.Equal(210, plan.Runs);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (ulong)i), plan.Seeds.AsEnumerable());
    }

    [Fact]
    public void The_first_axis_changes_slowest_and_a_run_is_its_point_on_its_seed()
    {
        var plan = SweepPlan.Parse(AlmaWill, ["alma.wound=early,late", "will.avoidance=2,4,6"], "3,5");
        Assert.Equal(["early|2", "early|4", "early|6", "late|2", "late|4", "late|6"], plan.Points.Select(p => string.Join("|", p.Values)));
        Assert.Equal(12, plan.Runs);
        Assert.Equal(["alma.wound=late", "will.avoidance=4"], plan.SetsOf(9).AsEnumerable());
        Assert.Equal(5UL, plan.SeedOf(9));
        var run = plan.ScenarioOf(9);
        Assert.Equal(4, run.Spec.Partners[1].Avoidance);
        Assert.Equal(Simulation.Model.Wound.Late, run.Spec.Partners[0].Wound);
        Assert.Equal(5UL, run.Spec.Seed);
    }

    [Fact]
    public void Without_seeds_a_sweep_takes_ten()
    {
        Assert.Equal(10, SweepPlan.Parse(AlmaWill, ["will.avoidance=3"], null).Seeds.Length);
    }

    [Fact]
    public void A_list_of_more_values_than_a_chart_can_tell_apart_is_refused()
    {
        string values = string.Join(",", Enumerable.Range(0, SweepPlan.MaxValues + 1).Select(i => (1 + i * 0.025).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var ex = Assert.Throws<ScenarioException>(() => SweepPlan.Parse(AlmaWill, [$"will.avoidance={values}"], "1-3"));
        Assert.Equal("--vary:1:16: error: 202 values; a key takes at most 201, more than a chart can tell apart", Assert.Single(ex.Diagnostics).ToString());
        Assert.Equal(SweepPlan.MaxValues, SweepPlan.Parse(AlmaWill, [$"will.avoidance={values[..values.LastIndexOf(',')]}"], "1-3").Axes[0].Values.Length);
    }

    [Theory]
    [InlineData("will.avoidanse=1:7:1", "--vary:1:6: error: unknown key `avoidanse` (did you mean `avoidance`?); use anxiety, avoidance, wound, name or a parameter such as `responsiveness` (`couplesim explain SCENARIO --parameters` lists them all) (in `will.avoidanse=1:7:1`)")]
    [InlineData("bob.avoidance=1:7:1", "--vary:1:1: error: unknown partner `bob`")]
    [InlineData("will.name=A,B", "--vary:1:6: error: a partner's name changes nothing in the runs; vary a trait (anxiety, avoidance, wound) or a parameter")]
    [InlineData("will.avoidance=0:7:1", "--vary:1:16: error: `avoidance` must be between 1 and 7; got 0 (as `will.avoidance=0`)")]
    [InlineData("will.avoidance=7:1:1", "--vary:1:16: error: a range goes up from FROM to TO in steps above 0 (got `7:1:1`)")]
    [InlineData("will.avoidance=1:7", "--vary:1:16: error: a range is FROM:TO:STEP, three numbers (got `1:7`)")]
    [InlineData("will.avoidance", "--vary:1:1: error: expected ID.KEY=FROM:TO:STEP")]
    [InlineData("alma.wound=early,,late", "--vary:1:12: error: an empty value in `early,,late`")]
    [InlineData("alma.wound=early,early", "--vary:1:12: error: a value is listed twice in `early,early`")]
    [InlineData("will.avoidance=1:7:0.001", "--vary:1:16: error: `1:7:0.001` has 6,001 values; a key takes at most 201, more than a chart can tell apart (take a step of 0.03 or more)")]
    [InlineData("will.avoidance=1:7:0.0299", "--vary:1:16: error: `1:7:0.0299` does not reach 7")]
    // too many values is said first, with a step that also divides TO − FROM (0.01005 would not, and the next message would refuse it)
    [InlineData("will.avoidance=1:3.01:0.001", "--vary:1:16: error: `1:3.01:0.001` has 2,011 values; a key takes at most 201, more than a chart can tell apart (take a step of 0.0134 or more)")]
    [InlineData("will.avoidance=1:7:0.0007", "--vary:1:16: error: `1:7:0.0007` has 8,572 values")]
    [InlineData("will.persistence=1:100:0.0000000000000000000000000001", "--vary:1:18: error: `1:100:0.0000000000000000000000000001` has more than 1,000,000 values; a key takes at most 201")]
    [InlineData("will.avoidance=1-7", "--vary:1:16: error: a range is FROM:TO:STEP, e.g. `will.avoidance=1:7:1` (got `1-7`)")]
    [InlineData("will.avoidance=1.5..6", "--vary:1:16: error: a range is FROM:TO:STEP, e.g. `will.avoidance=1.5:6:1` (got `1.5..6`)")]
    [InlineData("will.avoidance=1:7:4", "--vary:1:16: error: `1:7:4` does not reach 7 (the last value would be 5); take a step that divides TO − FROM")]
    [InlineData("will.avoidance=1:2:0.3", "--vary:1:16: error: `1:2:0.3` does not reach 2 (the last value would be 1.9)")]
    [InlineData("seed=1,2", "--vary:1:1: error: a sweep runs every grid point on every seed of --seeds")]
    [InlineData("length=1w,2w", "--vary:1:1: error: a sweep's runs all have one length")]
    public void A_mistake_in_vary_is_one_line_at_its_place(string vary, string start)
    {
        var ex = Assert.Throws<ScenarioException>(() => SweepPlan.Parse(AlmaWill, [vary], "1-3"));
        Assert.StartsWith(start, Assert.Single(ex.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("will.avoidance=1:7:0.03", 201)] // the limit itself
    [InlineData("will.avoidance=1:3.01:0.0134", 151)] // the step the message above suggests
    public void A_range_at_the_limit_or_with_the_suggested_step_is_taken(string vary, int values) =>
        Assert.Equal(values, Assert.Single(SweepPlan.Parse(AlmaWill, [vary], "1-3").Axes).Values.Length);

    [Theory]
    [InlineData("5-1", "--seeds:1:1: error: expected seeds as A-B or A,B,C with whole numbers, A ≤ B (got `5-1`)")]
    [InlineData("1-3,x", "--seeds:1:5: error: expected seeds as A-B or A,B,C")]
    [InlineData("1-3,2", "--seeds:1:1: error: a seed is listed twice")]
    [InlineData("1-20000", "--seeds:1:1: error: `1-20000` is more than 10,000 seeds")]
    [InlineData("5", "--seeds:1:1: error: `5` is one seed; a mean over seeds and its 95% interval need at least two (e.g. --seeds 1-10)")]
    [InlineData("7-7", "--seeds:1:1: error: `7-7` is one seed")]
    public void A_mistake_in_seeds_is_one_line_at_its_place(string seeds, string start)
    {
        var ex = Assert.Throws<ScenarioException>(() => SweepPlan.Parse(AlmaWill, ["will.avoidance=3"], seeds));
        Assert.StartsWith(start, Assert.Single(ex.Diagnostics).ToString());
    }

    [Fact]
    public void A_sweep_over_a_limit_is_refused_before_it_starts_and_says_which()
    {
        var points = Assert.Throws<ScenarioException>(() => SweepPlan.Parse(AlmaWill, ["will.avoidance=1:7:0.05", "alma.anxiety=1:7:0.05"], "1-2"));
        Assert.StartsWith("--vary:1:1: error: the grid has 14,641 points; a sweep takes at most 10,000", points.Diagnostics[0].ToString());
        var runs = Assert.Throws<ScenarioException>(() => SweepPlan.Parse(AlmaWill, ["will.avoidance=1:7:0.05"], "1-2000"));
        Assert.StartsWith("--seeds:1:1: error: 121 points × 2,000 seeds is 242,000 runs; a sweep takes at most 200,000", runs.Diagnostics[0].ToString());
        var year = ScenarioChanges.WithLength(AlmaWill, "10y");
        var hours = Assert.Throws<ScenarioException>(() => SweepPlan.Parse(year, ["will.avoidance=1:7:0.1"], "1-1000"));
        Assert.StartsWith("--length:1:1: error: 61,000 runs of 87,600 hours is 5,343,600,000 simulated hours; a sweep takes at most 2,000,000,000", hours.Diagnostics[0].ToString());
    }

    [Fact]
    public void Varying_a_key_twice_or_nothing_is_refused()
    {
        Assert.Contains("is varied twice", Assert.Throws<ScenarioException>(() => SweepPlan.Parse(AlmaWill, ["will.avoidance=1,2", "will.avoidance=3"], null)).Diagnostics[0].ToString());
        Assert.Contains("a sweep varies at least one key", Assert.Throws<ScenarioException>(() => SweepPlan.Parse(AlmaWill, [], null)).Diagnostics[0].ToString());
    }
}

internal static class Library
{
    public static string Path(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(System.IO.Path.Combine(d.FullName, "Simulation.sln")))
                return System.IO.Path.Combine(d.FullName, "scenarios", name + ".yaml");
        throw new InvalidOperationException("Simulation.sln not found");
    }
}
