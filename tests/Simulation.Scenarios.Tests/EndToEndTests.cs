using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

/// <summary>A loaded scenario runs on the model's direct runner and its claims evaluate, reproducibly.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public void Full_fixture_runs_and_its_claims_evaluate_the_same_way_twice()
    {
        var scenario = ScenarioLoader.Load(LoaderTests.Fixture("full.yaml"));
        var run = CoupleSimulation.Run(scenario.Spec);
        Assert.Equal(scenario.Spec.Hours, run.Timeline.Length);

        var first = Expectations.Evaluate(scenario, run);
        var second = Expectations.Evaluate(scenario, CoupleSimulation.Run(scenario.Spec));
        Assert.Equal(scenario.Expect.Length, first.Length);
        Assert.All(first, r => Assert.False(string.IsNullOrWhiteSpace(r.Detail)));
        Assert.Equal(first.Select(r => (r.Passed, r.Detail)), second.Select(r => (r.Passed, r.Detail)));
    }

    [Fact]
    public void Set_changes_reach_the_resolved_parameters_of_a_run()
    {
        var scenario = ScenarioChanges.WithSets(ScenarioLoader.Load(LoaderTests.Fixture("full.yaml")),
            ["will.responsiveness=0.95", "length=3w"]);
        var run = CoupleSimulation.Run(scenario.Spec);
        Assert.Equal(0.95, run.Partners[1].Parameters.Responsiveness);
        Assert.Equal(3 * 168, run.Timeline.Length);
    }
}
