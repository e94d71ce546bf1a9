using System.Collections.Immutable;
using System.Text;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

public sealed class LoaderTests
{
    internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    [Fact]
    public void Full_fixture_resolves_every_key()
    {
        var s = ScenarioLoader.Load(Fixture("full.yaml"));
        Assert.Equal("alma-will", s.Name);
        Assert.Equal("Alma and Will: the Sunday-evening cycle", s.Title);
        Assert.StartsWith("A maximiser", s.Summary);
        Assert.Equal(new ScenarioNotes("Alma pursues, Will withdraws.", "Sunday evenings.", "Lower Will's avoidance to 3."), s.Notes);
        Assert.Equal(Fixture("full.yaml"), s.SourcePath);

        var spec = s.Spec;
        Assert.Equal("alma-will", spec.Name);
        Assert.Equal(new DateTime(2026, 3, 7, 8, 0, 0), spec.Start);
        Assert.Equal(DateTimeKind.Unspecified, spec.Start.Kind);
        Assert.Equal(4 * 168, spec.Hours);
        Assert.Equal(7UL, spec.Seed);
        Assert.Equal(0.6, spec.Closeness);

        Assert.Equal(2, spec.Partners.Length);
        var alma = spec.Partners[0];
        Assert.Equal(("alma", "Alma", 6.0, 2.0, Wound.Early), (alma.Id, alma.Name, alma.Anxiety, alma.Avoidance, alma.Wound));
        Assert.Empty(alma.Overrides);
        var will = spec.Partners[1];
        Assert.Equal(("will", "Will", 2.0, 5.5, Wound.Late), (will.Id, will.Name, will.Anxiety, will.Avoidance, will.Wound));
        Assert.Equal(0.3, will.Overrides["responsiveness"]);
        Assert.Equal(2.5, will.Overrides["persistence"]);
        Assert.Equal(2, will.Overrides.Count);
    }

    [Fact]
    public void Schedule_windows_resolve_who_days_words_wraps_and_periods()
    {
        var w = ScenarioLoader.Load(Fixture("full.yaml")).Spec.Schedule;
        Assert.Equal(8, w.Length);

        Assert.Equal(["alma", "will"], w[0].Who.AsEnumerable());
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], w[0].Days.AsEnumerable());
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(18, 0)), (w[0].From, w[0].To));
        Assert.Equal(1.0, w[0].Leisure);
        Assert.Null(w[0].Stress);
        Assert.Null(w[0].Availability);
        Assert.False(w[0].Asleep);

        // Sunday 18:00 to Monday 09:00: `to` before `from` is kept as written; it wraps past midnight.
        Assert.Equal(["will"], w[1].Who.AsEnumerable());
        Assert.Equal([DayOfWeek.Sunday], w[1].Days.AsEnumerable());
        Assert.True(w[1].To < w[1].From);
        Assert.Equal(0.8, w[1].Stress);

        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], w[2].Days.AsEnumerable());
        Assert.Equal(0.15, w[2].Availability);

        Assert.Equal(7, w[3].Days.Length);
        Assert.Equal(DayOfWeek.Monday, w[3].Days[0]);
        Assert.True(w[3].Asleep);

        Assert.Equal(["alma"], w[4].Who.AsEnumerable());
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], w[4].Days.AsEnumerable());
        Assert.Equal(new DateTime(2026, 3, 14, 0, 0, 0), w[4].Since);
        Assert.Equal(new DateTime(2026, 3, 21, 0, 0, 0), w[4].Until);
        Assert.Null(w[0].Since);
        Assert.Null(w[0].Until);

        Assert.Equal(["will", "alma"], w[5].Who.AsEnumerable());   // the order written
        Assert.Equal(7, w[5].Days.Length);          // daily
        Assert.Equal(7, w[6].Days.Length);          // days omitted: every day
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Friday], w[7].Days.AsEnumerable()); // sorted, duplicates dropped
        Assert.False(w[7].Asleep);
    }

    [Fact]
    public void Events_interventions_and_expectations_resolve_with_defaults()
    {
        var s = ScenarioLoader.Load(Fixture("full.yaml"));
        var h = s.Spec.Happenings;
        Assert.Equal(4, h.Length);
        Assert.Equal((new DateTime(2026, 3, 18, 20, 0, 0), HappeningKind.Rejection, 1.0, 6), (h[0].At, h[0].Kind, h[0].Strength, h[0].Hours));
        Assert.Equal(["will"], h[0].Who.AsEnumerable());
        Assert.Equal((HappeningKind.Stress, 0.5, 12), (h[1].Kind, h[1].Strength, h[1].Hours));
        Assert.Equal(["alma", "will"], h[2].Who.AsEnumerable());
        Assert.Equal(HappeningKind.Away, h[2].Kind);
        Assert.Equal((HappeningKind.Awareness, 0.7), (h[3].Kind, h[3].Strength));

        var iv = s.Spec.Interventions;
        Assert.Equal(2, iv.Length);
        Assert.Equal((new DateTime(2026, 3, 21, 9, 0, 0), InterventionKind.Stretch, 1.0), (iv[0].At, iv[0].Kind, iv[0].Strength));
        Assert.Equal(["alma", "will"], iv[0].Who.AsEnumerable());
        Assert.Equal(["will"], iv[1].Who.AsEnumerable());

        var e = s.Expect;
        Assert.Equal(6, e.Length);
        Assert.Equal("pursue-withdraw", e[0].Pattern);
        Assert.Equal("alma", e[0].Args["pursuer"]);
        Assert.Equal(2, e[0].Args.Count);
        Assert.Equal(new SourceLocation(Fixture("full.yaml"), 40, 5), e[0].Location);
        Assert.Equal("-0.7", e[1].Args["max_correlation"]);
        Assert.Equal("2026-03-21T08:00", e[1].Args["until"]);
        Assert.Equal("false", e[2].Args["holds"]);
        Assert.Equal("18:00", e[4].Args["time"]);
    }

    [Fact]
    public void Minimal_scenario_takes_the_defaults()
    {
        var s = ScenarioLoader.Load(Fixture("minimal.yaml"));
        Assert.Equal("minimal", s.Title);               // title defaults to the name; summary and notes to nothing
        Assert.Equal("", s.Summary);
        Assert.Equal(new ScenarioNotes("", "", ""), s.Notes);
        Assert.Equal(36, s.Spec.Hours);
        Assert.Equal(1UL, s.Spec.Seed);
        Assert.Equal(0.5, s.Spec.Closeness);
        Assert.Equal("a", s.Spec.Partners[0].Name);      // name defaults to id
        Assert.Equal(Wound.Late, s.Spec.Partners[0].Wound);
        Assert.Equal("b-2", s.Spec.Partners[1].Id);
        Assert.Empty(s.Spec.Schedule);
        Assert.Empty(s.Spec.Happenings);
        Assert.Empty(s.Spec.Interventions);
        Assert.Empty(s.Expect);
    }

    [Fact]
    public void Sha256_is_of_the_file_bytes_and_stable()
    {
        string path = Fixture("minimal.yaml");
        var first = ScenarioLoader.Load(path);
        var second = ScenarioLoader.Load(path);
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(expected, first.Sha256);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", first.Sha256);
        Assert.Equal(first.Sha256, ScenarioLoader.Parse(File.ReadAllText(path), path).Sha256);

        var changed = ScenarioLoader.Parse(File.ReadAllText(path) + "# a comment\n", path);
        Assert.NotEqual(first.Sha256, changed.Sha256);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        string dir = Directory.CreateTempSubdirectory("scn").FullName;
        try
        {
            string path = Path.Combine(dir, "bom.yaml");
            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(File.ReadAllText(Fixture("minimal.yaml")))]);
            Assert.Equal("minimal", ScenarioLoader.Load(path).Name);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic_at_1_1()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("no/such/file.yaml"));
        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal("no/such/file.yaml:1:1: error: no such file", d.ToString());
        Assert.Equal(d.ToString(), ex.Message);
    }

    [Fact]
    public void A_missing_file_names_the_scenario_it_was_most_likely_meant_to_be()
    {
        string dir = Path.Combine(Path.GetTempPath(), "couplesim-nearby-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "alma-will.yaml"), "");
            File.WriteAllText(Path.Combine(dir, "stretching.yaml"), "");
            string Problem(string path) => Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path)).Diagnostics).Message;
            string meant = Path.Combine(dir, "alma-will.yaml");
            Assert.Equal($"no such file (did you mean `{meant}`?)", Problem(Path.Combine(dir, "alma-will")));    // no .yaml
            Assert.Equal($"no such file (did you mean `{meant}`?)", Problem(Path.Combine(dir, "alma-wil.yaml"))); // a slip
            Assert.Equal("no such file", Problem(Path.Combine(dir, "secure-secure.yaml")));                      // nothing close
            Assert.Equal("no such file", Problem(Path.Combine(dir, "gone", "alma-will.yaml")));                  // no such folder
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TryLoad_reports_instead_of_throwing()
    {
        Assert.True(ScenarioLoader.TryLoad(Fixture("minimal.yaml"), out var ok, out var none));
        Assert.NotNull(ok);
        Assert.Empty(none);

        Assert.False(ScenarioLoader.TryLoad("missing.yaml", out var bad, out var diagnostics));
        Assert.Null(bad);
        Assert.Equal("no such file", Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void Several_problems_are_all_reported_in_file_order()
    {
        string text = File.ReadAllText(Fixture("minimal.yaml"))
            .Replace("anxiety: 4", "anxiety: 8")
            .Replace("avoidance: 7", "avoidanse: 7")
            .Replace("length: 36h", "length: 36");
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "x.yaml"));
        Assert.Equal(
            [
                "x.yaml:3:9: error: `length`: `36` needs a unit: h, d, w or y (e.g. `36h`)",
                "x.yaml:5:22: error: `anxiety` must be between 1 and 7 (ECR-R scale); got 8",
                "x.yaml:6:27: error: unknown key `avoidanse` in a partner (did you mean `avoidance`?)",
            ],
            ex.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(string.Join("\n", ex.Diagnostics), ex.Message);
    }

    [Fact]
    public void Aliases_are_followed()
    {
        string text = File.ReadAllText(Fixture("minimal.yaml")) +
            "schedule:\n  - {who: both, days: &we [sat, sun], from: \"08:00\", to: \"18:00\", leisure: 1}\n" +
            "  - {who: a, days: *we, from: \"20:00\", to: \"22:00\", stress: 0.5}\n";
        var s = ScenarioLoader.Parse(text, "alias.yaml");
        Assert.Equal(s.Spec.Schedule[0].Days.AsEnumerable(), s.Spec.Schedule[1].Days.AsEnumerable());
    }

    [Fact]
    public void Library_finds_yaml_files_sorted_by_name()
    {
        string dir = Directory.CreateTempSubdirectory("lib").FullName;
        try
        {
            foreach (var name in new[] { "b.yaml", "a.yaml", "C.yaml", "notes.txt", "x.yml" })
                File.WriteAllText(Path.Combine(dir, name), "");
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            File.WriteAllText(Path.Combine(dir, "sub", "d.yaml"), "");
            var found = ScenarioLibrary.Find(dir);
            Assert.Equal(["C.yaml", "a.yaml", "b.yaml"], found.Select(Path.GetFileName));
            Assert.All(found, f => Assert.StartsWith(dir, f));
            Assert.Empty(ScenarioLibrary.Find(Path.Combine(dir, "nope")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

public sealed class ContractTests
{
    [Fact]
    public void The_design_documents_example_loads_as_written()
    {
        var s = ScenarioLoader.Load(LoaderTests.Fixture("design-example.yaml"));
        Assert.Equal("alma-will", s.Name);
        Assert.Equal("…", s.Notes.What);
        Assert.Equal(672, s.Spec.Hours);
        Assert.Equal(7UL, s.Spec.Seed);
        Assert.Equal(["alma", "will"], s.Spec.Partners.Select(p => p.Id));
        Assert.Equal(4, s.Spec.Schedule.Length);
        Assert.Single(s.Spec.Happenings);
        Assert.Single(s.Spec.Interventions);
        Assert.Equal("pursue-withdraw", Assert.Single(s.Expect).Pattern);
    }
}
