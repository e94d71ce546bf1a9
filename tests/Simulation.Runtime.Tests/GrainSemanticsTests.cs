using System.Diagnostics;

namespace Simulation.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GrainSemanticsTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Cluster.Client;

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task GetGrain_alone_activates_nothing()
    {
        await using var cluster = TestHost.Cluster(out var journal);
        await cluster.DeployAsync();

        var counter = cluster.Client.GetGrain<ICounterGrain>("a");

        Assert.NotNull(counter);
        Assert.Equal(0, cluster.Host.ActivationCount);
        Assert.Equal(0, journal.Constructed);
        await counter.SetAsync(1);
        Assert.Equal(1, cluster.Host.ActivationCount);
        Assert.Equal(1, journal.Constructed);
    }

    [Fact]
    public async Task First_call_runs_after_OnActivateAsync_completes()
    {
        var counter = Client.GetGrain<ICounterGrain>(NewKey());

        Assert.True(await counter.WasActivatedBeforeFirstCallAsync());
    }

    [Fact]
    public async Task Same_key_reaches_the_same_activation_and_other_keys_do_not()
    {
        var key = NewKey();
        await Client.GetGrain<ICounterGrain>(key).SetAsync(42);

        Assert.Equal(42, await Client.GetGrain<ICounterGrain>(key).GetAsync());
        Assert.Equal(0, await Client.GetGrain<ICounterGrain>(NewKey()).GetAsync());
        Assert.Equal(Client.GetGrain<ICounterGrain>(key), Client.GetGrain<ICounterGrain>(key));
        Assert.Equal(key, Client.GetGrain<ICounterGrain>(key).GetPrimaryKeyString());
    }

    [Fact]
    public async Task Concurrent_calls_to_a_non_reentrant_grain_never_interleave()
    {
        var probe = Client.GetGrain<IPlainProbeGrain>(Random.Shared.NextInt64());

        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => probe.WorkAsync(i)));

        Assert.Equal(Enumerable.Range(0, 12), ids);
        var log = await probe.LogAsync();
        Assert.Equal(12 * 5, log.Length);
        // Each request's enter, steps and exit are consecutive: nothing else ran in between, across its awaits.
        for (var i = 0; i < log.Length; i += 5)
        {
            var id = log[i].Split(' ')[1];
            Assert.Equal($"enter {id}", log[i]);
            Assert.Equal([$"step {id}", $"step {id}", $"step {id}", $"exit {id}"], log[(i + 1)..(i + 5)]);
        }

        Assert.Equal(1, await probe.MaxRequestsInsideAsync());
        Assert.Equal(1, await probe.MaxThreadsInsideAsync());
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_at_awaits_but_never_runs_two_threads_at_once()
    {
        var probe = Client.GetGrain<IReentrantProbeGrain>(Random.Shared.NextInt64());

        // Callers on several threads keep arriving while earlier requests' continuations run on the activation.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await Task.WhenAll(probe.WorkAsync(w * 100 + i), probe.WorkAsync(w * 100 + 50 + i));
            }
        })));

        Assert.True(await probe.MaxRequestsInsideAsync() > 1, "requests of a [Reentrant] grain should overlap across awaits");
        Assert.Equal(1, await probe.MaxThreadsInsideAsync());
    }

    [Fact]
    public async Task An_AlwaysInterleave_method_runs_while_a_request_waits_and_others_queue()
    {
        var probe = Client.GetGrain<IPlainProbeGrain>(Random.Shared.NextInt64());

        var hold = probe.HoldAsync();
        Assert.Equal(1, await probe.PeekAsync().WaitAsync(TimeSpan.FromSeconds(5)));
        var normal = probe.NormalAsync();
        await Task.Delay(50);
        Assert.False(normal.IsCompleted, "a normal call must wait for the held request");
        Assert.False(hold.IsCompleted);

        await probe.ReleaseAsync().WaitAsync(TimeSpan.FromSeconds(5));   // [AlwaysInterleave] too

        await hold.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await normal.WaitAsync(TimeSpan.FromSeconds(5)));   // ran only after Hold had left
    }

    [Fact]
    public async Task Eight_concurrent_callers_lose_no_increment()
    {
        var counter = Client.GetGrain<ICounterGrain>(NewKey());

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                await counter.IncrementAsync();
            }
        })));

        Assert.Equal(80_000, await counter.GetAsync());
    }

    [Fact]
    public async Task A_grain_exception_reaches_the_caller_with_its_type()
    {
        var counter = Client.GetGrain<ICounterGrain>(NewKey());

        var async = await Assert.ThrowsAsync<Boom>(() => counter.FailAsync("late"));
        var sync = await Assert.ThrowsAsync<Boom>(() => counter.FailSynchronouslyAsync("early"));

        Assert.Equal("late", async.Message);
        Assert.Equal("early", sync.Message);
        Assert.Equal(0, await counter.GetAsync());
    }

    [Fact]
    public async Task A_failing_OnActivateAsync_fails_the_call_and_the_next_call_tries_again()
    {
        var grain = Client.GetGrain<IFailingActivationGrain>(NewKey());
        var before = fixture.Journal.Entries.Count(e => e == "failing activation");

        await Assert.ThrowsAsync<Boom>(grain.GetAsync);
        await Assert.ThrowsAsync<Boom>(grain.GetAsync);

        Assert.Equal(before + 2, fixture.Journal.Entries.Count(e => e == "failing activation"));
    }

    [Fact]
    public async Task DeactivateOnIdle_drops_in_memory_state()
    {
        var key = NewKey();
        var counter = Client.GetGrain<ICounterGrain>(key);
        await counter.SetAsync(7);

        await counter.DeactivateAsync();
        await TestHost.WaitUntil(() => fixture.Journal.Entries.Contains($"deactivate {key} ApplicationRequested"));

        Assert.Equal(0, await counter.GetAsync());
        Assert.Equal(2, fixture.Journal.Entries.Count(e => e == $"activate {key}"));
    }

    [Fact]
    public async Task Many_activations_each_answer_correctly()
    {
        const int count = 100_000;
        await using var cluster = TestHost.Cluster(out _);
        await cluster.DeployAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            cluster.Client.GetGrain<IEchoGrain>(i).EchoAsync(1_000_000).AsTask()));

        Assert.Equal(count, cluster.Host.ActivationCount);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(1_000_000 + i, answers[i]);
        }
    }
}

public sealed class TimeoutTests
{
    [Fact]
    public async Task A_cycle_of_non_reentrant_grains_fails_with_TimeoutException_within_the_response_timeout()
    {
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var cluster = TestHost.Cluster(out _, o => o.ResponseTimeout = timeout);
        await cluster.DeployAsync();
        var a = cluster.Client.GetGrain<IPlainPingGrain>("a");
        var b = cluster.Client.GetGrain<IPongGrain>("b");

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => a.PingAsync(b));
        watch.Stop();

        Assert.InRange(watch.Elapsed, timeout * 0.9, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task The_same_cycle_completes_when_one_side_is_reentrant()
    {
        await using var cluster = TestHost.Cluster(out _, o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        await cluster.DeployAsync();
        var a = cluster.Client.GetGrain<IReentrantPingGrain>("a");
        var b = cluster.Client.GetGrain<IPongGrain>("b");

        Assert.Equal("ping>pong>ack", await a.PingAsync(b));
    }
}

public sealed class CollectionAndTimerTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Collect_now_drops_activations_idle_for_the_collection_age_only()
    {
        var clock = new ManualTimeProvider();
        // A long quantum keeps the periodic collector out of the way: only "collect now" acts here.
        await using var cluster = TestHost.Cluster(out var journal, o => o.CollectionQuantum = TimeSpan.FromDays(1), clock);
        await cluster.DeployAsync();
        var counter = cluster.Client.GetGrain<ICounterGrain>("idle");
        await counter.SetAsync(5);

        clock.Advance(Minute * 13);
        Assert.Equal(0, await cluster.Host.CollectIdleActivationsAsync());
        Assert.Equal(5, await counter.GetAsync());     // the call counts as activity: idle again from minute 13

        clock.Advance(Minute * 15);
        Assert.Equal(1, await cluster.Host.CollectIdleActivationsAsync());

        Assert.Equal(0, cluster.Host.ActivationCount);
        Assert.Contains("deactivate idle ActivationIdle", journal.Entries);
        Assert.Equal(0, await counter.GetAsync());
    }

    [Fact]
    public async Task The_collector_runs_every_quantum_on_the_host_clock()
    {
        var clock = new ManualTimeProvider();
        await using var cluster = TestHost.Cluster(out _, clock: clock);
        await cluster.DeployAsync();
        var counter = cluster.Client.GetGrain<ICounterGrain>("collected");
        await counter.SetAsync(5);

        clock.Advance(Minute * 10);
        Assert.Equal(1, cluster.Host.ActivationCount);

        clock.Advance(Minute * 6);
        await TestHost.WaitUntil(() => cluster.Host.ActivationCount == 0);
        Assert.Equal(0, await counter.GetAsync());
    }

    [Fact]
    public async Task Timers_tick_on_the_host_clock_never_overlap_and_stop_with_deactivation()
    {
        var clock = new ManualTimeProvider();
        await using var cluster = TestHost.Cluster(out var journal, clock: clock);
        await cluster.DeployAsync();
        var id = Guid.NewGuid();
        var ticker = cluster.Client.GetGrain<ITickerGrain>(id);
        await ticker.StartAsync(holdTicks: false);

        for (var i = 1; i <= 3; i++)
        {
            clock.Advance(Minute);
            Assert.Equal(i, await ticker.TicksAsync());   // queued behind the tick, so it sees it
        }

        await ticker.DeactivateAsync();
        await TestHost.WaitUntil(() => cluster.Host.ActivationCount == 0);
        var ticksBefore = journal.Entries.Count(e => e == $"tick {id:N}");
        clock.Advance(Minute * 10);
        await Task.Delay(50);
        Assert.Equal(ticksBefore, journal.Entries.Count(e => e == $"tick {id:N}"));
        Assert.Equal(3, ticksBefore);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task Timer_ticks_keep_an_activation_from_collection_only_with_KeepAlive(bool keepAlive, int collected)
    {
        var clock = new ManualTimeProvider();
        await using var cluster = TestHost.Cluster(out var journal, o => o.CollectionQuantum = TimeSpan.FromDays(1), clock);
        await cluster.DeployAsync();
        var id = Guid.NewGuid();
        var ticker = cluster.Client.GetGrain<ITickerGrain>(id);
        await ticker.StartAsync(holdTicks: false, keepAlive);

        for (var i = 1; i <= 20; i++)
        {
            clock.Advance(Minute);
            await TestHost.WaitUntil(() => journal.Entries.Count(e => e == $"tick {id:N}") == i);
            await cluster.Host.CollectIdleActivationsAsync(TimeSpan.FromDays(1));   // refreshes the host clock only
        }

        Assert.Equal(collected, await cluster.Host.CollectIdleActivationsAsync());
    }

    [Fact]
    public async Task A_timer_period_counts_from_the_end_of_the_previous_tick()
    {
        var clock = new ManualTimeProvider();
        await using var cluster = TestHost.Cluster(out var journal, clock: clock);
        await cluster.DeployAsync();
        var id = Guid.NewGuid();
        var ticker = cluster.Client.GetGrain<ITickerGrain>(id);
        await ticker.StartAsync(holdTicks: true);
        int Ticks() => journal.Entries.Count(e => e == $"tick {id:N}");

        clock.Advance(Minute);
        await TestHost.WaitUntil(() => Ticks() == 1);
        clock.Advance(Minute * 10);                       // the first tick is still running: no second one
        await Task.Delay(50);
        Assert.Equal(1, Ticks());

        await ticker.ReleaseTickAsync();
        Assert.Equal(1, await ticker.TicksAsync());
        clock.Advance(Minute);
        await TestHost.WaitUntil(() => Ticks() == 2);
        await ticker.ReleaseTickAsync();
        Assert.Equal(1, await ticker.MaxOverlapAsync());

        await ticker.StopTimerAsync();
        clock.Advance(Minute * 5);
        await Task.Delay(50);
        Assert.Equal(2, Ticks());
    }
}

internal static class TestHost
{
    public static Testing.InProcessTestCluster Cluster(out Journal journal, Action<GrainHostOptions>? options = null, TimeProvider? clock = null)
    {
        journal = new Journal();
        var builder = AddTestGrains(new Testing.InProcessTestClusterBuilder()).AddSingleton(journal);
        if (options is not null)
        {
            builder.Configure(options);
        }

        if (clock is not null)
        {
            builder.UseTimeProvider(clock);
        }

        return builder.Build();
    }

    /// <summary>The well-formed test grains (the assembly also holds deliberately malformed ones).</summary>
    public static Testing.InProcessTestClusterBuilder AddTestGrains(Testing.InProcessTestClusterBuilder builder) => builder
        .AddGrain<CounterGrain>()
        .AddGrain<PlainProbeGrain>()
        .AddGrain<ReentrantProbeGrain>()
        .AddGrain<PingGrain>()
        .AddGrain<PongGrain>()
        .AddGrain<ReentrantPingGrain>()
        .AddGrain<TickerGrain>()
        .AddGrain<EchoGrain>()
        .AddGrain<FailingActivationGrain>();

    public static async Task WaitUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(5))
            {
                throw new TimeoutException("condition not reached within 5 s");
            }

            await Task.Delay(5);
        }
    }
}
