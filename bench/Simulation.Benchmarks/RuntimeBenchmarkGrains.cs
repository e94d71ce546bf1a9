using Simulation.Runtime;

namespace Simulation.Benchmarks;

public interface IBenchEchoGrain : IGrainWithIntegerKey
{
    ValueTask<long> EchoAsync(long value);

    Task<long> EchoTaskAsync(long value);

    /// <summary>Yields once before answering, so every call takes the queued (asynchronous) path.</summary>
    ValueTask<long> EchoAfterYieldAsync(long value);
}

public sealed class BenchEchoGrain : Grain, IBenchEchoGrain
{
    private long _calls;

    public ValueTask<long> EchoAsync(long value) => ValueTask.FromResult(value + ++_calls);

    public Task<long> EchoTaskAsync(long value) => Task.FromResult(value + ++_calls);

    public async ValueTask<long> EchoAfterYieldAsync(long value)
    {
        await Task.Yield();
        return value + ++_calls;
    }
}

/// <summary>A partner in the shape the simulation uses: decide a move, then receive the other's move.</summary>
public interface IBenchPartnerGrain : IGrainWithStringKey
{
    ValueTask<double> DecideAsync(int hour);

    ValueTask ReceiveAsync(int hour, double otherMove);
}

public sealed class BenchPartnerGrain : Grain, IBenchPartnerGrain
{
    private double _closeness = 0.5;

    public ValueTask<double> DecideAsync(int hour) => ValueTask.FromResult(_closeness * 0.9 + (hour % 24) * 0.001);

    public ValueTask ReceiveAsync(int hour, double otherMove)
    {
        _closeness = Math.Clamp((_closeness + otherMove) / 2, 0, 1);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Drives two partner grains in lockstep hours, as the couple grain does: grain-to-grain calls only.</summary>
public interface IBenchCoupleGrain : IGrainWithStringKey
{
    ValueTask<int> RunAsync(int hours);

    ValueTask<long> CallEchoAsync(int calls);
}

public sealed class BenchCoupleGrain : Grain, IBenchCoupleGrain
{
    public async ValueTask<int> RunAsync(int hours)
    {
        var key = this.GetPrimaryKeyString();
        var a = GrainFactory.GetGrain<IBenchPartnerGrain>(key + "/a");
        var b = GrainFactory.GetGrain<IBenchPartnerGrain>(key + "/b");
        for (var hour = 0; hour < hours; hour++)
        {
            var moveA = a.DecideAsync(hour);
            var moveB = b.DecideAsync(hour);
            var ma = await moveA;
            var mb = await moveB;
            var receiveA = a.ReceiveAsync(hour, mb);
            var receiveB = b.ReceiveAsync(hour, ma);
            await receiveA;
            await receiveB;
        }

        return hours;
    }

    public async ValueTask<long> CallEchoAsync(int calls)
    {
        var echo = GrainFactory.GetGrain<IBenchEchoGrain>(-1);
        long sum = 0;
        for (var i = 0; i < calls; i++)
        {
            sum += await echo.EchoAsync(i);
        }

        return sum;
    }
}
