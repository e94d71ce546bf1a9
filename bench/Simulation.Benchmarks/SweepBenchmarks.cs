using BenchmarkDotNet.Attributes;
using Simulation.Grains;
using Simulation.Scenarios;
using Simulation.Sweeps;

namespace Simulation.Benchmarks;

/// <summary>
/// A sweep's throughput in one process: 1,000 four-week runs of Alma and Will (100 grid points × 10 seeds)
/// through the worker grains of a silo in this process, figures and the seven claims included, as
/// <c>couplesim sweep</c> runs them. One operation is the whole sweep; partner-hours per second = 1,344,000 / time.
/// </summary>
[MemoryDiagnoser]
public class SweepBenchmarks
{
    private SimulationCluster _cluster = null!;
    private SweepWork _work = null!;

    /// <summary>Partner-hours in the sweep: 1,000 runs × 672 hours × 2 partners.</summary>
    public const int PartnerHours = 1000 * 672 * 2;

    [GlobalSetup]
    public async Task Setup()
    {
        string path = Path.Combine(ModelBenchmarks.RepositoryRoot(), "scenarios", "alma-will.yaml");
        var scenario = ScenarioLoader.Load(path);
        var plan = SweepPlan.Parse(scenario, ["will.avoidance=1:7:1", "alma.anxiety=2:7:0.5"], "1-10"); // 7 × 11 points
        var jobs = Enumerable.Range(0, 1000).Select(r => new SweepJob(r, plan.SetsOf(r % plan.Runs), plan.SeedOf(r % plan.Runs) + (ulong)(r / plan.Runs) * 100));
        _work = new SweepWork(new SweepBatch(File.ReadAllText(path), path, [], null, [.. jobs]), scenario.Spec.Hours);
        _cluster = await SimulationCluster.StartSiloAsync();
        await SweepDispatch.RunAsync(_cluster.Client, _work); // workers activated, code compiled
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _cluster.DisposeAsync();

    [Benchmark]
    public Task<SweepOutcome> Sweep_1000_four_week_runs_in_process() => SweepDispatch.RunAsync(_cluster.Client, _work);
}
