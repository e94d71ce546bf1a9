using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

public sealed class ChangesTests
{
    private static Scenario Full() => ScenarioLoader.Load(LoaderTests.Fixture("full.yaml"));

    private static Diagnostic SetError(params string[] sets)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioChanges.WithSets(Full(), sets));
        return Assert.Single(ex.Diagnostics);
    }

    [Fact]
    public void Partner_traits_wound_and_name_can_be_set()
    {
        var s = ScenarioChanges.WithSets(Full(), ["will.avoidance=3", "will.anxiety=2.5", "alma.wound=late", "alma.name=Alma B."]);
        var (alma, will) = (s.Spec.Partners[0], s.Spec.Partners[1]);
        Assert.Equal(3.0, will.Avoidance);
        Assert.Equal(2.5, will.Anxiety);
        Assert.Equal(Wound.Late, alma.Wound);
        Assert.Equal("Alma B.", alma.Name);
        Assert.Equal(6.0, alma.Anxiety);              // untouched
        Assert.Equal(Full().Sha256, s.Sha256);         // the file is still the file
    }

    [Fact]
    public void A_keys_own_value_is_read_as_set_would_take_it_and_a_set_value_reads_back()
    {
        var s = Full();
        var will = s.Spec.Partners[1];
        Assert.Equal(will.Avoidance.ToString(System.Globalization.CultureInfo.InvariantCulture), ScenarioChanges.ValueOf(s, "will.avoidance"));
        Assert.Equal(s.Spec.Closeness.ToString(System.Globalization.CultureInfo.InvariantCulture), ScenarioChanges.ValueOf(s, "closeness"));
        Assert.Equal(PartnerParameters.Derive(will).Responsiveness.ToString("R", System.Globalization.CultureInfo.InvariantCulture), ScenarioChanges.ValueOf(s, "will.responsiveness"));
        foreach (var (key, value) in new[] { ("will.avoidance", "3.25"), ("alma.wound", "late"), ("alma.name", "Al"), ("will.responsiveness", "0.8"), ("closeness", "0.3") })
            Assert.Equal(value, ScenarioChanges.ValueOf(ScenarioChanges.WithSets(s, [$"{key}={value}"]), key));
        Assert.Null(ScenarioChanges.ValueOf(s, "seed"));    // a sweep's seeds are its own
        Assert.Null(ScenarioChanges.ValueOf(s, "length"));
        Assert.Null(ScenarioChanges.ValueOf(s, "nobody.avoidance"));
        Assert.Null(ScenarioChanges.ValueOf(s, "will.nothing"));
    }

    [Fact]
    public void Catalog_parameters_become_overrides()
    {
        var s = ScenarioChanges.WithSets(Full(), ["alma.responsiveness=0.9", "will.responsiveness=0.6"]);
        Assert.Equal(0.9, s.Spec.Partners[0].Overrides["responsiveness"]);
        Assert.Equal(0.6, s.Spec.Partners[1].Overrides["responsiveness"]);  // replaces the file's 0.3
        Assert.Equal(2.5, s.Spec.Partners[1].Overrides["persistence"]);     // others kept
        Assert.Equal(0.6, PartnerParameters.Derive(s.Spec.Partners[1]).Responsiveness);
    }

    [Fact]
    public void Run_settings_closeness_seed_and_length_can_be_set()
    {
        var s = ScenarioChanges.WithSets(Full(), ["closeness=0.4", "seed=99", "length=5w"]);
        Assert.Equal(0.4, s.Spec.Closeness);
        Assert.Equal(99UL, s.Spec.Seed);
        Assert.Equal(5 * 168, s.Spec.Hours);
    }

    [Fact]
    public void A_key_set_twice_is_a_mistake_at_the_second_not_a_silent_last_wins()
    {
        // the last used to win unseen, while a what-if's folder named both values
        var ex = Assert.Throws<ScenarioException>(() => ScenarioChanges.WithSets(Full(), ["will.avoidance=3", " will.avoidance =4"]));
        Assert.Equal("--set:1:1: error: `will.avoidance` is set twice; set each key once (in ` will.avoidance =4`)", Assert.Single(ex.Diagnostics).ToString());
        Assert.Equal(3.0, ScenarioChanges.WithSets(Full(), ["will.avoidance=3", "alma.avoidance=4"]).Spec.Partners[1].Avoidance);
    }

    [Theory]
    [InlineData("wil.avoidance=3", 1, "unknown partner `wil` (did you mean `will`?)")]
    [InlineData("will.avoidence=3", 6, "unknown key `avoidence` (did you mean `avoidance`?)")]
    [InlineData("will.avoidance=9", 16, "`avoidance` must be between 1 and 7; got 9")]
    [InlineData("will.avoidance=high", 16, "`avoidance` must be a number, not `high`")]
    [InlineData("will.avoidance=", 16, "the value is missing")]
    [InlineData("will.avoidance", 1, "expected ID.KEY=VALUE")]
    [InlineData("=3", 1, "expected ID.KEY=VALUE")]
    [InlineData("will.wound=erly", 12, "`wound` must be `early` or `late`, not `erly` (did you mean `early`?)")]
    [InlineData("alma.responsiveness=1.5", 21, "`responsiveness` must be between 0 and 1; got 1.5")]
    [InlineData("alma.responsivness=0.5", 6, "did you mean `responsiveness`?")]
    [InlineData("closness=0.4", 1, "unknown setting `closness` (did you mean `closeness`?)")]
    [InlineData("closeness=2", 11, "`closeness` must be between 0 and 1; got 2")]
    [InlineData("seed=-1", 6, "`seed` must be a whole number")]
    [InlineData("length=4x", 9, "unknown unit `x` in `4x`")]
    [InlineData("length=1w", 8, "the run would end at 2026-03-14T08:00, before the rejection event at 2026-03-18T20:00")]
    public void Bad_sets_point_at_the_offending_character(string set, int column, string message)
    {
        var d = SetError(set);
        Assert.Equal(new SourceLocation("--set", 1, column), d.Location);
        Assert.Contains(message, d.Message);
        Assert.EndsWith($"(in `{set}`)", d.Message);
        Assert.StartsWith($"--set:1:{column}: error: ", d.ToString());
    }

    [Fact]
    public void Every_bad_set_is_reported()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioChanges.WithSets(Full(), ["x.anxiety=3", "will.anxiety=3", "seed=z"]));
        Assert.Equal(2, ex.Diagnostics.Length);
        Assert.Equal(2, ex.Message.Split('\n').Length);
    }

    [Fact]
    public void Seed_can_be_set()
    {
        Assert.Equal(12345UL, ScenarioChanges.WithSeed(Full(), 12345).Spec.Seed);
    }

    [Theory]
    [InlineData("36h", 36)]
    [InlineData("3d", 72)]
    [InlineData("4w", 672)]
    [InlineData("1y", 8760)]
    [InlineData("10y", 87600)]
    public void Durations_parse_to_hours(string text, int hours)
    {
        Assert.Equal(hours, ScenarioChanges.ParseDurationHours(text));
    }

    [Theory]
    [InlineData("", 1, "a duration is missing")]
    [InlineData("4", 1, "needs a unit")]
    [InlineData("-4w", 1, "is negative")]
    [InlineData("4x", 2, "unknown unit `x`")]
    [InlineData("1.5w", 2, "`1.5w` is not a whole number of weeks; write it in a smaller unit (e.g. `10d`)")]
    [InlineData("2.5d", 2, "`2.5d` is not a whole number of days; write it in a smaller unit (e.g. `60h`)")]
    [InlineData("1.5x", 2, "unknown unit `.5x`")]
    [InlineData("1.5hw", 2, "unknown unit `.5hw`")]
    [InlineData("w", 1, "is not a duration")]
    [InlineData("0h", 1, "at least one hour")]
    [InlineData("11y", 1, "longer than the model allows")]
    public void Bad_durations_are_diagnostics_at_length(string text, int column, string message)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioChanges.ParseDurationHours(text));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal(new SourceLocation("--length", 1, column), d.Location);
        Assert.Contains(message, d.Message);
    }

    [Fact]
    public void Length_changes_the_run_but_keeps_events_inside_it()
    {
        Assert.Equal(6 * 168, ScenarioChanges.WithLength(Full(), "6w").Spec.Hours);
        Assert.Equal(16 * 24, ScenarioChanges.WithLength(Full(), "16d").Spec.Hours);   // ends after the last intervention
        var late = Assert.Throws<ScenarioException>(() => ScenarioChanges.WithLength(Full(), "15d"));
        Assert.Equal("--length:1:1: error: the run would end at 2026-03-22T08:00, before the stretch intervention at 2026-03-22T09:00",
            Assert.Single(late.Diagnostics).ToString());
        var ex = Assert.Throws<ScenarioException>(() => ScenarioChanges.WithLength(Full(), "2w"));
        Assert.Equal("--length:1:1: error: the run would end at 2026-03-21T08:00, before the stretch intervention at 2026-03-21T09:00",
            Assert.Single(ex.Diagnostics).ToString());
    }
}
