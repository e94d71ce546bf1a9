using Simulation.Model;

namespace Simulation.Grains.Tests;

/// <summary>
/// How the couple grain drives its partners, as the silo saw the calls (an incoming-call filter):
/// one call per partner per hour, both partners on the same hour, always from the couple, never from
/// the other partner — so there is no call cycle to deadlock on, whatever Orleans' scheduling.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LockstepTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Each_partner_gets_one_call_an_hour_from_its_couple_and_never_from_the_other_partner()
    {
        var spec = Couples.Make(6, 2, 2, 5.5, 7, hours: 24 * 10);
        string id = CoupleRuns.NewRunId();
        var couple = fixture.Client.GetGrain<ICoupleGrain>(id);
        await couple.StartAsync(spec);
        await couple.StepAsync(100);
        await couple.StepAsync(500); // stops at the run's 240 hours

        var calls = fixture.Calls.Of(id);
        Assert.All(calls, c => Assert.Equal("couple", c.Caller));

        var hours = new Dictionary<string, HourCall[]>();
        foreach (var partner in spec.Partners)
        {
            var mine = calls.Where(c => c.Partner == $"{id}/{partner.Id}").ToArray();
            Assert.Equal(nameof(IPartnerGrain.StartAsync), mine[0].Method);
            var hourCalls = mine.Skip(1).Select(c => Assert.IsType<HourCall>(c.Argument)).ToArray();
            Assert.Equal(mine.Length - 1, hourCalls.Length); // nothing but hour calls after the start

            // Hours 0…239 decided once each, in order; each settled once, in order, before the next is decided.
            Assert.Equal(Enumerable.Range(0, 240), hourCalls.Where(h => h.Next is not null).Select(h => h.Next!.Value.Tick));
            Assert.Equal(Enumerable.Range(0, 240), hourCalls.Where(h => h.Closed is not null).Select(h => h.Closed!.Value.Tick));
            Assert.All(hourCalls.Where(h => h.Closed is not null && h.Next is not null),
                h => Assert.Equal(h.Closed!.Value.Tick + 1, h.Next!.Value.Tick));
            // One call an hour, plus one settling call at the end of each of the two batches.
            Assert.Equal(240 + 2, hourCalls.Length);
            hours[partner.Id] = hourCalls;
        }

        // Lockstep: the k-th call of each partner is about the same hour.
        var (a, b) = (hours[spec.Partners[0].Id], hours[spec.Partners[1].Id]);
        Assert.Equal(a.Select(h => (h.Closed?.Tick, h.Next?.Tick)), b.Select(h => (h.Closed?.Tick, h.Next?.Tick)));
        await couple.ReleaseAsync();
    }

    [Fact]
    public async Task A_run_stepped_in_any_batches_gives_the_same_hours()
    {
        var spec = Couples.Make(5, 5.5, 3, 2, 12, hours: 24 * 9);
        var whole = await fixture.Client.RunAsync(spec);
        var couple = fixture.Client.GetGrain<ICoupleGrain>(CoupleRuns.NewRunId());
        await couple.StartAsync(spec);
        foreach (int n in new[] { 1, 1, 5, 23, 24, 100, 1000 }) await couple.StepAsync(n);
        var stepped = await couple.GetResultAsync();
        await couple.ReleaseAsync();

        Assert.Equal(whole.Timeline.AsEnumerable(), stepped.Timeline.AsEnumerable());
        Assert.Equal(whole.Events.AsEnumerable(), stepped.Events.AsEnumerable());
    }
}
