using BenchmarkDotNet.Attributes;
using Simulation.Grains;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Benchmarks;

/// <summary>
/// Whole runs of the library's Alma and Will scenario: through the Orleans grains of a silo in this
/// process (as every product run goes: a couple grain, two partner grains, one call per partner per hour)
/// and on the direct runner (for sweeps). One operation is one complete run, start to release.
/// </summary>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    private SimulationCluster _cluster = null!;
    private CoupleSpec _fourWeeks = null!, _year = null!;

    /// <summary>Partner-hours in one year-long run: two partners × 8,760 hours.</summary>
    public const int PartnerHoursPerYear = 2 * 24 * 365;

    [GlobalSetup]
    public async Task Setup()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(RepositoryRoot(), "scenarios", "alma-will.yaml"));
        _fourWeeks = scenario.Spec;
        _year = ScenarioChanges.WithLength(scenario, "365d").Spec;
        _cluster = await SimulationCluster.StartSiloAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _cluster.DisposeAsync();

    [Benchmark]
    public Task<RunResult> AlmaWill_4_weeks_through_grains() => _cluster.RunAsync(_fourWeeks);

    [Benchmark]
    public Task<RunResult> AlmaWill_1_year_through_grains() => _cluster.RunAsync(_year);

    [Benchmark(OperationsPerInvoke = PartnerHoursPerYear)]
    public RunResult AlmaWill_1_year_direct_per_partner_hour() => CoupleSimulation.Run(_year);

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Simulation.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("run the benchmarks from inside the repository");
    }
}
