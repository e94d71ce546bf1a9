using Simulation.Model;
using Simulation.Reports;

namespace Simulation.Grains.Tests;

/// <summary>
/// The same runs on a cluster of two silos: couples spread over both, forks copied across silos, and every
/// run's files byte for byte those of the direct runner, whatever silo ran it or the order runs finished.
/// </summary>
[Collection(TwoSiloCollection.Name)]
public sealed class TwoSiloTests(TwoSiloClusterFixture fixture)
{
    private readonly IClusterClient _grains = fixture.Client;

    [Fact]
    public async Task Runs_spread_over_both_silos_give_the_direct_runners_bytes()
    {
        var specs = Enumerable.Range(1, 12).Select(i => Couples.Make(1 + i % 6, 1 + (i * 5) % 6, 2 + i % 5, 1 + (i * 3) % 6, (ulong)i, hours: 24 * 8)).ToArray();
        var ids = specs.Select(_ => CoupleRuns.NewRunId()).ToArray();
        var couples = ids.Select(id => _grains.GetGrain<ICoupleGrain>(id)).ToArray();
        await Task.WhenAll(couples.Zip(specs, (c, s) => c.StartAsync(s).AsTask()));

        var management = _grains.GetGrain<IManagementGrain>(0);
        var silos = new HashSet<SiloAddress>();
        foreach (var c in couples) silos.Add((await management.GetActivationAddress(c))!);
        Assert.Equal(2, silos.Count); // random placement over 12 runs: both silos (chance of not: 2 × 2^-12)

        // All at once, each in uneven batches, so they finish in no particular order.
        var results = await Task.WhenAll(couples.Select(async (c, i) =>
        {
            for (int done = 0; done < specs[i].Hours; done += 17 + i) await c.StepAsync(17 + i);
            var run = await c.GetResultAsync();
            await c.ReleaseAsync();
            return run;
        }));
        for (int i = 0; i < specs.Length; i++)
        {
            var direct = CoupleSimulation.Run(specs[i]);
            Assert.Equal(CsvWriters.Timeline(direct), CsvWriters.Timeline(results[i]));
            Assert.Equal(CsvWriters.Events(direct), CsvWriters.Events(results[i]));
        }
    }

    [Fact]
    public async Task A_fork_copied_to_the_other_silo_goes_on_exactly_like_its_original()
    {
        var spec = Couples.Make(6, 2, 2, 5.5, 5, hours: 24 * 6);
        var management = _grains.GetGrain<IManagementGrain>(0);
        var original = _grains.GetGrain<ICoupleGrain>(CoupleRuns.NewRunId());
        await original.StartAsync(spec);
        await original.StepAsync(40);
        var home = await management.GetActivationAddress(original);

        // Fork until a copy lands on the other silo (random placement: a coin toss each time).
        ICoupleGrain? away = null;
        var tried = new List<ICoupleGrain>();
        for (int i = 0; i < 40 && away is null; i++)
        {
            var fork = _grains.GetGrain<ICoupleGrain>(CoupleRuns.NewRunId());
            await original.ForkAsync(fork.GetPrimaryKeyString());
            if (!Equals(await management.GetActivationAddress(fork), home)) away = fork;
            else tried.Add(fork);
        }
        Assert.NotNull(away);

        await original.StepAsync(1000);
        await away.StepAsync(1000);
        var a = await original.GetResultAsync();
        var b = await away.GetResultAsync();
        Assert.Equal(CsvWriters.Timeline(CoupleSimulation.Run(spec)), CsvWriters.Timeline(a));
        Assert.Equal(CsvWriters.Timeline(a), CsvWriters.Timeline(b));
        Assert.Equal(CsvWriters.Events(a), CsvWriters.Events(b));
        foreach (var c in tried.Append(away).Append(original)) await c.ReleaseAsync();
    }
}
