using BenchmarkDotNet.Attributes;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Benchmarks;

/// <summary>
/// Whether a partner-hour waits on its own chain of arithmetic (latency) or on the core's width (throughput):
/// the same eight four-week runs of Alma and Will on one thread, one after the other and stepped in turn, an hour
/// of each in round-robin. The runs are independent, so stepped in turn the core could overlap one run's chain with
/// the others'; if that made them faster, a sweep worker could run its batch so, with every run's bits unchanged.
/// One operation is the eight runs.
/// </summary>
/// <remarks>
/// Measured 2026-12-02 (docs/performance.md, "Sweeps"): two stepped in turn took 1.08 times as long as one after
/// the other, four 1.11 (a probe of the same loops, 30 rounds alternating: 1.04 and 1.08). The model fills the
/// core already; a faster run needs fewer instructions per hour, not more runs side by side.
/// </remarks>
public class InterleaveBenchmarks
{
    private const int Runs = 8;
    private CoupleSpec[] _specs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(ModelBenchmarks.RepositoryRoot(), "scenarios", "alma-will.yaml"));
        _specs = [.. Enumerable.Range(1, Runs).Select(seed => ScenarioChanges.WithSeed(scenario, (ulong)seed).Spec)];
    }

    [Benchmark(Baseline = true)]
    public int One_after_the_other()
    {
        int hours = 0;
        foreach (var spec in _specs)
        {
            var run = new CoupleSimulation(spec);
            var timeline = new Timeline.Builder(spec.Start);
            var events = new List<SimEvent>();
            while (!run.Finished) run.Step(timeline, events);
            hours += timeline.Count;
        }
        return hours;
    }

    [Benchmark]
    public int Two_stepped_in_turn() => SteppedInTurn(2);

    [Benchmark]
    public int Four_stepped_in_turn() => SteppedInTurn(4);

    private int SteppedInTurn(int together)
    {
        int hours = 0;
        for (int first = 0; first < _specs.Length; first += together)
        {
            var group = _specs.Skip(first).Take(together).ToArray();
            var runs = group.Select(spec => new CoupleSimulation(spec)).ToArray();
            var timelines = group.Select(spec => new Timeline.Builder(spec.Start)).ToArray();
            var events = group.Select(_ => new List<SimEvent>()).ToArray();
            for (bool any = true; any;)
            {
                any = false;
                for (int k = 0; k < runs.Length; k++)
                {
                    if (runs[k].Finished) continue;
                    runs[k].Step(timelines[k], events[k]);
                    any = true;
                }
            }
            hours += timelines.Sum(t => t.Count);
        }
        return hours;
    }
}
