using Simulation.Model;

namespace Simulation.Grains.Tests;

/// <summary>
/// Alma and Will's whole ordered pattern (domain.md): calm, close weekends; Will withdrawing within a
/// few hours of Sunday 18:00; Alma's distress rising; some protests from Sunday evening to Monday
/// morning answered and soothed, some not; Monday calls at work going unanswered; his call-back turned down.
/// Measured on each of ten seeds through the grains; at least eight must show every part.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AlmaWillTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_Sunday_evening_cycle_unfolds_in_order()
    {
        var runs = await Library.RunAllAsync(fixture.Client, Library.Load("alma-will"));
        var verdicts = runs.Select(Check).ToArray();
        int shown = verdicts.Count(v => v.Length == 0);
        Assert.True(shown >= 8, $"the whole pattern showed on {shown} of 10 seeds:\n" +
            string.Join("\n", verdicts.Select((v, i) => $"  seed {i + 1}: {(v.Length == 0 ? "all parts" : v)}")));
    }

    /// <summary>Empty when every part of the pattern shows; otherwise what is missing.</summary>
    private static string Check(RunResult run)
    {
        var missing = new List<string>();
        var alma = 0; var will = 1;
        var ticks = run.Timeline;
        bool Weekend(DateTime t) => t.DayOfWeek == DayOfWeek.Saturday && t.Hour >= 8
                                    || t.DayOfWeek == DayOfWeek.Sunday && t.Hour is >= 8 and < 18;
        var weekend = ticks.Where(t => Weekend(t.Time)).ToArray();
        double weekendCloseness = weekend.Average(t => t.Closeness);
        double weekendDistress = weekend.Average(t => t.Partners[alma].Distress);
        if (weekendCloseness < 0.5) missing.Add($"weekend closeness {weekendCloseness:0.00} < 0.5");
        if (weekendDistress > 0.8) missing.Add($"weekend distress {weekendDistress:0.00} > 0.8");

        int sundays = 0, withdrawals = 0, distressRises = 0;
        foreach (var sunday in ticks.Where(t => t.Time.DayOfWeek == DayOfWeek.Sunday && t.Time.Hour == 18))
        {
            sundays++;
            var evening = ticks.Where(t => t.Tick >= sunday.Tick && t.Tick < sunday.Tick + 12).ToArray();
            if (evening.Take(5).Any(t => t.Partners[will].Withdrawn) && !ticks[sunday.Tick - 1].Partners[will].Withdrawn) withdrawals++;
            if (evening.Max(t => t.Partners[alma].Distress) > weekendDistress + 0.3) distressRises++;
        }
        if (withdrawals < sundays - 1) missing.Add($"Will withdrew after {withdrawals} of {sundays} Sunday 18:00s");
        if (distressRises < sundays - 1) missing.Add($"Alma's distress rose after {distressRises} of {sundays}");

        // The episode of the case: Sunday evening until Will leaves for work on Monday.
        bool SundayEpisode(DateTime t) => t.DayOfWeek == DayOfWeek.Sunday && t.Hour >= 18
                                          || t.DayOfWeek == DayOfWeek.Monday && t.Hour < 9;
        var protests = run.Events.Where(e => e.Actor == "alma" && e.Kind == EventKinds.Protest && SundayEpisode(e.Time)).ToArray();
        if (!protests.Any(e => e.Outcome is Outcomes.Soothed or Outcomes.Answered)) missing.Add("no Sunday-evening protest answered");
        if (!protests.Any(e => e.Outcome is Outcomes.Rebuffed or Outcomes.Missed)) missing.Add("every Sunday-evening protest answered");

        bool MondayAtWork(DateTime t) => t.DayOfWeek == DayOfWeek.Monday && t.Hour is >= 9 and < 17;
        var calls = run.Events.Where(e => e.Actor == "alma" && e.Kind is EventKinds.Bid or EventKinds.Protest && MondayAtWork(e.Time)).ToArray();
        int answered = calls.Count(e => e.Outcome is Outcomes.Answered or Outcomes.Soothed);
        if (calls.Length == 0 || answered * 2 >= calls.Length) missing.Add($"Monday calls at work: {answered} of {calls.Length} answered");

        bool refusedCallback = run.Events.Any(e => e.Actor == "will" && e.Kind == EventKinds.Callback && e.Outcome == Outcomes.Refused);
        if (!refusedCallback) missing.Add("no call-back of Will's turned down");

        return string.Join("; ", missing);
    }
}
