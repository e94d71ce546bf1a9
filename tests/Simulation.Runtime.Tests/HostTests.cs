namespace Simulation.Runtime.Tests;

public interface IBadReturnGrain : IGrainWithStringKey
{
    int NotATask();
}

public sealed class BadReturnGrain : Grain, IBadReturnGrain
{
    public int NotATask() => 1;
}

public interface INeedsServiceGrain : IGrainWithStringKey
{
    Task<string> NameAsync();
}

public sealed class Greeting(string text)
{
    public string Text { get; } = text;
}

public sealed class NeedsServiceGrain(Greeting greeting, IGrainFactory factory) : Grain, INeedsServiceGrain
{
    public Task<string> NameAsync() => Task.FromResult($"{greeting.Text} {this.GetPrimaryKeyString()} {factory is not null}");
}

public sealed class HostTests
{
    [Fact]
    public void Build_rejects_a_grain_method_that_does_not_return_a_task()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new GrainHostBuilder().AddGrain<BadReturnGrain>().Build());

        Assert.Contains("IBadReturnGrain.NotATask", error.Message);
    }

    [Fact]
    public void AddGrainsFromAssembly_registers_every_grain_class_and_so_meets_the_malformed_one()
    {
        var builder = new GrainHostBuilder().AddGrainsFromAssembly(typeof(HostTests).Assembly);

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("IBadReturnGrain.NotATask", error.Message);
    }

    [Fact]
    public void Build_rejects_a_grain_whose_constructor_cannot_be_satisfied()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new GrainHostBuilder().AddGrain<NeedsServiceGrain>().Build());

        Assert.Contains("Greeting greeting", error.Message);
    }

    [Fact]
    public async Task Grain_constructors_get_registered_singletons_and_the_grain_factory()
    {
        await using var host = new GrainHostBuilder().AddGrain<NeedsServiceGrain>().AddSingleton(new Greeting("hello")).Build();
        await host.StartAsync();

        Assert.Equal("hello x True", await host.Client.GetGrain<INeedsServiceGrain>("x").NameAsync());
    }

    [Fact]
    public async Task Calls_before_start_and_after_stop_fail_and_stop_deactivates_every_activation()
    {
        var journal = new Journal();
        await using var host = new GrainHostBuilder().AddGrain<CounterGrain>().AddSingleton(journal).Build();
        var counter = host.Client.GetGrain<ICounterGrain>("s");

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await counter.GetAsync());
        await host.StartAsync();
        await counter.SetAsync(3);
        await host.StopAsync();

        Assert.Contains("deactivate s ShuttingDown", journal.Entries);
        Assert.Equal(0, host.ActivationCount);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await counter.GetAsync());
    }

    [Fact]
    public async Task GetGrain_for_an_unregistered_interface_says_what_to_register()
    {
        await using var host = new GrainHostBuilder().AddGrain<EchoGrain>().Build();

        var error = Assert.Throws<ArgumentException>(() => host.Client.GetGrain<ICounterGrain>("x"));

        Assert.Contains("ICounterGrain", error.Message);
    }

    [Fact]
    public void Grains_are_only_created_by_the_host()
    {
        var grain = new EchoGrain();

        Assert.Throws<InvalidOperationException>(() => grain.GetPrimaryKeyLong());
    }
}
