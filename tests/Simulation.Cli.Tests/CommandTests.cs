using System.Text.Json;
using System.Text.RegularExpressions;

namespace Simulation.Cli.Tests;

public sealed class CommandTests
{
    private static readonly Regex DiagnosticLine = new(@"^.+:\d+:\d+: error: .+$");

    [Fact]
    public async Task Run_writes_the_six_files_and_prints_where_and_a_summary()
    {
        using var t = new TempDir();
        string outDir = t["out"];
        var r = await Cli.Run("run", t.Scenario(), "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(["closeness.png", "closeness.svg", "events.csv", "report.html", "run.json", "timeline.csv"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains(outDir, r.Out);
        Assert.Contains("Mean closeness", r.Out);
        Assert.Contains("Positive share", r.Out);
        // each partner's bids and protests break down into what the other did with them, adding up
        var lines = Regex.Matches(r.Out, @"^  (\S+)\s+(\d+) bids?, (\d+) protests?; of the (\d+) (\S+) answered (\d+), turned (\d+) away, was out of reach for (\d+);", RegexOptions.Multiline);
        Assert.Equal(2, lines.Count);
        foreach (Match l in lines)
        {
            int N(int g) => int.Parse(l.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(N(2) + N(3), N(4));
            Assert.Equal(N(4), N(6) + N(7) + N(8));
            Assert.NotEqual(l.Groups[1].Value, l.Groups[5].Value);
        }
        Assert.Equal(lines[0].Groups[1].Value, lines[1].Groups[5].Value);
        Assert.Contains("Teaching claims", r.Out); // as report.html names them
        Assert.DoesNotContain("Expectations", r.Out);
        Assert.Equal(168 + 1, File.ReadAllLines(Path.Combine(outDir, "timeline.csv")).Length);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public async Task Two_runs_on_the_same_seed_write_byte_identical_files()
    {
        using var t = new TempDir();
        string s = t.Scenario();
        Assert.Equal(0, (await Cli.Run("run", s, "--out", t["a"])).ExitCode);
        Assert.Equal(0, (await Cli.Run("run", s, "--out", t["b"])).ExitCode);
        foreach (var f in new[] { "timeline.csv", "events.csv", "closeness.svg", "closeness.png", "run.json", "report.html" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(t["a"], f)), File.ReadAllBytes(Path.Combine(t["b"], f)));
        Assert.Equal(0, (await Cli.Run("run", s, "--out", t["c"], "--seed", "8")).ExitCode);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(t["a"], "events.csv")), File.ReadAllBytes(Path.Combine(t["c"], "events.csv")));
    }

    [Fact]
    public async Task Set_seed_and_length_reach_the_run()
    {
        using var t = new TempDir();
        var r = await Cli.Run("run", t.Scenario(), "--set", "will.responsiveness=0.9", "--set", "alma.anxiety=3", "--seed", "11", "--length", "2d", "--out", t["o"]);
        Assert.True(r.ExitCode == 0, r.Err);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(t["o"], "run.json")));
        var root = json.RootElement;
        Assert.Equal(11UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(48, root.GetProperty("hours").GetInt32());
        Assert.Equal(0.9, root.GetProperty("partners")[1].GetProperty("parameters").GetProperty("responsiveness").GetDouble());
        Assert.Equal(3.0, root.GetProperty("partners")[0].GetProperty("anxiety").GetDouble());
        Assert.Equal("secure", root.GetProperty("partners")[0].GetProperty("style").GetString());
        // what was changed, as given, beside the file's hash (which alone would not say what ran)
        Assert.Equal(["will.responsiveness=0.9", "alma.anxiety=3"], root.GetProperty("scenario").GetProperty("changes").EnumerateArray().Select(e => e.GetString()));

        var plain = await Cli.Run("run", t.Scenario(), "--length", "2d", "--stretch", "both@day1", "--out", t["p"]);
        Assert.True(plain.ExitCode == 0, plain.Err);
        using var stretched = JsonDocument.Parse(File.ReadAllText(Path.Combine(t["p"], "run.json")));
        Assert.Equal(["stretch=both@day1"], stretched.RootElement.GetProperty("scenario").GetProperty("changes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_bad_set_is_one_diagnostic_line_exit_2_and_nothing_written()
    {
        using var t = new TempDir();
        var r = await Cli.Run("run", t.Scenario(), "--set", "wil.responsiveness=0.9", "--out", t["o"]);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.ErrLines);
        Assert.StartsWith("--set:1:1: error: unknown partner `wil`", line);
        Assert.Contains("did you mean `will`?", line);
        Assert.False(Directory.Exists(t["o"]));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public async Task A_bad_length_is_a_diagnostic()
    {
        using var t = new TempDir();
        var r = await Cli.Run("run", t.Scenario(), "--length", "4", "--out", t["o"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Matches(DiagnosticLine, Assert.Single(r.ErrLines));
        Assert.False(Directory.Exists(t["o"]));
    }

    [Fact]
    public async Task A_missing_file_is_a_diagnostic_not_a_stack_trace()
    {
        using var t = new TempDir();
        var r = await Cli.Run("run", t["nope.yaml"], "--out", t["o"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"{t["nope.yaml"]}:1:1: error: no such file", Assert.Single(r.ErrLines));
    }

    [Fact]
    public async Task Out_that_is_a_file_is_refused_before_running()
    {
        using var t = new TempDir();
        File.WriteAllText(t["taken"], "x");
        var r = await Cli.Run("run", t.Scenario(), "--out", t["taken"]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("--out:1:1: error:", Assert.Single(r.ErrLines));
        Assert.Equal("x", File.ReadAllText(t["taken"]));
    }

    [Fact]
    public async Task Out_below_a_file_is_refused_before_running()
    {
        using var t = new TempDir();
        File.WriteAllText(t["taken"], "x");
        var r = await Cli.Run("run", t.Scenario(), "--out", Path.Combine(t["taken"], "sub"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("--out:1:1: error: cannot write into", Assert.Single(r.ErrLines));
    }

    [Fact]
    public async Task Out_where_no_folder_can_be_made_says_so_in_our_words()
    {
        using var t = new TempDir();
        var r = await Cli.Run("run", t.Scenario(), "--out", "/proc/couplesim-nope"); // even root cannot make a folder in /proc
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("--out:1:1: error: cannot write into `/proc/couplesim-nope`: a folder cannot be made there", Assert.Single(r.ErrLines)); // not "Could not find file"
    }

    [Theory]
    [InlineData("frobnicate:1:1: error: unknown command `frobnicate`; the commands are run, compare, list, explain, validate, check, sweep, serve, silo", "frobnicate")]
    [InlineData("rn:1:1: error: unknown command `rn` (did you mean `run`?)", "rn", "x.yaml")]
    [InlineData("--bogus:1:1: error: unknown option `--bogus` for `couplesim run`; see `couplesim run --help`", "run", "x.yaml", "--bogus")]
    [InlineData("--sed:1:1: error: unknown option `--sed` for `couplesim run` (did you mean `--seed`?)", "run", "x.yaml", "--sed", "3")]
    // check and validate take any number of files: a misspelt option is not one more file, nor is its value
    [InlineData("--sed:1:1: error: unknown option `--sed` for `couplesim check` (did you mean `--seed`?)", "check", "{tiny}", "--sed", "5")]
    [InlineData("--sed:1:1: error: unknown option `--sed` for `couplesim validate`; see `couplesim validate --help`", "validate", "{tiny}", "--sed", "5")]
    [InlineData("--seed:1:1: error: `--seed` must be a whole number from 0 to 18446744073709551615, not `minus-one`", "run", "x.yaml", "--seed", "minus-one")]
    [InlineData("--seed:1:1: error: `--seed` must be a whole number from 0 to 18446744073709551615, not `abc`", "check", "--seed", "abc")]
    [InlineData("--seed:1:1: error: `--seed` needs a value (N)", "run", "x.yaml", "--seed")]
    // an option without its value: last, or before another option (the parser took `--out` as the value)
    [InlineData("--set:1:1: error: `--set` needs a value (ID.KEY=VALUE)", "run", "{tiny}", "--set", "will.avoidance=3", "--set")]
    [InlineData("--set:1:1: error: `--set` needs a value (ID.KEY=VALUE)", "run", "{tiny}", "--set", "--out", "x")]
    [InlineData("--stretch:1:1: error: `--stretch` needs a value (WHO@WHEN[:STRENGTH])", "run", "{tiny}", "--stretch", "--out", "x")]
    [InlineData("--seed:1:1: error: `--seed` needs a value (N)", "run", "{tiny}", "--seed", "--out", "x")]
    [InlineData("--seeds:1:1: error: `--seeds` needs a value (A-B)", "check", "{tiny}", "--seeds", "--out", "x")]
    [InlineData("--seed:1:1: error: `--seed` is given 2 times; give it once", "run", "x.yaml", "--seed", "1", "--seed", "2")]
    [InlineData("--port:1:1: error: `--port` must be a whole number, not `abc`", "serve", "--port", "abc")]
    // one value each: a run would use the last and its folder name both
    [InlineData("--seed:1:1: error: the seed is given twice (`--set seed=5` and `--seed 6`); give one", "run", "{tiny}", "--set", "seed=5", "--seed", "6")]
    [InlineData("--length:1:1: error: the length is given twice (`--set length=2w` and `--length 3w`); give one", "compare", "{tiny}", "--set", "length=2w", "--length", "3w")]
    [InlineData("--set:1:1: error: `closeness` is set twice; set each key once (in `closeness=0.4`)", "run", "{tiny}", "--set", "closeness=0.3", "--set", "closeness=0.4")]
    [InlineData("couplesim:1:1: error: `couplesim run` needs SCENARIO: Scenario file (YAML)", "run")]
    [InlineData("couplesim:1:1: error: `couplesim compare` needs a second scenario or at least one --set or --stretch change", "compare", "{tiny}")]
    [InlineData("b.yaml:1:1: error: unexpected argument `b.yaml` for `couplesim run`", "run", "a.yaml", "b.yaml")]
    [InlineData("--seeds:1:1: error: unknown option `--seeds` for `couplesim run`: a run is one seed (`--seed N`); over many seeds, `couplesim compare FILE --set … --seeds 1-20`", "run", "{tiny}", "--seeds", "1-5")]
    // a value typed in two words: the option is at fault, and the value in one word is the fix (was "3:1:1: unexpected argument `3`")
    [InlineData("--set:1:1: error: `--set will.avoidance 3`: the value is one word, `--set will.avoidance=3`", "run", "{tiny}", "--set", "will.avoidance", "3")]
    [InlineData("--stretch:1:1: error: `--stretch both@week 3`: the value is one word, `--stretch both@week3`", "run", "{tiny}", "--stretch", "both@week", "3")]
    [InlineData("--vary:1:1: error: `--vary will.avoidance 1:7:1`: the value is one word, `--vary will.avoidance=1:7:1`", "sweep", "{tiny}", "--vary", "will.avoidance", "1:7:1")]
    // compare takes the stray word as its second file: the same line, not "3: no such file"
    [InlineData("--stretch:1:1: error: `--stretch both@week 3`: the value is one word, `--stretch both@week3`", "compare", "{tiny}", "--stretch", "both@week", "3")]
    [InlineData("--set:1:1: error: `--set will.avoidance 3`: the value is one word, `--set will.avoidance=3`", "compare", "{tiny}", "--set", "will.avoidance", "3", "--seeds", "1-3")]
    [InlineData("couplesim:1:1: error: no command given; the commands are run,", new string[0])]
    [InlineData("--out:1:1: error: the output folder is empty; give one, e.g. `--out out/mine`", "run", "{tiny}", "--out", "")]
    public async Task Option_errors_are_one_line_in_the_contracts_form_exit_2(string expected, params string[] args)
    {
        using var t = new TempDir();
        args = [.. args.Select(a => a == "{tiny}" ? t.Scenario() : a)];
        var r = await Cli.Run(args);
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.ErrLines);
        Assert.StartsWith(expected, line);
        Assert.Matches(DiagnosticLine, line);
        Assert.DoesNotContain("System.", r.Err); // no .NET type names
        Assert.Equal("", r.Out);
    }

    [Fact]
    public async Task An_at_sign_is_a_file_name_not_a_response_file()
    {
        // System.CommandLine would read `@file` as more arguments: `run @/dev/zero` must not read a device
        var r = await Cli.Run("run", "@/dev/zero");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("@/dev/zero:1:1: error: no such file", Assert.Single(r.ErrLines));
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var r = await Cli.Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var c in new[] { "run", "compare", "list", "explain", "validate", "check" }) Assert.Contains(c, r.Out);
    }

    [Fact]
    public async Task Compare_with_a_set_writes_the_overlay_and_says_where_the_runs_part()
    {
        using var t = new TempDir();
        var r = await Cli.Run("compare", t.Scenario(), "--set", "will.responsiveness=0.95", "--out", t["cmp"]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(["a_events.csv", "a_timeline.csv", "b_events.csv", "b_timeline.csv", "compare.html", "compare.png", "compare.svg"],
            Directory.GetFiles(t["cmp"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("B: tiny with will.responsiveness=0.95", r.Out);
        Assert.Contains("Where they part", r.Out);
        string html = File.ReadAllText(Path.Combine(t["cmp"], "compare.html"));
        Assert.Contains("data-parameter=\"responsiveness\"", html);
        // one run a side: the terminal and the page say that chance is mixed in, and how to tell them apart
        Assert.EndsWith("  One seed: A and B are one run each, so each difference is the change and chance together; run the compare again with --seeds 1-20 (in place of any --seed) to run both on twenty seeds and see which differences hold.\n", r.Out);
        Assert.Contains("<p class=\"note one-seed\"><b>One seed:</b> A and B are one run each", html);
        // both runs used the same seed: their first hour is the same, then they part
        var a = File.ReadAllLines(Path.Combine(t["cmp"], "a_timeline.csv"));
        var b = File.ReadAllLines(Path.Combine(t["cmp"], "b_timeline.csv"));
        Assert.Equal(a.Length, b.Length);
        Assert.NotEqual(File.ReadAllText(Path.Combine(t["cmp"], "a_events.csv")), File.ReadAllText(Path.Combine(t["cmp"], "b_events.csv")));
    }

    [Fact]
    public async Task Compare_two_scenarios_runs_both_on_the_first_ones_seed()
    {
        using var t = new TempDir();
        string a = t.Scenario("first");
        string b = t.Scenario("second");
        File.WriteAllText(b, File.ReadAllText(b).Replace("seed: 7", "seed: 99").Replace("avoidance: 5.5", "avoidance: 3.0"));
        var r = await Cli.Run("compare", a, b, "--out", t["cmp"]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("A: first", r.Out);
        Assert.Contains("B: second", r.Out);
        Assert.Contains("avoidance", File.ReadAllText(Path.Combine(t["cmp"], "compare.html")));
        Assert.DoesNotContain("different couples", r.Out); // the same couple: no note
    }

    [Fact]
    public async Task Compare_of_the_same_couple_listed_in_the_other_order_has_no_different_couples_note()
    {
        using var t = new TempDir();
        string a = t.Scenario("first");
        string b = t.Scenario("second");
        string alma = "  - {id: alma, name: Alma, anxiety: 6.0, avoidance: 2.0, wound: early}\n";
        string will = "  - {id: will, name: Will, anxiety: 2.0, avoidance: 5.5, wound: early}\n";
        string text = File.ReadAllText(b);
        Assert.Contains(alma + will, text);
        File.WriteAllText(b, text.Replace(alma + will, will + alma).Replace("avoidance: 5.5", "avoidance: 3.0"));
        var r = await Cli.Run("compare", a, b, "--out", t["cmp"]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.DoesNotContain("different couples", r.Out);
        Assert.Contains("avoidance", File.ReadAllText(Path.Combine(t["cmp"], "compare.html")));
    }

    [Fact]
    public async Task Compare_of_two_different_couples_runs_and_says_so_in_one_line()
    {
        using var t = new TempDir();
        var r = await Cli.Run("compare", Path.Combine(Cli.Root, "scenarios", "alma-will.yaml"), Path.Combine(Cli.Root, "scenarios", "max-max-standoff.yaml"), "--out", t["cmp"]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("", r.Err);
        var note = Assert.Single(r.Out.Split('\n'), l => l.Contains("different couples", StringComparison.Ordinal));
        Assert.StartsWith("  Note: the two scenarios have different couples (A: Alma (alma) and Will (will); B: ", note);
        // two couples differ from the first hour: no first different event to read as the effect of a change
        Assert.DoesNotContain("Where they part", r.Out);
        Assert.Contains("<b>Where they part:</b> from the start — these are two different couples.", File.ReadAllText(Path.Combine(t["cmp"], "compare.html")));
    }

    [Fact]
    public async Task Compare_of_runs_on_other_calendars_says_so_and_tells_each_sides_events_in_its_own_names()
    {
        using var t = new TempDir();
        string Library(string name) => Path.Combine(Cli.Root, "scenarios", name + ".yaml");
        var r = await Cli.Run("compare", Library("alma-will"), Library("secure-calms-anxious"), "--length", "3d", "--out", t["cmp"]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("  Note: the runs differ in calendar (A: 3 days from Sat 7 Mar; B: 3 days from Sat 3 Jan).", r.Out);
        Assert.Contains("<b>Note:</b> the runs differ in calendar", File.ReadAllText(t["cmp/compare.html"]));
        // two couples: no first different event, on the terminal, the page or the chart
        Assert.DoesNotContain("Where they part", r.Out);
        Assert.Contains("Two different couples: they differ from the start.", File.ReadAllText(t["cmp/compare.svg"]).Replace("\n", " "));

        var same = await Cli.Run("compare", Library("alma-will"), Library("stretching"), "--out", t["same"]);
        Assert.True(same.ExitCode == 0, same.Err);
        Assert.DoesNotContain("differ in calendar", same.Out);
    }

    [Fact]
    public async Task Compare_without_a_second_scenario_or_a_change_is_bad_input()
    {
        using var t = new TempDir();
        var r = await Cli.Run("compare", t.Scenario(), "--out", t["cmp"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Matches(DiagnosticLine, Assert.Single(r.ErrLines));
        Assert.False(Directory.Exists(t["cmp"]));
    }

    [Fact]
    public async Task List_shows_names_and_summaries()
    {
        using var t = new TempDir();
        t.Scenario("one");
        t.Scenario("two");
        var r = await Cli.Run("list", t.Path);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("one  A week of Alma and Will", lines[0]);
        Assert.StartsWith("two  ", lines[1]);
        // an edited copy that kept its original's name is told apart by its file
        File.WriteAllText(t["copy.yaml"], File.ReadAllText(t["one.yaml"]));
        var copies = (await Cli.Run("list", t.Path)).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, copies.Length);
        Assert.Contains(copies, l => l.StartsWith("one (copy.yaml)  A week of Alma and Will", StringComparison.Ordinal));
        Assert.Contains(copies, l => l.StartsWith("one (one.yaml)   A week of Alma and Will", StringComparison.Ordinal));
        Assert.Contains(copies, l => l.StartsWith("two  ", StringComparison.Ordinal));
        var missing = await Cli.Run("list", t["nowhere"]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"{t["nowhere"]}:1:1: error: no such folder", Assert.Single(missing.ErrLines));
    }

    [Fact]
    public async Task Explain_describes_partners_schedule_events_and_claims_in_plain_words()
    {
        var r = await Cli.Run("explain", Path.Combine(Cli.Fixtures, "full.yaml"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("Alma and Will: the Sunday-evening cycle", r.Out);
        Assert.Contains("What to notice: Sunday evenings.", r.Out);
        Assert.Contains("Alma (alma): anxiety 6.0, avoidance 2.0", r.Out);
        Assert.Contains("preoccupied, a maximiser", r.Out);
        Assert.Contains("dismissing, a minimiser", r.Out);
        Assert.Contains("set by hand: responsiveness = 0.3", r.Out);
        Assert.Contains("Will, Sundays 18:00–09:00 (next day): stress 0.80", r.Out);
        Assert.Contains("Will, weekdays 09:00–17:00: reachable 15% of the time", r.Out);
        Assert.Contains("Wed 18 Mar 20:00: Will harshly turns Alma away", r.Out);
        Assert.Contains("Wed 11 Mar 12:00: Both are away", r.Out);
        Assert.Contains("stretching", r.Out);
        Assert.Contains("pursue-withdraw (distancer: will, pursuer: alma)", r.Out);
    }

    [Fact]
    public async Task Explain_parameters_lists_every_key_set_accepts_with_each_partners_value_and_marks_those_set_by_hand()
    {
        string path = Path.Combine(Cli.Fixtures, "full.yaml");
        var r = await Cli.Run("explain", path, "--parameters");
        Assert.True(r.ExitCode == 0, r.Err);
        var partners = Simulation.Scenarios.ScenarioLoader.Load(path).Spec.Partners;
        var derived = partners.Select(Simulation.Model.PartnerParameters.Derive).ToArray();
        var lines = r.Out.Split('\n');
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^  parameter +alma +will +range +meaning$"));
        foreach (var info in Simulation.Model.ParameterCatalog.All)
        {
            var row = Assert.Single(lines, l => l.StartsWith($"  {info.Name} ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int k = 0; k < partners.Length; k++)
                Assert.Equal(info.Format(derived[k]) + (partners[k].Overrides.ContainsKey(info.Name) ? "*" : ""), row[1 + k]);
            Assert.Contains(info.Meaning, string.Join(' ', row));
        }
        Assert.Contains(lines, l => l.StartsWith("  responsiveness ", StringComparison.Ordinal) && l.Contains(" 0.3* ", StringComparison.Ordinal)); // will's, by hand
        Assert.Contains("  alma: anxiety 6.0, avoidance 2.0, wound early, name Alma", r.Out);
        Assert.Contains("The file's `start`, `schedule`, `events`, `interventions` and `expect` are not --set keys: change them in a copy of the file", r.Out);
        // every parameter listed is a key --set takes, up to the end of the range listed
        var scenario = Simulation.Scenarios.ScenarioLoader.Load(path);
        foreach (var info in Simulation.Model.ParameterCatalog.All)
        {
            var c = System.Globalization.CultureInfo.InvariantCulture;
            string max = info.Max.ToString(c);
            Assert.Contains($" {info.Min.ToString(c)} to {max} ", Assert.Single(lines, l => l.StartsWith($"  {info.Name} ", StringComparison.Ordinal)));
            var changed = Simulation.Scenarios.ScenarioChanges.WithSets(scenario, [$"alma.{info.Name}={max}"]);
            Assert.Equal(info.Max, changed.Spec.Partners[0].Overrides[info.Name]);
        }
        // and the description points to the list
        var described = await Cli.Run("explain", path);
        Assert.EndsWith($"couplesim explain {path} --parameters\n", described.Out);
    }

    [Fact]
    public async Task Validate_says_ok_for_good_files_and_exits_2_for_any_bad_one()
    {
        var good = Path.Combine(Cli.Fixtures, "minimal.yaml");
        var r = await Cli.Run("validate", good, Path.Combine(Cli.Fixtures, "full.yaml"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"{good}: ok", r.Out);
        var bad = Path.Combine(Cli.Broken, "bad-seed.yaml");
        var mixed = await Cli.Run("validate", good, bad);
        Assert.Equal(2, mixed.ExitCode);
        Assert.StartsWith($"{bad}:8:7: error:", Assert.Single(mixed.ErrLines));
    }

    [Fact]
    public async Task Check_exits_0_when_every_claim_holds_and_1_when_one_fails()
    {
        using var t = new TempDir();
        var ok = await Cli.Run("check", t.Scenario("holds"));
        Assert.True(ok.ExitCode == 0, ok.Out + ok.Err);
        Assert.Contains("✔ stable (holds: false)", ok.Out);

        string failing = t.Scenario("fails", expect: "  - {pattern: stable, holds: false}\n  - {pattern: positive-share, max: 0.01}");
        var r = await Cli.Run("check", t["holds.yaml"], failing);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("✘ positive-share (max: 0.01)", r.Out);
        // the failed claim points at its line in the file
        Assert.Matches(new Regex(Regex.Escape(failing) + @":19:\d+: error: claim not shown: positive-share"), Assert.Single(r.ErrLines));
    }

    [Fact]
    public async Task Check_of_a_what_if_says_which_change_its_claims_were_tried_with()
    {
        using var t = new TempDir();
        string failing = t.Scenario("fails", expect: "  - {pattern: positive-share, max: 0.01}");
        var r = await Cli.Run("check", failing, "--set", "closeness=0.4");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("(fails, seed 7, 1w) with closeness=0.4\n", r.Out.ReplaceLineEndings("\n"));
        Assert.Matches(new Regex(Regex.Escape(failing) + @":\d+:\d+: error: claim not shown with closeness=0\.4: positive-share"), Assert.Single(r.ErrLines));
    }

    [Fact]
    public async Task Check_over_many_seeds_counts_the_seeds_each_claim_shows_on_as_one_seed_checks_do()
    {
        string scenario = Path.Combine(Cli.Root, "scenarios", "alma-will.yaml");
        var many = await Cli.Run("check", scenario, "--length", "1w", "--seeds", "1-3");
        Assert.Contains($"{scenario} (alma-will, seeds 1-3, 1w)", many.Out);
        var counts = Regex.Matches(many.Out, @"^  [✔✘] .*: shown on (\d) of 3 seeds$", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        Assert.Equal(7, counts.Length);
        // the same verdicts as checking seed by seed through the partner grains
        var one = new int[7];
        for (int seed = 1; seed <= 3; seed++)
        {
            var r = await Cli.Run("check", scenario, "--length", "1w", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var marks = Regex.Matches(r.Out, @"^  ([✔✘]) ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
            for (int c = 0; c < 7; c++) if (marks[c] == "✔") one[c]++;
        }
        Assert.Equal(one, counts);
        Assert.Equal(counts.Any(n => n < 2) ? 1 : 0, many.ExitCode); // a claim holds on most seeds: 2 of 3
        Assert.Equal(counts.Count(n => n < 2), many.ErrLines.Length);

        // Will who hardly avoids does not withdraw on Sunday evenings: not on most seeds, said at the claim's line
        var calm = await Cli.Run("check", scenario, "--length", "1w", "--seeds", "1-3", "--set", "will.avoidance=1");
        Assert.Equal(1, calm.ExitCode);
        Assert.Contains(calm.ErrLines, l => Regex.IsMatch(l, Regex.Escape(scenario) + @":\d+:\d+: error: claim not shown on most seeds with will\.avoidance=1 \([01] of 3\): Will withdraws within 4h after Sunday 18:00$"));

        var both = await Cli.Run("check", scenario, "--seed", "5", "--seeds", "1-3");
        Assert.Equal(2, both.ExitCode);
        Assert.Equal("--seed:1:1: error: give --seed (one run each) or --seeds (many), not both", Assert.Single(both.ErrLines));
    }

    [Fact]
    public async Task Check_with_a_broken_file_runs_nothing_and_exits_2()
    {
        using var t = new TempDir();
        var r = await Cli.Run("check", t.Scenario(), Path.Combine(Cli.Broken, "bad-wound.yaml"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("bad-wound.yaml:10:49: error:", Assert.Single(r.ErrLines));
    }

    [Fact]
    public async Task Check_takes_another_seed_length_and_set_for_every_file()
    {
        using var t = new TempDir();
        var r = await Cli.Run("check", t.Scenario("holds"), "--seed", "5", "--length", "2d", "--set", "closeness=0.7");
        Assert.True(r.ExitCode == 0, r.Out + r.Err);
        Assert.Contains("(holds, seed 5, 2d)", r.Out);

        // checked over several files, an option's problem with one of them names that file
        t.Scenario("other");
        var several = await Cli.Run("check", t["holds.yaml"], t["other.yaml"], "--set", "nobody.anxiety=3");
        Assert.Equal(2, several.ExitCode);
        Assert.Equal(2, several.ErrLines.Length);
        Assert.StartsWith($"--set:1:1: error: {t["holds.yaml"]}: unknown partner `nobody`", several.ErrLines[0]);
        Assert.StartsWith($"--set:1:1: error: {t["other.yaml"]}: unknown partner `nobody`", several.ErrLines[1]);

        var typo = await Cli.Run("check", t["holds.yaml"], "--set", "nobody.anxiety=3");
        Assert.Equal(2, typo.ExitCode);
        Assert.Equal("", typo.Out);
        Assert.Contains("nobody", Assert.Single(typo.ErrLines));
    }
}
