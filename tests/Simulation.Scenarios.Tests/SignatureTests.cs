using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

/// <summary>
/// The teaching claims of every library scenario (domain.md's signature table and the scenarios' own
/// <c>expect:</c> lines), over seeds 1–20 on the model's direct runner: each must hold on at least 16.
/// The direct runner gives the grain path's trajectories exactly (tests/Simulation.Grains.Tests), so this
/// is what a trainer sees. Nothing here scripts an outcome: the claims measure emergent figures.
/// </summary>
public sealed class SignatureTests
{
    private const int MinimumSeeds = 16;
    private static readonly ImmutableArray<ulong> Seeds = [.. Enumerable.Range(1, 20).Select(i => (ulong)i)];

    public static TheoryData<string> ScenarioNames()
    {
        var data = new TheoryData<string>();
        foreach (var path in ScenarioLibrary.Find(Library.Directory)) data.Add(Path.GetFileNameWithoutExtension(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Every_claim_of_the_scenario_holds_on_most_seeds(string name)
    {
        var scenario = Library.Load(name);
        Assert.NotEmpty(scenario.Expect);
        var runs = RunAll(scenario);
        foreach (var claim in scenario.Expect)
            AssertMostSeeds(runs, claim, holds: true);
    }

    [Fact]
    public void The_library_holds_the_nine_teaching_cases()
    {
        var names = ScenarioLibrary.Find(Library.Directory).Select(p => Path.GetFileNameWithoutExtension(p)!).ToHashSet();
        string[] expected = ["alma-will", "min-max-escalation", "min-min-awakening", "max-max-standoff", "secure-calms-anxious",
            "stretching", "intermittent-availability", "secure-secure", "fearful-with-secure"];
        Assert.Superset(expected.ToHashSet(), names);
        // The words are optional in the format, but every teaching case carries them (the Info tab).
        foreach (var path in ScenarioLibrary.Find(Library.Directory))
        {
            var s = ScenarioLoader.Load(path);
            Assert.False(string.IsNullOrWhiteSpace(s.Summary), $"{s.Name} has no summary");
            Assert.True(s.Title != s.Name && s.Notes.What.Length > 0 && s.Notes.Notice.Length > 0 && s.Notes.Try.Length > 0,
                $"{s.Name} lacks a title or one of the notes (what, notice, try)");
        }
    }

    [Fact]
    public void A_dismissing_partner_earns_no_security()
    {
        var scenario = Library.Load("secure-calms-anxious", "kees.avoidance=6", "kees.anxiety=2");
        AssertMostSeeds(RunAll(scenario), scenario.Expect.Single(e => e.Pattern == "earned-security"), holds: false);
    }

    [Theory]
    [InlineData("ilse.anxiety=2", "ben.anxiety=2")]   // secure–secure
    [InlineData("ben.anxiety=2", "ben.avoidance=2")]  // anxious–secure
    public void Without_two_maximisers_a_rejection_sets_off_no_alternation(params string[] sets)
    {
        var scenario = Library.Load("max-max-standoff", sets);
        AssertMostSeeds(RunAll(scenario), scenario.Expect.Single(e => e.Pattern == "mutual-withdrawal-alternation"), holds: false);
    }

    [Theory]
    [InlineData("lot.avoidance=2")]                  // preoccupied
    [InlineData("lot.anxiety=2")]                    // dismissing
    [InlineData("lot.anxiety=2", "lot.avoidance=2")] // secure
    public void Only_the_fearful_switch_suddenly(params string[] sets)
    {
        var scenario = Library.Load("fearful-with-secure", sets);
        var switching = scenario.Expect.First(e => e.Pattern == "approach-avoid-switching" && e.Args["who"] == "lot");
        AssertMostSeeds(RunAll(scenario), switching, holds: false);
    }

    /// <summary>
    /// Partial reinforcement across separate runs (the pigeon; Gallistel &amp; Gibbon): Lies and Jan of the
    /// intermittent-availability scenario, each run three weeks with Jan reachable a fixed share p of his waking
    /// hours. The unanswered bids before a give-up, pooled over seeds 1–20, grow at least like p^-0.8 from
    /// p = 0.9 to p = 0.2 (the library scenario checks the same within one run).
    /// </summary>
    [Fact]
    public void Bids_before_giving_up_grow_at_least_like_one_over_p_across_fixed_availability_runs()
    {
        double high = MeanRunBeforeGiveUp(0.9), low = MeanRunBeforeGiveUp(0.2);
        double exponent = Math.Log(low / high) / Math.Log(0.9 / 0.2);
        Assert.True(exponent >= 0.8, $"unanswered bids before a give-up: {high:0.00} at p = 0.9, {low:0.00} at p = 0.2; exponent {exponent:0.00} (need >= 0.8)");
    }

    /// <summary>The unanswered bids and protests of Lies just before each of her give-ups, back to her last answered one or give-up.</summary>
    private static double MeanRunBeforeGiveUp(double availability)
    {
        var scenario = Library.Load("intermittent-availability");
        var schedule = scenario.Spec.Schedule.Where(w => w.Availability is null)
            .Append(new ScheduleWindow(["jan"], [.. Enum.GetValues<DayOfWeek>()], new(7, 0), new(23, 0)) { Availability = availability });
        var spec = scenario.Spec with { Hours = 21 * 24, Schedule = [.. schedule] };
        var runs = new List<int>();
        foreach (var seed in Seeds)
        {
            int unanswered = 0;
            foreach (var e in CoupleSimulation.Run(spec with { Seed = seed }).Events.Where(e => e.Actor == "lies"))
            {
                if (e.Kind == EventKinds.GiveUp) { runs.Add(unanswered); unanswered = 0; }
                else if (e.Kind is EventKinds.Bid or EventKinds.Protest)
                    unanswered = RunMetrics.IsPositive(e) ? 0 : e.Outcome is Outcomes.Rebuffed or Outcomes.Missed ? unanswered + 1 : unanswered;
            }
        }
        Assert.True(runs.Count >= 10, $"only {runs.Count} give-ups at p = {availability}");
        return runs.Average();
    }

    private static ImmutableArray<RunResult> RunAll(Scenario scenario) =>
        [.. Seeds.Select(seed => CoupleSimulation.Run(ScenarioChanges.WithSeed(scenario, seed).Spec))];

    private static void AssertMostSeeds(ImmutableArray<RunResult> runs, Expectation claim, bool holds)
    {
        var results = runs.Select(run => Expectations.Evaluate(claim, run)).ToArray();
        int held = results.Count(r => r.Passed == holds);
        Assert.True(held >= MinimumSeeds,
            $"{claim.Pattern} {(holds ? "held" : "was absent")} on {held} of {runs.Length} seeds (need {MinimumSeeds}):\n"
            + string.Join("\n", results.Select((r, i) => $"  seed {Seeds[i]}: {(r.Passed ? "shown" : "not shown")} — {r.Detail}")));
    }
}

/// <summary>The repository's scenario library.</summary>
internal static class Library
{
    public static string Directory { get; } = FindScenarios();

    public static Scenario Load(string name, params string[] sets)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Directory, name + ".yaml"));
        return sets.Length == 0 ? scenario : ScenarioChanges.WithSets(scenario, sets);
    }

    private static string FindScenarios()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Simulation.sln")))
                return Path.Combine(dir.FullName, "scenarios");
        throw new DirectoryNotFoundException("no Simulation.sln above " + AppContext.BaseDirectory);
    }
}
