using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Simulation.Model;
using Simulation.Reports;

namespace Simulation.Cli.Tests;

/// <summary>
/// Issue 14's output findings by name: a run's files appear all together or not at all, staged
/// inside the target folder; an interrupted run leaves nothing; a what-if gets its own folder;
/// terminal output is printable; CSV text cells are no formulas.
/// </summary>
public sealed partial class OutputTests
{
    private static readonly string[] RunFiles = ["closeness.svg", "events.csv", "report.html", "run.json", "timeline.csv"];

    private static string[] Entries(string dir) =>
        [.. Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public async Task A_folder_named_like_an_output_file_is_refused_before_the_run_and_nothing_is_replaced()
    {
        // it left the other four files already replaced
        using var t = new TempDir();
        string o = t["out"];
        Directory.CreateDirectory(o);
        foreach (var f in RunFiles.Where(f => f != "run.json")) File.WriteAllText(Path.Combine(o, f), "old");
        Directory.CreateDirectory(Path.Combine(o, "run.json"));
        var r = await Cli.Run("run", t.Scenario(), "--out", o);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"--out:1:1: error: cannot write `run.json` into `{o}`: a folder of that name is in the way", Assert.Single(r.ErrLines));
        Assert.Equal("", r.Out); // refused before anything ran
        Assert.All(RunFiles.Where(f => f != "run.json"), f => Assert.Equal("old", File.ReadAllText(Path.Combine(o, f))));
        Assert.Equal(RunFiles, Entries(o));
    }

    [Fact]
    public async Task Compare_refuses_a_folder_in_the_way_too()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(Path.Combine(t["cmp"], "b_events.csv"));
        var r = await Cli.Run("compare", t.Scenario(), "--set", "will.responsiveness=0.9", "--out", t["cmp"]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("--out:1:1: error: cannot write `b_events.csv`", Assert.Single(r.ErrLines));
        Assert.Equal(["b_events.csv"], Entries(t["cmp"]));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Staging_happens_inside_the_target_and_nothing_is_left_beside_it()
    {
        using var t = new TempDir();
        string parent = t["parent"], target = Path.Combine(parent, "run");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(parent, "notes.txt"), "mine");
        // a writable folder in a read-only parent: staging beside the target failed there (root may
        // write anyway, so the parent is also watched: nothing may appear in it, even for a moment)
        var appeared = new List<string>();
        using var watcher = new FileSystemWatcher(parent) { IncludeSubdirectories = false, EnableRaisingEvents = true };
        watcher.Created += (_, e) => { lock (appeared) appeared.Add(e.Name!); };
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var paths = OutputFiles.Commit(target, [("a.txt", "A"), ("b.txt", "B")]);
            Assert.Equal([Path.Combine(target, "a.txt"), Path.Combine(target, "b.txt")], paths.ToArray());
        }
        finally { File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); }
        File.WriteAllText(Path.Combine(parent, "marker"), ""); // events arrive in order: once this one is seen, all are
        for (int i = 0; i < 100 && !appeared.Contains("marker"); i++) Thread.Sleep(20);
        lock (appeared) Assert.Equal(["marker"], appeared);
        File.Delete(Path.Combine(parent, "marker"));
        Assert.Equal(["notes.txt", "run"], Entries(parent));
        Assert.Equal(["a.txt", "b.txt"], Entries(target));
        Assert.Equal("A", File.ReadAllText(Path.Combine(target, "a.txt")));
    }

    [Fact]
    public void A_writer_that_fails_midway_leaves_nothing()
    {
        using var t = new TempDir();
        IEnumerable<(string, string)> Files()
        {
            yield return ("a.txt", "A");
            throw new IOException("the disk is full");
        }
        var ex = Assert.Throws<OutputException>(() => OutputFiles.Commit(t["run"], Files()));
        Assert.Contains("the disk is full", ex.Message);
        Assert.Equal([], Entries(t.Path));
    }

    [Fact]
    public void A_failure_while_staging_removes_the_folders_the_write_made()
    {
        using var t = new TempDir();
        string target = Path.Combine(t["new"], "deeper", "run");
        // the second file of the same name cannot be staged once the first is written
        Assert.Throws<OutputException>(() => OutputFiles.Commit(target, [("a.txt", "A"), ("a.txt", "again")]));
        Assert.Equal([], Entries(t.Path));
    }

    [Fact]
    public void A_failure_while_writing_into_an_existing_folder_keeps_its_old_files()
    {
        using var t = new TempDir();
        string target = t["run"];
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "a.txt"), "old");
        // a second file of the same name fails to stage after the first was written
        Assert.Throws<OutputException>(() => OutputFiles.Commit(target, [("a.txt", "new"), ("a.txt", "again")]));
        Assert.Equal(["a.txt"], Entries(target));
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "a.txt")));
    }

    [Fact]
    public async Task A_staging_folder_left_by_a_killed_run_is_removed_by_the_next_write()
    {
        using var t = new TempDir();
        string target = t["run"];
        int deadPid;
        using (var p = Process.Start("true")) { await p.WaitForExitAsync(); deadPid = p.Id; }
        string stale = Path.Combine(target, $"{OutputFiles.StagingPrefix}{deadPid}-0123456789abcdef");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "timeline.csv"), "half");
        // one of a process still running (pid 1; another couplesim writing here) is left alone
        string live = Path.Combine(target, $"{OutputFiles.StagingPrefix}1-live");
        Directory.CreateDirectory(live);
        OutputFiles.Commit(target, [("a.txt", "A")]);
        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(live));
    }

    [Fact]
    public void A_cancelled_write_writes_nothing()
    {
        using var t = new TempDir();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => OutputFiles.Commit(t["run"], [("a.txt", "A")], cts.Token));
        Assert.False(Directory.Exists(t["run"]));
    }

    [Fact]
    public async Task An_interrupted_run_exits_130_and_writes_nothing()
    {
        using var t = new TempDir();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CliApp.RunAsync(["run", t.Scenario(), "--length", "10y", "--out", t["o"]], o, e, cancellationToken: cts.Token);
        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Equal("couplesim: interrupted; nothing was written", e.ToString().Trim());
        Assert.False(Directory.Exists(t["o"]));
    }

    [Theory]
    [InlineData(new string[0], "alma-will")]
    [InlineData(new[] { "will.avoidance=3" }, "alma-will-will.avoidance=3")]
    [InlineData(new[] { "will.avoidance=3", "alma.wound=late" }, "alma-will-will.avoidance=3,alma.wound=late")]
    [InlineData(new[] { "alma.name=Al/../ma x" }, "alma-will-alma.name=Al_.._ma_x")]
    [InlineData(new[] { "closeness=0.5." }, "alma-will-closeness=0.5_")]
    public void A_what_if_gets_a_safe_readable_folder_of_its_own(string[] sets, string folder)
    {
        Assert.Equal(folder, CommonOptions.RunFolder("alma-will", sets));
    }

    [Fact]
    public void A_long_what_if_folder_name_is_cut_and_made_unique_by_a_hash()
    {
        string[] a = [.. Enumerable.Range(0, 20).Select(i => $"will.responsiveness=0.{i}")];
        string[] b = [.. a.SkipLast(1), "will.responsiveness=0.99"];
        string fa = CommonOptions.RunFolder("alma-will", a), fb = CommonOptions.RunFolder("alma-will", b);
        Assert.Equal(CommonOptions.MaxFolderName, fa.Length);
        Assert.Matches("^alma-will-will.responsiveness=0.0,.*-[0-9a-f]{8}$", fa);
        Assert.NotEqual(fa, fb);
    }

    [Fact]
    public async Task A_what_if_run_carries_its_change_in_its_title_and_the_run_as_written_does_not()
    {
        using var t = new TempDir();
        string scenario = Path.Combine(Cli.Root, "scenarios", "alma-will.yaml");
        var what = await Cli.Run("run", scenario, "--set", "will.avoidance=3", "--stretch", "both@week3", "--length", "4w", "--out", t["what"]);
        Assert.True(what.ExitCode == 0, what.Err);
        const string Title = "Alma and Will: the Sunday-evening cycle — what if will.avoidance=3, stretch=both@week3";
        Assert.StartsWith(Title + " — 4 weeks, seed 47", what.Out);
        // two plots projected side by side can be told apart: the chart's title and the page's
        Assert.Contains($"<title>{Title}</title>", File.ReadAllText(t["what/closeness.svg"]));
        Assert.Contains($"<title>{Title}</title>", File.ReadAllText(t["what/report.html"]));

        // the page says what the run changed from, that the notes are the file's, and how to see both runs side by side
        string page = File.ReadAllText(t["what/report.html"]);
        Assert.Contains("This run changes the scenario: <code>will.avoidance</code> 5.5 → <b>3</b>; stretching both@week3 added. The notes below are the scenario's", page);
        Assert.Contains($"<code>couplesim compare {scenario} --set will.avoidance=3 --stretch both@week3 --length 4w</code>", page);
        Assert.Contains("Avoidance <b class=\"changed\">3.0</b> <small class=\"was\">(file 5.5)</small>", page);

        var plain = await Cli.Run("run", scenario, "--out", t["plain"]);
        Assert.True(plain.ExitCode == 0, plain.Err);
        Assert.DoesNotContain("what if", File.ReadAllText(t["plain/closeness.svg"]) + File.ReadAllText(t["plain/report.html"]) + plain.Out);
        Assert.DoesNotContain("id=\"what-if\"", File.ReadAllText(t["plain/report.html"]));
        Assert.DoesNotContain("class=\"was\"", File.ReadAllText(t["plain/report.html"]));
    }

    [Fact]
    public async Task A_what_ifs_compare_command_gives_its_seed_and_length_and_a_set_to_the_files_value_is_no_change()
    {
        using var t = new TempDir();
        string scenario = Path.Combine(Cli.Root, "scenarios", "alma-will.yaml");
        // compare runs B on A's seed: a --set seed=5 becomes --seed 5, so the command shows this very run
        var r = await Cli.Run("run", scenario, "--set", "alma.wound=late", "--set", "seed=5", "--length", "2d", "--set", "will.avoidance=5.50", "--out", t["r"]);
        Assert.True(r.ExitCode == 0, r.Err);
        string page = File.ReadAllText(t["r/report.html"]);
        Assert.Contains($"<code>couplesim compare {scenario} --set alma.wound=late --seed 5 --set will.avoidance=5.50 --length 2d</code>", page);
        // the seed is another run of the same couple, not a what-if: the title names the two changes to the couple only
        Assert.Contains("<title>Alma and Will: the Sunday-evening cycle — what if alma.wound=late, will.avoidance=5.50</title>", page);
        Assert.Contains("<code>will.avoidance</code> 5.50 (as in the file)", page);
        Assert.Contains("Avoidance <b>5.5</b> <small>(ECR-R", page); // not highlighted, no file value beside it: nothing changed
        Assert.Contains("<span class=\"badge wound changed\">late wound</span> <small class=\"was\">(file early)</small>", page);

        var seedOnly = await Cli.Run("run", scenario, "--set", "seed=5", "--length", "2d", "--out", t["s"]);
        Assert.True(seedOnly.ExitCode == 0, seedOnly.Err);
        Assert.DoesNotContain("what if", File.ReadAllText(t["s/report.html"]) + seedOnly.Out); // as --seed 5 gives
    }

    [Fact]
    public async Task Terminal_output_escapes_control_characters_from_paths_and_options()
    {
        using var t = new TempDir();
        string evil = t["\u001b]0;owned\u0007\u001b[2J.yaml"];
        File.WriteAllText(evil, File.ReadAllText(t.Scenario()));
        string outDir = t["o\u001b[31m"];
        var runs = new[]
        {
            await Cli.Run("validate", evil),
            await Cli.Run("run", evil, "--length", "1d", "--out", outDir),
            await Cli.Run("validate", t["missing\nother.yaml:1:1: error: forged.yaml"]),
            await Cli.Run("run", evil, "--bogus\u001b[2J"),
        };
        Assert.Equal([0, 0, 2, 2], runs.Select(r => r.ExitCode));
        foreach (var r in runs)
        {
            Assert.DoesNotMatch(ControlCharacter(), r.Out);
            Assert.DoesNotMatch(ControlCharacter(), r.Err);
        }
        Assert.Contains("\\u001B]0;owned\\u0007\\u001B[2J.yaml: ok", runs[0].Out);
        // a path with a line break stays one line on stdout too
        string split = t["two\nlines:1:1: error: forged.yaml"];
        File.Copy(evil, split);
        var ok = await Cli.Run("validate", split);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal($"{t.Path}/two\\nlines:1:1: error: forged.yaml: ok (tiny: 2 partners, 1 teaching claim)", ok.Out.Trim());
        Assert.Contains("o\\u001B[31m", runs[1].Out);
        // the forged line stays part of the one line about the missing file
        Assert.Equal($"{t.Path}/missing\\nother.yaml:1:1: error: forged.yaml:1:1: error: no such file", Assert.Single(runs[2].ErrLines));
        Assert.StartsWith("--bogus\\u001B[2J:1:1: error: unknown option", Assert.Single(runs[3].ErrLines));
    }

    [Fact]
    public async Task Csv_text_cells_a_spreadsheet_would_evaluate_are_neutralised()
    {
        var spec = new CoupleSpec("x", new DateTime(2026, 3, 7, 8, 0, 0), 2, 1, 0.5,
            [new PartnerSpec("a", "A", 4, 4, Wound.Late), new PartnerSpec("b", "B", 4, 4, Wound.Late)], [], [], []);
        var run = CoupleSimulation.Run(spec);
        run = run with { Events = [new SimEvent(0, spec.Start, "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx,y", "=tone")] };
        var lines = CsvWriters.Events(run).Split('\n');
        Assert.Equal("0,2026-03-07T08:00,\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),\"'\tx,y\",'=tone", lines[1]);
        // numbers are numbers: a negative stance is not quoted away
        Assert.DoesNotContain("'", CsvWriters.Timeline(run));
    }

    [GeneratedRegex(@"[\x00-\x08\x0B-\x1F\x7F\u0080-\u009F]")]
    private static partial Regex ControlCharacter();
}
