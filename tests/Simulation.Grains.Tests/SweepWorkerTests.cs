using System.Collections.Immutable;
using Simulation.Scenarios;
using Simulation.Sweeps;

namespace Simulation.Grains.Tests;

/// <summary>
/// A sweep's worker grains run the pure model; what they send back must be exactly the figures of the same
/// runs through the couple and partner grains (the product's path), on one silo or spread over two.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SweepWorkerTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_batchs_figures_are_those_of_the_same_runs_through_the_partner_grains()
    {
        var (plan, work) = Sweeps.Work("alma-will", "2w", ["will.avoidance=2,5", "alma.wound=early,late"], "3-5");
        var results = await fixture.Client.GetGrain<ISweepWorkerGrain>("test/" + Guid.NewGuid().ToString("N")).RunAsync(work.All);

        Assert.Equal(plan.Runs, results.Figures.Length);
        for (int r = 0; r < plan.Runs; r++)
        {
            var scenario = plan.ScenarioOf(r);
            var viaPartners = RunFigures.Of(r, scenario, await fixture.Client.RunAsync(scenario.Spec));
            Assert.Equivalent(viaPartners, results.Figures[r], strict: true);
        }
    }

    [Fact]
    public async Task Dispatch_gives_every_run_once_in_run_order_whatever_batch_came_back_first()
    {
        var (plan, work) = Sweeps.Work("stretching", "3w", ["tom.avoidance=2:6:1"], "1-9");
        var outcome = await SweepDispatch.RunAsync(fixture.Client, work);
        Assert.Equal(Enumerable.Range(0, plan.Runs), outcome.Figures.Select(f => f.Run));
        Assert.Equal(0, outcome.Retries);
        for (int r = 0; r < plan.Runs; r += 7)
            Assert.Equivalent(RunFigures.Of(r, plan.ScenarioOf(r), Simulation.Model.CoupleSimulation.Run(plan.ScenarioOf(r).Spec)), outcome.Figures[r], strict: true);
    }
}

[Collection(TwoSiloCollection.Name)]
public sealed class TwoSiloSweepTests(TwoSiloClusterFixture fixture)
{
    [Fact]
    public async Task A_sweep_spread_over_two_silos_gives_the_figures_of_one()
    {
        var (plan, work) = Sweeps.Work("min-max-escalation", "1w", ["tom.avoidance=1:7:1"], "1-12");
        var two = await SweepDispatch.RunAsync(fixture.Client, work);
        var direct = Enumerable.Range(0, plan.Runs).Select(r => RunFigures.Of(r, plan.ScenarioOf(r), Simulation.Model.CoupleSimulation.Run(plan.ScenarioOf(r).Spec))).ToArray();
        Assert.Equivalent(direct, two.Figures.ToArray(), strict: true);
    }
}

/// <summary>Sweeps of the library's scenarios, set up as the sweep command does.</summary>
internal static class Sweeps
{
    public static (SweepPlan Plan, SweepWork Work) Work(string name, string length, string[] vary, string seeds)
    {
        string path = Path.Combine(Library.Directory, name + ".yaml");
        var scenario = ScenarioChanges.WithLength(ScenarioLoader.Load(path), length);
        var plan = SweepPlan.Parse(scenario, vary, seeds);
        var work = new SweepWork(new SweepBatch(File.ReadAllText(path), path, [], length,
            [.. Enumerable.Range(0, plan.Runs).Select(r => new SweepJob(r, plan.SetsOf(r), plan.SeedOf(r)))]), scenario.Spec.Hours);
        return (plan, work);
    }
}
