using BenchmarkDotNet.Running;

namespace Simulation.Benchmarks;

/// <summary>Runs the benchmarks picked by the arguments, e.g. <c>--filter '*Runtime*' --job short</c> (see docs/performance.md).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
