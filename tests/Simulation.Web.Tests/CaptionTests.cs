using Simulation.Model;

namespace Simulation.Web.Tests;

public sealed class CaptionTests
{
    private static readonly Dictionary<string, string> Names = new() { ["alma"] = "Alma", ["will"] = "Will" };
    private static readonly DateTime SundayEvening = new(2026, 3, 8, 18, 0, 0);

    [Theory]
    [InlineData(EventKinds.Withdraw, "", "", "work stress", "Sun 18:00 — Will withdraws (work stress)")]
    [InlineData(EventKinds.Return, "", "", "", "Sun 18:00 — Will comes back")]
    [InlineData(EventKinds.Bid, "alma", Outcomes.Answered, "wants contact", "Sun 18:00 — Will reaches out to Alma; Alma answers")]
    [InlineData(EventKinds.Protest, "alma", Outcomes.Missed, "distress", "Sun 18:00 — Will protests; not answered")]
    [InlineData(EventKinds.Protest, "alma", Outcomes.Soothed, "distress", "Sun 18:00 — Will protests; Alma answers and Will calms down")]
    [InlineData(EventKinds.Protest, "alma", Outcomes.Rebuffed, "distress", "Sun 18:00 — Will protests; Alma turns away")]
    [InlineData(EventKinds.Repair, "alma", Outcomes.Refused, "makes up", "Sun 18:00 — Will tries to repair; refused")]
    [InlineData(EventKinds.Callback, "alma", Outcomes.Accepted, "returns a missed call", "Sun 18:00 — Will calls back; accepted")]
    [InlineData(EventKinds.GiveUp, "alma", "", "5 bids unanswered", "Sun 18:00 — Will gives up for now (5 bids unanswered)")]
    [InlineData(EventKinds.Rejection, "alma", "", "turns the partner away", "Sun 18:00 — Will turns Alma away harshly")]
    [InlineData(EventKinds.Happening, "", "", "outside stress", "Sun 18:00 — Outside stress for Will")]
    [InlineData(EventKinds.Happening, "", "", "is away", "Sun 18:00 — Will is away")]
    [InlineData(EventKinds.Intervention, "", "", "starts stretching", "Sun 18:00 — Will starts stretching")]
    public void Says_what_happened_as_a_trainer_would(string kind, string target, string outcome, string reason, string caption) =>
        Assert.Equal(caption, Captions.For(new SimEvent(34, SundayEvening, "will", kind, target, outcome, reason), Names));

    [Theory]
    [InlineData(EventKinds.Protest, Outcomes.Rebuffed, "distress", Tones.Angry, "Sun 18:00 — Will protests angrily; Alma turns away")]
    [InlineData(EventKinds.Protest, Outcomes.Soothed, "distress", Tones.Pleading, "Sun 18:00 — Will pleads with Alma; Alma answers and Will calms down")]
    [InlineData(EventKinds.GiveUp, "", "3 bids unanswered", Tones.Angry, "Sun 18:00 — Will gives up and turns angry (3 bids unanswered)")]
    [InlineData(EventKinds.SendAway, "", "inconsolable", "", "Sun 18:00 — Will sends Alma away (inconsolable)")]
    public void Says_the_tone_and_the_inconsolable_turn(string kind, string outcome, string reason, string tone, string caption) =>
        Assert.Equal(caption, Captions.For(new SimEvent(34, SundayEvening, "will", kind, "alma", outcome, reason, tone), Names));

    [Fact]
    public void Unknown_ids_show_as_themselves() =>
        Assert.Equal("Sun 18:00 — sam withdraws", Captions.For(new SimEvent(0, SundayEvening, "sam", EventKinds.Withdraw, "", ""), Names));
}
