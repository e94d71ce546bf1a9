using System.Diagnostics;
using System.Text;
using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

/// <summary>
/// Issue 14's findings at the loader, each by name: what a hostile or mistaken file did before, and
/// the one-line diagnostic it gives now. The loader throws nothing but <see cref="ScenarioException"/>,
/// and its cost is bounded by <see cref="ScenarioLimits"/> (the workshop page lists every file).
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("couplesim-hostile-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private const string Good = """
        name: good
        start: 2026-03-07T08:00
        length: 1w
        partners:
          - {id: alma, name: Alma, anxiety: 6, avoidance: 2}
          - {id: will, name: Will, anxiety: 2, avoidance: 5.5}

        """;

    private static Diagnostic[] Problems(string text, string path = "h.yaml")
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, path));
        Assert.All(ex.Diagnostics, d => Assert.DoesNotContain('\n', d.ToString()));
        return [.. ex.Diagnostics];
    }

    private static Diagnostic[] FileProblems(string path)
    {
        Assert.False(ScenarioLoader.TryLoad(path, out var s, out var d));
        Assert.Null(s);
        return [.. d];
    }

    [Theory]
    // YamlDotNet 16.3's scanner throws InvalidOperationException for a plain word at the start of a
    // line inside an unclosed flow collection; every command printed a stack trace, the page answered 500
    [InlineData("name: x\npartners: [\nb", 3, 1)]
    [InlineData("name: x\npartners: [\nb\n", 3, 1)]
    [InlineData("name: x\nnotes: {\nwhat", 3, 1)]
    [InlineData("a: {\nb: c}", 2, 1)]
    [InlineData("a: [1,\n\rb]", 3, 1)]  // found by the fuzz test: a carriage return inserted (a line break in YAML)
    public void An_unclosed_bracket_before_a_word_at_a_line_start_is_a_syntax_error(string text, int line, int column)
    {
        var d = Assert.Single(Problems(text));
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.StartsWith("YAML syntax: ", d.Message);
        Assert.Contains("left open", d.Message);
    }

    [Theory]
    // the mistakes a student makes in a copied scenario, said as what to do rather than in the parser's words
    [InlineData("name: x\nlength: 4w: x\n", 2, 11, "put a value that holds `: ` in quotes")]
    [InlineData("name: x\n seed: 4\n", 2, 6, "line this key up with the keys above it")]
    [InlineData("name: \"x\ntitle: y\n", 1, 7, "a quote is left open")]
    [InlineData("\tname: x\ntitle: y\n", 1, 1, "a tab indents this line; YAML indents with spaces only")]
    [InlineData("name: x\ntitle: y\n\tseed: 4\n", 3, 1, "a tab indents this line; YAML indents with spaces only")]
    [InlineData("title: \"C:\\data\"\n", 1, 8, "starts an escape")]                   // a closed quote with a Windows path in it
    [InlineData("title: \"Alma\" and Will\nname: x\n", 1, 15, "text follows a closing quote")]
    public void Common_yaml_mistakes_are_said_in_plain_words(string text, int line, int column, string words)
    {
        var d = Assert.Single(Problems(text));
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.StartsWith("YAML syntax: ", d.Message);
        Assert.Contains(words, d.Message);
        Assert.DoesNotContain("scalar", d.Message);
    }

    [Fact]
    public void A_tab_inside_a_block_of_text_is_not_blamed_for_a_mistake_further_down()
    {
        var d = Assert.Single(Problems("notes:\n  what: |\n    \t1. run it\n    2. look\nname: x\n\n\ntitle: Alma: and Will\n"));
        Assert.Equal(8, d.Location.Line);
        Assert.DoesNotContain("tab", d.Message);
    }

    [Theory]
    [InlineData("9999-12-24T08:00")]   // passed validate and crashed run with a 5h length
    [InlineData("9001-01-01T00:00")]
    [InlineData("0999-12-31T23:00")]
    [InlineData("0001-01-01T00:00")]
    public void A_start_outside_the_years_1000_to_9000_is_refused(string start)
    {
        var d = Assert.Single(Problems(Good.Replace("2026-03-07T08:00", start)));
        Assert.Equal((2, 8), (d.Location.Line, d.Location.Column));
        Assert.Equal($"`start`: a run must start between the years 1000 and 9000; got {start}", d.Message);
    }

    [Fact]
    public void The_latest_start_with_the_longest_run_still_fits_the_calendar()
    {
        var s = ScenarioLoader.Parse(Good.Replace("2026-03-07T08:00", "9000-12-31T23:00").Replace("length: 1w", "length: 10y"), "h.yaml");
        // the detectors look up to ten years either side of a time in the run
        Assert.True(s.Spec.Start.AddHours(s.Spec.Hours).AddYears(20) < DateTime.MaxValue);
    }

    [Fact]
    public void Nested_aliases_cannot_expand_to_millions_of_diagnostics()
    {
        // the 73 KB file printed a million lines: 5000 windows, each with 200 unknown days
        var sb = new StringBuilder(Good);
        sb.Append("d: &d [").Append(string.Join(", ", Enumerable.Repeat("funday", 200))).Append("]\n");
        sb.Append("w: &w {who: both, days: *d, from: \"08:00\", to: \"09:00\", stress: 0.1}\n");
        sb.Append("schedule: [").Append(string.Join(", ", Enumerable.Repeat("*w", 5000))).Append("]\n");
        Assert.InRange(sb.Length, 20_000, 80_000);
        var watch = Stopwatch.StartNew();
        var d = Assert.Single(Problems(sb.ToString()), x => x.Message.Contains("values"));
        Assert.Contains($"more than {ScenarioLimits.MaxValues} values", d.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}"); // a hang guard, not a benchmark
    }

    [Fact]
    public void One_mistake_brought_back_by_an_alias_is_said_once()
    {
        string text = Good.Replace("partners:\n  - {id: alma, name: Alma, anxiety: 6, avoidance: 2}\n  - {id: will, name: Will, anxiety: 2, avoidance: 5.5}",
            "w: &w {who: both, days: [funday], from: \"08:00\", to: \"09:00\", stress: 0.1}\npartners:\n  - {id: alma, anxiety: 6, avoidance: 2}\n  - {id: will, anxiety: 2, avoidance: 5.5}\nschedule: [*w, *w, *w]");
        var problems = Problems(text);
        Assert.Single(problems, p => p.Message.StartsWith("unknown day `funday`"));
    }

    [Theory]
    [InlineData("loop: &l [1, *l]")]
    [InlineData("loop: &l {a: *l}")]
    public void An_alias_inside_the_value_it_names_is_refused(string yaml)
    {
        var d = Assert.Single(Problems(Good + yaml));
        Assert.Contains("alias `*l` is used inside the value it names", d.Message);
    }

    [Fact]
    public void Many_problems_show_twenty_then_one_line_and_N_more()
    {
        string text = Good + string.Concat(Enumerable.Range(0, 3000).Select(i => $"unknown{i}: {i}\n"));
        var problems = Problems(text);
        Assert.Equal(ScenarioLimits.MaxDiagnostics + 1, problems.Length);
        Assert.All(problems[..^1], p => Assert.StartsWith("unknown key `unknown", p.Message));
        Assert.Equal($"… and {3000 - ScenarioLimits.MaxDiagnostics} more problems (only the first {ScenarioLimits.MaxDiagnostics} are shown)", problems[^1].Message);
        Assert.Equal(7 + ScenarioLimits.MaxDiagnostics, problems[^1].Location.Line); // where the first unshown one is
    }

    [Fact]
    public void A_huge_word_gets_no_suggestion_and_is_quoted_short()
    {
        // a 10 MB word took 12–32 s and 2–5 GB in the did-you-mean search (a 200 KB one is within the file limit)
        string word = new('x', 200_000);
        var watch = Stopwatch.StartNew();
        Assert.Null(Text.Suggest(word, ["schedule", "seed"]));
        Assert.Null(Text.Suggest(new string('s', ScenarioLimits.MaxSuggestedWord + 1), ["s"]));
        // as a key YAML itself refuses it (an implicit key is at most 1024 characters); as a value it is quoted short
        foreach (var text in new[] { Good + word + ": 1\n", Good.Replace("partners:", "schedule: [{who: both, days: [" + word + "], from: \"08:00\", to: \"09:00\", stress: 0.1}]\npartners:") })
        {
            var d = Assert.Single(Problems(text));
            Assert.DoesNotContain("did you mean", d.Message);
            Assert.InRange(d.ToString().Length, 20, 300);
        }
        var day = Assert.Single(Problems(Good.Replace("partners:", "schedule: [{who: both, days: [" + word + "], from: \"08:00\", to: \"09:00\", stress: 0.1}]\npartners:")));
        Assert.StartsWith($"unknown day `{new string('x', Printable.MaxQuoted)}…`; use mon,", day.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("expect", "  - {pattern: stable}", ScenarioLimits.MaxClaims)]
    [InlineData("events", "  - {at: 2026-03-08T10:00, who: will, kind: stress}", ScenarioLimits.MaxEvents)]
    [InlineData("interventions", "  - {at: 2026-03-08T10:00, who: both, kind: stretch}", ScenarioLimits.MaxInterventions)]
    [InlineData("schedule", "  - {who: both, from: \"08:00\", to: \"09:00\", stress: 0.1}", ScenarioLimits.MaxScheduleWindows)]
    public void Lists_longer_than_their_limit_are_refused_unread(string key, string entry, int max)
    {
        // thousands of claims or interventions ran for minutes; the limit itself is fine
        string Of(int n) => Good + key + ":\n" + string.Concat(Enumerable.Repeat(entry + "\n", n));
        Assert.Equal(max, key switch
        {
            "expect" => ScenarioLoader.Parse(Of(max), "h.yaml").Expect.Length,
            "events" => ScenarioLoader.Parse(Of(max), "h.yaml").Spec.Happenings.Length,
            "interventions" => ScenarioLoader.Parse(Of(max), "h.yaml").Spec.Interventions.Length,
            _ => ScenarioLoader.Parse(Of(max), "h.yaml").Spec.Schedule.Length,
        });
        var d = Assert.Single(Problems(Of(max + 1)));
        Assert.Equal($"`{key}` has {max + 1} entries; a scenario may have at most {max}", d.Message);
        Assert.Equal(8, d.Location.Line);
    }

    [Fact]
    public void A_newline_in_a_name_cannot_split_or_forge_a_diagnostic_line()
    {
        string forged = "x\nother.yaml:1:1: error: all is well";
        var d = Assert.Single(Problems(Good.Replace("name: Alma", $"name: \"{forged.Replace("\n", "\\n")}\"")));
        Assert.Equal("`name` must be one line; it holds a line break", d.Message);
        // and wherever user text is quoted, it is escaped: one line whatever it holds
        var quoted = Assert.Single(Problems(Good.Replace("anxiety: 6", "anxiety: \"6\\nh.yaml:1:1: error: forged\"")));
        Assert.Equal("h.yaml:5:37: error: `anxiety` must be a number, not `6\\nh.yaml:1:1: error: forged`", quoted.ToString());
        Assert.Equal("a\\nb.yaml:1:1: error: x", new Diagnostic(new SourceLocation("a\nb.yaml", 1, 1), "x").ToString());
    }

    [Theory]
    [InlineData("title: \"\\e[31mred\"", "`title` holds a control character (U+001B); write plain text")]
    [InlineData("title: \"a\\0b\"", "`title` holds a control character (U+0000); write plain text")]
    [InlineData("summary: \"one\\ntwo\"", "`summary` must be one line; it holds a line break")]
    [InlineData("notes: {what: \"ring \\a\"}", "`what` holds a control character (U+0007); write plain text")]
    public void Control_characters_in_text_are_refused(string line, string message)
    {
        var d = Assert.Single(Problems(Good + line + "\n"));
        Assert.Equal(message, d.Message);
    }

    [Fact]
    public void Half_a_surrogate_pair_in_text_is_refused()
    {
        // YAML refuses the escape "\uD800"; text handed to Parse directly can still hold one
        var d = Assert.Single(Problems(Good + "title: half \ud800 a pair\n"));
        Assert.Equal("`title` holds half a character (U+D800); write plain text", d.Message);
    }

    [Fact]
    public void Notes_may_run_over_lines_and_a_folded_summary_keeps_its_line_end()
    {
        var s = ScenarioLoader.Parse(Good + "summary: >\n  one line\nnotes:\n  what: |\n    first\n    second\n", "h.yaml");
        Assert.Equal("first\nsecond\n", s.Notes.What);
        Assert.Equal("one line\n", s.Summary);
    }

    [Theory]
    [InlineData("name: -rf", "`name` must use only a-z, 0-9 and `-`, starting with a letter or digit")]
    [InlineData("  - {id: -2-3, anxiety: 1, avoidance: 1}", "a partner id must use only a-z, 0-9 and `-`, starting with a letter or digit")]
    public void Ids_and_names_start_with_a_letter_or_digit(string line, string message)
    {
        // a leading dash reads as an option in `ls out/-rf` and as a formula (=-2-3) in a spreadsheet
        string text = line.StartsWith("name") ? Good.Replace("name: good", line)
            : Good.Replace("  - {id: will, name: Will, anxiety: 2, avoidance: 5.5}", line);
        Assert.Contains(message, Assert.Single(Problems(text)).Message);
    }

    [Fact]
    public void Text_over_the_file_limit_is_refused_by_Parse_too()
    {
        var d = Assert.Single(Problems(Good + "# " + new string('x', ScenarioLimits.MaxFileBytes) + "\n"));
        Assert.Equal((1, 1), (d.Location.Line, d.Location.Column));
        Assert.Contains("256 KiB", d.Message);
    }

    // ---- files that are not scenario files --------------------------------------------------

    [Fact]
    public void A_file_over_256_KiB_is_refused_before_it_is_read()
    {
        string path = Path.Combine(dir, "big.yaml");
        File.WriteAllText(path, Good + "# " + new string('x', 300_000) + "\n");
        var d = Assert.Single(FileProblems(path));
        Assert.Equal($"{path}:1:1: error: the file is {new FileInfo(path).Length / 1024} KiB; a scenario file may be at most 256 KiB", d.ToString());
    }

    [Theory]
    [InlineData("/dev/zero", "this is a device, not a scenario file; give a .yaml file")]   // ran out of memory
    [InlineData("/dev/null", "this is a device, not a scenario file; give a .yaml file")]
    [InlineData("/tmp", "this is a folder, not a scenario file")]
    [InlineData("", "no file given (the path is empty)")]
    public void Devices_and_folders_are_refused(string path, string message)
    {
        var d = Assert.Single(FileProblems(path));
        Assert.Equal(message, d.Message);
    }

    [Fact]
    public async Task A_pipe_is_refused_without_waiting_for_a_writer()
    {
        string fifo = Path.Combine(dir, "pipe.yaml");
        using (var mk = Process.Start("mkfifo", fifo)) await mk.WaitForExitAsync();
        Assert.True(File.Exists(fifo), "mkfifo made the pipe");
        // opening a FIFO for reading blocks until someone writes; the loader must not open it
        var load = Task.Run(() => FileProblems(fifo));
        Assert.Same(load, await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal("this is a pipe (FIFO), not a scenario file; give a .yaml file", Assert.Single(await load).Message);
    }

    [Fact]
    public void A_symlink_to_a_device_is_refused_like_the_device()
    {
        string link = Path.Combine(dir, "zero.yaml");
        File.CreateSymbolicLink(link, "/dev/zero");
        Assert.Equal("this is a device, not a scenario file; give a .yaml file", Assert.Single(FileProblems(link)).Message);
    }

    [Fact]
    public void Invalid_UTF8_is_located_at_its_line_and_column()
    {
        string path = Path.Combine(dir, "latin1.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("name: good\ntitle: Caf"), 0xE9, .. Encoding.UTF8.GetBytes(" au lait\n")]);
        var d = Assert.Single(FileProblems(path));
        Assert.Equal($"{path}:2:11: error: the file is not UTF-8 text (an invalid byte here); save it as UTF-8", d.ToString());
    }

    [Fact]
    public void A_folder_of_hostile_files_still_lists_its_good_one()
    {
        // what the workshop page does: every file loads or marks itself broken, in bounded time
        File.WriteAllText(Path.Combine(dir, "a-good.yaml"), Good);
        File.WriteAllText(Path.Combine(dir, "b-open.yaml"), "name: x\npartners: [\nb");
        File.WriteAllText(Path.Combine(dir, "c-big.yaml"), new string('#', 400_000));
        File.WriteAllText(Path.Combine(dir, "d-bomb.yaml"), "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n");
        File.CreateSymbolicLink(Path.Combine(dir, "e-zero.yaml"), "/dev/zero");
        Directory.CreateDirectory(Path.Combine(dir, "f-folder.yaml"));
        var results = ScenarioLibrary.Find(dir).Select(f => (File: Path.GetFileName(f), Ok: ScenarioLoader.TryLoad(f, out _, out var d), d)).ToList();
        Assert.Equal(["a-good.yaml", "b-open.yaml", "c-big.yaml", "d-bomb.yaml", "e-zero.yaml"], results.Select(r => r.File));
        Assert.Equal([true, false, false, false, false], results.Select(r => r.Ok));
        Assert.All(results.Skip(1), r => Assert.Single(r.d));
    }
}
