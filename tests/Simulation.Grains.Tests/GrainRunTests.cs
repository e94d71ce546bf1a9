using System.Collections.Immutable;
using Simulation.Model;

namespace Simulation.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GrainRunTests(ClusterFixture fixture)
{
    private readonly IClusterClient _grains = fixture.Client;

    [Theory]
    [InlineData(6.0, 2.0, 2.0, 5.5, 7UL)]
    [InlineData(6.0, 6.0, 2.0, 2.0, 3UL)]
    [InlineData(2.0, 2.0, 2.0, 2.0, 11UL)]
    public async Task Grain_path_gives_the_direct_runners_trajectory(double a1, double v1, double a2, double v2, ulong seed)
    {
        var spec = Couples.Make(a1, v1, a2, v2, seed);
        var viaGrains = await _grains.RunAsync(spec);
        var direct = CoupleSimulation.Run(spec);

        Assert.Equal(direct.Timeline.Length, viaGrains.Timeline.Length);
        Assert.Equal(direct.Timeline.AsEnumerable(), viaGrains.Timeline.AsEnumerable());
        Assert.Equal(direct.Events.AsEnumerable(), viaGrains.Events.AsEnumerable());
    }

    [Fact]
    public async Task Same_spec_and_seed_give_identical_runs_and_another_seed_does_not()
    {
        var spec = Couples.Make(6, 2, 2, 5.5, 42);
        var one = await _grains.RunAsync(spec);
        var two = await _grains.RunAsync(spec);
        var other = await _grains.RunAsync(spec with { Seed = 43 });

        Assert.Equal(one.Timeline.AsEnumerable(), two.Timeline.AsEnumerable());
        Assert.Equal(one.Events.AsEnumerable(), two.Events.AsEnumerable());
        Assert.NotEqual(one.Timeline.Select(t => t.Closeness), other.Timeline.Select(t => t.Closeness));
    }

    [Fact]
    public async Task Random_couples_stay_in_bounds()
    {
        var rng = new Rng(2026);
        for (int i = 0; i < 40; i++)
        {
            double Score() => 1 + 6 * rng.NextDouble();
            var spec = Couples.Make(Score(), Score(), Score(), Score(), rng.Next(), hours: 24 * 10,
                wound: rng.Chance(0.5) ? Wound.Early : Wound.Late);
            var run = await _grains.RunAsync(spec);

            Assert.Equal(spec.Hours, run.Timeline.Length);
            foreach (var t in run.Timeline)
            {
                Assert.InRange(t.Closeness, 0, 1);
                foreach (var p in t.Partners)
                {
                    Assert.InRange(p.Stance, -1, 1);
                    Assert.True(double.IsFinite(p.Distress) && p.Distress >= 0, $"distress {p.Distress}");
                    Assert.True(double.IsFinite(p.Hurt) && p.Hurt >= 0, $"hurt {p.Hurt}");
                    Assert.InRange(p.Anxiety, 1, 7);
                    Assert.InRange(p.Avoidance, 1, 7);
                }
            }
        }
    }

    [Theory]
    [InlineData(6.0, 2.0, 2.0, 5.5, 5UL)]
    [InlineData(5.0, 5.5, 3.0, 2.0, 9UL)]
    public async Task Swapping_the_partners_in_the_file_gives_each_the_same_trajectory(double a1, double v1, double a2, double v2, ulong seed)
    {
        var spec = Couples.Make(a1, v1, a2, v2, seed);
        var run = await _grains.RunAsync(spec);
        var swapped = await _grains.RunAsync(Couples.Swapped(spec));

        Assert.Equal(run.Timeline.Select(t => t.Closeness), swapped.Timeline.Select(t => t.Closeness));
        Assert.Equal(run.Timeline.Select(t => t.Partners[0]), swapped.Timeline.Select(t => t.Partners[1]));
        Assert.Equal(run.Timeline.Select(t => t.Partners[1]), swapped.Timeline.Select(t => t.Partners[0]));
        Assert.Equal(Sorted(run.Events).AsEnumerable(), Sorted(swapped.Events).AsEnumerable());
    }

    private static ImmutableArray<SimEvent> Sorted(ImmutableArray<SimEvent> events) =>
        [.. events.OrderBy(e => e.Tick).ThenBy(e => e.Actor, StringComparer.Ordinal).ThenBy(e => e.Kind, StringComparer.Ordinal)];

    [Fact]
    public async Task A_fork_continues_exactly_like_the_original_until_something_is_changed()
    {
        var spec = Couples.Make(6, 2, 2, 5.5, 21);
        var grains = _grains;
        var original = grains.GetGrain<ICoupleGrain>(CoupleRuns.NewRunId());
        await original.StartAsync(spec);
        await original.StepAsync(36); // Sunday 20:00, Will under work stress

        string same = CoupleRuns.NewRunId(), stretched = CoupleRuns.NewRunId();
        await original.ForkAsync(same);
        await original.ForkAsync(stretched);
        await grains.GetGrain<ICoupleGrain>(stretched).ApplyAsync(new InterventionChange(InterventionKind.Stretch, ["bob"]));

        await original.StepAsync(200);
        await grains.GetGrain<ICoupleGrain>(same).StepAsync(200);
        await grains.GetGrain<ICoupleGrain>(stretched).StepAsync(200);
        var a = await original.GetResultAsync();
        var b = await grains.GetGrain<ICoupleGrain>(same).GetResultAsync();
        var c = await grains.GetGrain<ICoupleGrain>(stretched).GetResultAsync();

        Assert.Equal(a.Timeline.AsEnumerable(), b.Timeline.AsEnumerable());
        Assert.Equal(a.Events.AsEnumerable(), b.Events.AsEnumerable());
        Assert.Equal(a.Timeline.Take(36), c.Timeline.Take(36));
        Assert.NotEqual(a.Timeline.Skip(36).Select(t => t.Closeness), c.Timeline.Skip(36).Select(t => t.Closeness));
        Assert.Contains(c.Events, e => e.Tick == 36 && e.Kind == EventKinds.Intervention && e.Actor == "bob");

        foreach (var id in new[] { same, stretched }) await grains.GetGrain<ICoupleGrain>(id).ReleaseAsync();
        await original.ReleaseAsync();
    }

    [Fact]
    public async Task Bad_changes_are_refused_with_their_reason()
    {
        var couple = _grains.GetGrain<ICoupleGrain>(CoupleRuns.NewRunId());
        await couple.StartAsync(Couples.Make(6, 2, 2, 5.5, 1));

        await Assert.ThrowsAsync<ArgumentException>(() => couple.ApplyAsync(new InterventionChange(InterventionKind.Stretch, ["nobody"])).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => couple.ApplyAsync(new TraitChange("ann", Anxiety: 9)).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => couple.StartAsync(Couples.Make(6, 2, 2, 5.5, 1)).AsTask());
        await couple.ReleaseAsync();
    }

    [Fact]
    public async Task Released_runs_lose_their_state()
    {
        var couple = _grains.GetGrain<ICoupleGrain>(CoupleRuns.NewRunId());
        await couple.StartAsync(Couples.Make(6, 2, 2, 5.5, 1));
        await couple.StepAsync(5);
        await couple.ReleaseAsync();
        await Assert.ThrowsAsync<RunNotStartedException>(() => couple.StepAsync(1).AsTask());
    }
}
