using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Simulation.Runtime;

namespace Simulation.Benchmarks;

/// <summary>Calls through grain references: per-call cost sequentially, and throughput across many grains.</summary>
[MemoryDiagnoser]
public class RuntimeCallBenchmarks
{
    private const int SequentialCalls = 10_000;
    private const int ConcurrentCalls = 200_000;
    private const int Grains = 1_000;

    private GrainHost _host = null!;
    private IBenchEchoGrain _one = null!;
    private IBenchEchoGrain[] _many = null!;
    private IBenchCoupleGrain _couple = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new GrainHostBuilder().AddGrainsFromAssembly(typeof(RuntimeCallBenchmarks).Assembly).Build();
        _host.StartAsync().GetAwaiter().GetResult();
        _one = _host.Client.GetGrain<IBenchEchoGrain>(0);
        _many = Enumerable.Range(1, Grains).Select(i => _host.Client.GetGrain<IBenchEchoGrain>(i)).ToArray();
        _couple = _host.Client.GetGrain<IBenchCoupleGrain>("couple");
        foreach (var grain in _many.Append(_one))
        {
            grain.EchoAsync(0).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One caller, one grain, ValueTask&lt;long&gt; method: the idle fast path.</summary>
    [Benchmark(OperationsPerInvoke = SequentialCalls)]
    public async Task<long> Sequential_ValueTask_call()
    {
        long sum = 0;
        for (var i = 0; i < SequentialCalls; i++)
        {
            sum += await _one.EchoAsync(i);
        }

        return sum;
    }

    /// <summary>Same with a Task&lt;long&gt; method.</summary>
    [Benchmark(OperationsPerInvoke = SequentialCalls)]
    public async Task<long> Sequential_Task_call()
    {
        long sum = 0;
        for (var i = 0; i < SequentialCalls; i++)
        {
            sum += await _one.EchoTaskAsync(i);
        }

        return sum;
    }

    /// <summary>A grain calling another grain sequentially (grain-to-grain, as the couple grain does).</summary>
    [Benchmark(OperationsPerInvoke = SequentialCalls)]
    public ValueTask<long> Sequential_grain_to_grain_call() => _couple.CallEchoAsync(SequentialCalls);

    /// <summary>A grain whose method awaits once: every call is queued and completes asynchronously.</summary>
    [Benchmark(OperationsPerInvoke = SequentialCalls)]
    public async Task<long> Sequential_call_that_yields()
    {
        long sum = 0;
        for (var i = 0; i < SequentialCalls; i++)
        {
            sum += await _one.EchoAfterYieldAsync(i);
        }

        return sum;
    }

    /// <summary>One caller per core, each calling its own share of 1,000 grains.</summary>
    [Benchmark(OperationsPerInvoke = ConcurrentCalls)]
    public Task Concurrent_calls_many_grains() => RunConcurrently(static (g, i) => g.EchoAsync(i));

    /// <summary>As above, but every call yields inside the grain (queued path, thread-pool hops).</summary>
    [Benchmark(OperationsPerInvoke = ConcurrentCalls / 10)]
    public Task Concurrent_yielding_calls_many_grains() => RunConcurrently(static (g, i) => g.EchoAfterYieldAsync(i), ConcurrentCalls / 10);

    /// <summary>8 callers on one grain: turns queue behind each other.</summary>
    [Benchmark(OperationsPerInvoke = SequentialCalls)]
    public Task Contended_calls_one_grain() =>
        Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < SequentialCalls / 8; i++)
            {
                await _one.EchoAsync(i);
            }
        })));

    /// <summary>A simulated year (8,760 hours) of one couple: 4 grain-to-grain calls per hour.</summary>
    [Benchmark]
    public ValueTask<int> Couple_year_of_hourly_ticks() => _couple.RunAsync(8_760);

    private Task RunConcurrently(Func<IBenchEchoGrain, long, ValueTask<long>> call, int calls = ConcurrentCalls)
    {
        var workers = Environment.ProcessorCount;
        var perWorker = calls / workers;
        var share = _many.Length / workers;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                await call(_many[w * share + i % share], i);
            }
        })));
    }
}

/// <summary>
/// Latency of single sequential calls. BenchmarkDotNet's columns give the per-iteration statistics; the cleanup
/// also prints the median and p99 of individually timed calls (Stopwatch around each call, ~20 ns of it overhead).
/// </summary>
[MemoryDiagnoser]
[AllStatisticsColumn]
public class RuntimeLatencyBenchmarks
{
    private const int Calls = 10_000;
    private const int MaxSamples = 4_000_000;

    private readonly long[] _samples = new long[MaxSamples];
    private int _count;
    private GrainHost _host = null!;
    private IBenchEchoGrain _grain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new GrainHostBuilder().AddGrain<BenchEchoGrain>().Build();
        _host.StartAsync().GetAwaiter().GetResult();
        _grain = _host.Client.GetGrain<IBenchEchoGrain>(1);
        _grain.EchoAsync(0).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_count == 0)
        {
            return;
        }

        var samples = _samples[.._count];
        Array.Sort(samples);
        double Ns(double quantile) => samples[(int)Math.Min(samples.Length - 1, quantile * samples.Length)] * 1e9 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// Per-call latency over {samples.Length} calls: median {Ns(0.5):F0} ns, p99 {Ns(0.99):F0} ns, p99.9 {Ns(0.999):F0} ns, max {Ns(1):F0} ns"));
    }

    [Benchmark]
    public ValueTask<long> Single_call() => _grain.EchoAsync(1);

    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task Timed_sequential_calls()
    {
        for (var i = 0; i < Calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await _grain.EchoAsync(i);
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (_count < MaxSamples)
            {
                _samples[_count++] = elapsed;
            }
        }
    }
}

/// <summary>
/// Cost of activations: time and allocation per first call to a new grain (includes its reference), and, printed
/// at cleanup, the memory retained per live activation with references dropped.
/// </summary>
[MemoryDiagnoser]
public class RuntimeActivationBenchmarks
{
    private const int Activations = 1_000;

    private GrainHost _host = null!;
    private long _nextKey;

    [GlobalSetup]
    public void Setup()
    {
        _host = new GrainHostBuilder().AddGrain<BenchEchoGrain>().Build();
        _host.StartAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void DropActivations() => _host.CollectIdleActivationsAsync(TimeSpan.Zero).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.CollectIdleActivationsAsync(TimeSpan.Zero).GetAwaiter().GetResult();
        const int live = 100_000;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        ActivateMany(live);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var grainObject = 24; // BenchEchoGrain: object header, method table, Grain._activation, _calls
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// Retained per live activation ({_host.ActivationCount} live, references dropped): {(after - before) / (double)live:F0} B, of which the grain object {grainObject + 8} B"));
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Activations)]
    public void Activate_new_grain_with_first_call() => ActivateMany(Activations);

    private void ActivateMany(int count)
    {
        for (var i = 0; i < count; i++)
        {
            // Completes synchronously: activation and call run inline on this thread.
            var result = _host.Client.GetGrain<IBenchEchoGrain>(Interlocked.Increment(ref _nextKey)).EchoAsync(1);
            if (!result.IsCompletedSuccessfully)
            {
                result.AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
