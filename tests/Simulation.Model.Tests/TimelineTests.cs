using System.Collections.Immutable;
using Simulation.Model;

namespace Simulation.Model.Tests;

public sealed class TimelineTests
{
    private static readonly DateTime Start = new(2026, 3, 7, 8, 0, 0);

    private static PartnerSnapshot Snap(int tick, int partner) =>
        new(tick * 0.001 - partner, tick % 7, partner, tick % 3 == partner, 1 + tick % 6, 7 - partner,
            new Circumstances(tick % 5 * 0.1, 1 - partner * 0.5, tick % 2, tick % 24 < 7));

    private static TickRecord Record(int tick) =>
        new(tick, Start.AddHours(tick), tick / 2000.0, [Snap(tick, 0), Snap(tick, 1)]);

    [Fact]
    public void Every_hour_reads_back_as_it_was_added_across_block_boundaries()
    {
        int hours = 3 * Timeline.BlockHours + 5;
        var builder = new Timeline.Builder(Start);
        for (int t = 0; t < hours; t++) builder.Add(t / 2000.0, Snap(t, 0), Snap(t, 1));
        var timeline = builder.ToTimeline();

        Assert.Equal(hours, timeline.Length);
        Assert.Equal(Enumerable.Range(0, hours).Select(Record), timeline);
        foreach (int t in new[] { 0, Timeline.BlockHours - 1, Timeline.BlockHours, 2 * Timeline.BlockHours + 1, hours - 1 })
        {
            Assert.Equal(Record(t), timeline[t]);
            Assert.Equal(Start.AddHours(t), timeline.Time(t));
            Assert.Equal(t / 2000.0, timeline.Closeness(t));
            Assert.Equal(Snap(t, 1), timeline.Partner(t, 1));
        }
        Assert.Equal(Record(hours - 1), timeline[^1]);
    }

    [Fact]
    public void A_timeline_handed_out_does_not_change_when_the_run_goes_on()
    {
        var builder = new Timeline.Builder(Start);
        for (int t = 0; t < Timeline.BlockHours; t++) builder.Add(Record(t));
        var full = builder.ToTimeline();                 // exactly one full block
        builder.Add(Record(Timeline.BlockHours));
        var early = builder.ToTimeline();
        for (int t = Timeline.BlockHours + 1; t < Timeline.BlockHours + 20; t++) builder.Add(Record(t));

        Assert.Equal(Enumerable.Range(0, Timeline.BlockHours).Select(Record), full);
        Assert.Equal(Enumerable.Range(0, Timeline.BlockHours + 1).Select(Record), early);
        Assert.Equal(Timeline.BlockHours + 20, builder.ToTimeline().Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => early[Timeline.BlockHours + 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => early.Closeness(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => early.Time(Timeline.BlockHours + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => early.Partner(3, 2));
    }

    [Fact]
    public void A_restored_run_goes_on_from_a_copy_of_its_hours()
    {
        Timeline hours = [.. Enumerable.Range(0, 600).Select(Record)];
        var builder = new Timeline.Builder(Start, hours);
        builder.Add(Record(600));

        Assert.Equal(Enumerable.Range(0, 601).Select(Record), builder.ToTimeline());
        Assert.Equal(600, hours.Length);
        Assert.Throws<ArgumentException>(() => new Timeline.Builder(Start.AddHours(1), hours)); // another run's hours
        Assert.Equal(0, new Timeline.Builder(Start, Timeline.Empty).Count);
    }

    [Fact]
    public void The_relationship_closes_each_hour_into_the_timeline_at_its_own_time()
    {
        var spec = new CoupleSpec("t", Start, 30, 1, 0.5, [new PartnerSpec("a", "A", 6, 2), new PartnerSpec("b", "B", 2, 6)], [], [], []);
        var relationship = new Relationship(spec);
        var timeline = new Timeline.Builder(Start);
        var times = new List<DateTime>();
        while (!relationship.Finished)
        {
            times.Add(relationship.Time);
            timeline.Add(relationship.Close(), default, default);
        }
        var run = timeline.ToTimeline();
        Assert.Equal(times, Enumerable.Range(0, run.Length).Select(run.Time));
        Assert.Throws<ArgumentException>(() => timeline.Add(new Relationship(spec).Close(), default, default)); // hour 0 into a timeline of 30
    }

    [Fact]
    public void Records_must_be_the_runs_hours_in_order_with_two_partners()
    {
        var builder = new Timeline.Builder(Start);
        builder.Add(Record(0));
        Assert.Throws<ArgumentException>(() => builder.Add(Record(2)));                               // an hour left out
        Assert.Throws<ArgumentException>(() => builder.Add(Record(1) with { Time = Start.AddHours(2) })); // out of step with the clock
        Assert.Throws<ArgumentException>(() => builder.Add(Record(1) with { Partners = [Snap(1, 0)] }));  // one partner
        Assert.Equal(1, builder.Count);

        Timeline copy = [.. Enumerable.Range(0, 700).Select(Record)];
        Assert.Equal(Enumerable.Range(0, 700).Select(Record), copy);
        Assert.Equal(Snap(699, 0), copy.Partner(699, 0));
        Assert.Same(Timeline.Empty, Timeline.Create([]));
    }

    [Fact]
    public void Runs_in_reused_buffers_read_as_fresh_runs_whatever_ran_before()
    {
        // A long run, then a shorter one and another start: the blocks written over must read as the new run
        // alone (no hour of the year left past the shorter run's end, every time from the new start).
        CoupleSpec Spec(int hours, ulong seed, DateTime start) =>
            new("t", start, hours, seed, 0.5, [new PartnerSpec("a", "A", 6, 2), new PartnerSpec("b", "B", 2, 6)], [], [], []);
        var buffers = new RunBuffers();
        foreach (var spec in new[] { Spec(24 * 365, 1, Start), Spec(24 * 28, 2, Start.AddDays(3)), Spec(Timeline.BlockHours + 1, 3, Start), Spec(24 * 28, 2, Start.AddDays(3)) })
        {
            var fresh = CoupleSimulation.Run(spec);
            int hours = CoupleSimulation.Run(spec, buffers, lent =>
            {
                Assert.Equal(fresh.Timeline, lent.Timeline);
                Assert.True(fresh.Events.SequenceEqual(lent.Events), $"the events of the {spec.Hours}-hour run differ");
                return lent.Timeline.Length;
            });
            Assert.Equal(spec.Hours, hours);
        }
    }

    [Fact]
    public void Runs_in_reused_buffers_keep_each_runs_own_circumstances()
    {
        // A batch reuses the circumstance plans while the runs share their schedule and happenings: a run with other
        // traits must reuse them, a run with another schedule or happening must not (each must read as a fresh run).
        ImmutableArray<ScheduleWindow> work = [new(["b"], [DayOfWeek.Monday, DayOfWeek.Tuesday], new TimeOnly(9, 0), new TimeOnly(17, 0)) { Availability = 0.1, Stress = 0.6 }];
        ImmutableArray<ScheduleWindow> weekend = [new(["a", "b"], [DayOfWeek.Saturday], new TimeOnly(10, 0), new TimeOnly(22, 0)) { Leisure = 1 }];
        ImmutableArray<Happening> away = [new(Start.AddDays(2), ["a"], HappeningKind.Away) { Hours = 30 }];
        CoupleSpec Spec(double anxiety, ImmutableArray<ScheduleWindow> schedule, ImmutableArray<Happening> happenings) =>
            new("t", Start, 24 * 14, 7, 0.5, [new PartnerSpec("a", "A", anxiety, 2), new PartnerSpec("b", "B", 2, 6)], schedule, happenings, []);
        var buffers = new RunBuffers();
        var specs = new[] { Spec(6, work, []), Spec(3, work, []), Spec(6, weekend, []), Spec(6, weekend, away), Spec(6, work, []) };
        var plans = specs.Select(spec => CoupleSimulation.Run(spec, buffers, lent =>
        {
            var fresh = CoupleSimulation.Run(spec);
            Assert.Equal(fresh.Timeline, lent.Timeline);
            Assert.True(fresh.Events.SequenceEqual(lent.Events), "the events differ from a fresh run's");
            return buffers.PlansFor(spec);
        })).ToArray();
        Assert.Same(plans[0], plans[1]);    // other traits, the same schedule: reused
        Assert.NotSame(plans[1], plans[2]); // another schedule
        Assert.NotSame(plans[2], plans[3]); // another happening
        Assert.Equal(0.1, plans[4][1][50].Availability); // at work again on Monday at 10:00 (the run starts on Saturday at 8:00)
    }
}
