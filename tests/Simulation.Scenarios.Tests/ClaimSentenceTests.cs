using Simulation.Scenarios;
using static Simulation.Scenarios.Tests.SyntheticRun;

namespace Simulation.Scenarios.Tests;

public sealed class ClaimSentenceTests
{
    [Fact]
    public void Alma_and_Will_claims_read_as_sentences_with_their_names()
    {
        var s = Library.Load("alma-will");
        var sentences = s.Expect.Select(e => ClaimSentences.For(e, s.Spec)).ToArray();
        Assert.Equal("Will withdraws within 4h after Sunday 18:00", sentences[0]);
        Assert.Equal("Alma pursues and Will withdraws: their stances move against each other", sentences[1]);
        Assert.Equal("On Mondays Alma's call to Will at work is missed or turned away, Alma gives up in anger, and Will's call-back is refused", sentences[5]);
        // said as the detectors measure them: a window after the time, and the hours they count as "seldom withdrawn"
        string Of(string pattern) => ClaimSentences.For(s.Expect.Single(e => e.Pattern == pattern), s.Spec);
        Assert.Equal("Alma's protests and highest distress come within 30h after Sunday 18:00", Of("weekly-episode"));
        Assert.Equal("Saturdays are close, and Will is seldom withdrawn at weekends by day or on Tuesday to Thursday evenings", Of("close-weekends"));
    }

    [Fact]
    public void Every_claim_of_the_library_has_a_sentence_that_names_no_partner_id()
    {
        foreach (var path in Directory.GetFiles(Library.Directory, "*.yaml"))
        {
            var s = ScenarioLoader.Load(path);
            foreach (var e in s.Expect)
            {
                string sentence = ClaimSentences.For(e, s.Spec);
                Assert.NotEqual(e.Pattern, sentence);
                // Partners by name (Alma), not by the file's id (alma).
                foreach (var p in s.Spec.Partners.Where(p => p.Id != p.Name))
                    Assert.DoesNotMatch($@"\b{System.Text.RegularExpressions.Regex.Escape(p.Id)}\b", sentence);
            }
        }
    }

    [Fact]
    public void Every_pattern_has_its_own_sentence()
    {
        var couple = Make(1, _ => (0.5, new P(), new P())).Spec;
        foreach (var pattern in Patterns.All)
            Assert.NotEqual(pattern.Name, ClaimSentences.For(Claim(pattern.Name), couple));
    }

    [Fact]
    public void A_window_and_holds_false_are_said()
    {
        var couple = Make(1, _ => (0.5, new P(), new P())).Spec;
        Assert.Equal("At least 80% of the interactions go well (until Sat 21 Mar 08:00)",
            ClaimSentences.For(Claim("positive-share", ("min", "0.8"), ("until", "2026-03-21T08:00")), couple));
        Assert.Equal("Does not show: A switches suddenly between approach and withdrawal (at least 3 a week)",
            ClaimSentences.For(Claim("approach-avoid-switching", ("who", "a"), ("holds", "false")), couple));
    }
}

public sealed class VerdictTests
{
    [Fact]
    public void Verdicts_without_details_agree_with_the_full_evaluation_on_every_library_claim()
    {
        int shown = 0, notShown = 0;
        foreach (var path in Directory.GetFiles(Library.Directory, "*.yaml"))
        {
            var scenario = ScenarioLoader.Load(path);
            foreach (ulong seed in new ulong[] { 1, 2, 3 })
            {
                var s = ScenarioChanges.WithSeed(scenario, seed);
                var run = Simulation.Model.CoupleSimulation.Run(s.Spec);
                var full = Expectations.Evaluate(s, run);
                Assert.Equal(full.Select(r => r.Passed), Expectations.Verdicts(s, run));
                Assert.All(full, r => Assert.NotEqual("", r.Detail)); // the full evaluation still writes every detail
                shown += full.Count(r => r.Passed);
                notShown += full.Count(r => !r.Passed);
            }
        }
        Assert.True(shown > 0 && notShown > 0, $"{shown} shown, {notShown} not: both verdicts should be compared");
    }
}
