using BenchmarkDotNet.Attributes;

namespace Simulation.Benchmarks;

/// <summary>
/// How much of its two cores this machine gives at the moment: the same arithmetic on one thread, and on two
/// threads at once. Where the two cores are the machine's own, both take the same time (the ratio is 1); a virtual
/// machine that shares its host gives less, and then every two-core figure here (the sweep's) is lower than its
/// one-core cost suggests. Run it next to the sweep benchmark to read the sweep's figure.
/// </summary>
public class MachineBenchmarks
{
    private const long Steps = 20_000_000;

    [Benchmark(Baseline = true)]
    public double One_thread() => Arithmetic(Steps);

    [Benchmark]
    public double Two_threads_at_once()
    {
        double other = 0;
        var thread = new Thread(() => other = Arithmetic(Steps));
        thread.Start();
        double mine = Arithmetic(Steps);
        thread.Join();
        return mine + other;
    }

    /// <summary>Eight independent chains of multiply-adds: the core's arithmetic, no memory.</summary>
    private static double Arithmetic(long steps)
    {
        double a = 1, b = 1.1, c = 1.2, d = 1.3, e = 1.4, f = 1.5, g = 1.6, h = 1.7;
        for (long i = 0; i < steps; i++)
        {
            a = a * 0.9999999 + 1e-9; b = b * 0.9999999 + 1e-9; c = c * 0.9999999 + 1e-9; d = d * 0.9999999 + 1e-9;
            e = e * 0.9999999 + 1e-9; f = f * 0.9999999 + 1e-9; g = g * 0.9999999 + 1e-9; h = h * 0.9999999 + 1e-9;
        }
        return a + b + c + d + e + f + g + h;
    }
}
