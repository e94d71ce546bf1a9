using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Simulation.Cli.Tests;

/// <summary>The built couplesim, run as a separate process the way the README runs it.</summary>
public sealed class ProcessTests
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "couplesim.dll");

    /// <summary>Runs couplesim in <paramref name="workingDirectory"/>; killed (by its pid) if it is not done within <paramref name="timeout"/>.</summary>
    internal static async Task<(int Code, string Out, string Err, TimeSpan Took)> Couplesim(string workingDirectory, TimeSpan timeout, Action<Process>? whileRunning = null, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        whileRunning?.Invoke(p);
        using var cts = new CancellationTokenSource(timeout);
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            p.Kill();
            await p.WaitForExitAsync();
            Assert.Fail($"couplesim {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }
        return (p.ExitCode, await stdout, await stderr, watch.Elapsed);
    }

    [Fact]
    public async Task The_readme_command_writes_out_scenario_name_with_plain_output_when_piped()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["scenarios"]);
        File.Copy(Path.Combine(Cli.Root, "scenarios", "alma-will.yaml"), Path.Combine(t["scenarios"], "alma-will.yaml"));
        var r = await Couplesim(t.Path, TimeSpan.FromMinutes(2), null, "run", "scenarios/alma-will.yaml");

        Assert.True(r.Code == 0, r.Err);
        foreach (var f in new[] { "timeline.csv", "events.csv", "run.json", "closeness.svg", "closeness.png", "report.html" })
            Assert.True(File.Exists(Path.Combine(t.Path, "out", "alma-will", f)), f);
        Assert.Contains(Path.Combine("out", "alma-will"), r.Out);
        Assert.DoesNotContain("\u001b[", r.Out); // no terminal control codes when the output is not a terminal
    }

    [Fact]
    public async Task Run_with_set_seed_or_length_writes_its_own_folder_and_leaves_the_others_alone()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["scenarios"]);
        File.Copy(Path.Combine(Cli.Root, "scenarios", "alma-will.yaml"), Path.Combine(t["scenarios"], "alma-will.yaml"));
        var baseline = await Couplesim(t.Path, TimeSpan.FromMinutes(2), null, "run", "scenarios/alma-will.yaml", "--length", "2d");
        Assert.True(baseline.Code == 0, baseline.Err);
        Assert.Contains($"Wrote {Path.Combine("out", "alma-will-length=2d")}/", baseline.Out);
        byte[] before = File.ReadAllBytes(Path.Combine(t.Path, "out", "alma-will-length=2d", "timeline.csv"));

        var r = await Couplesim(t.Path, TimeSpan.FromMinutes(2), null, "run", "scenarios/alma-will.yaml", "--length", "2d", "--set", "will.avoidance=3");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains($"Wrote {Path.Combine("out", "alma-will-will.avoidance=3,length=2d")}/", r.Out);
        // another seed is another run: a student comparing seeds keeps the first
        var seed = await Couplesim(t.Path, TimeSpan.FromMinutes(2), null, "run", "scenarios/alma-will.yaml", "--seed", "5", "--length", "2d");
        Assert.True(seed.Code == 0, seed.Err);
        // a stretch by the partner's name is the same run as by its id: the same folder, not a second one
        foreach (var who in new[] { "Will", "will" })
        {
            var stretch = await Couplesim(t.Path, TimeSpan.FromMinutes(2), null, "run", "scenarios/alma-will.yaml", "--length", "2d", "--stretch", who + "@day1");
            Assert.True(stretch.Code == 0, stretch.Err);
            Assert.Contains($"Wrote {Path.Combine("out", "alma-will-stretch=will@day1,length=2d")}/", stretch.Out);
        }
        Directory.Delete(Path.Combine(t["out"], "alma-will-stretch=will@day1,length=2d"), recursive: true);

        // a student's edited copy that kept `name: alma-will` is named after its file, not written over the original's run
        File.WriteAllText(Path.Combine(t["scenarios"], "my copy.yaml"),
            File.ReadAllText(Path.Combine(t["scenarios"], "alma-will.yaml")).Replace("avoidance: 5.5", "avoidance: 3"));
        var copy = await Couplesim(t.Path, TimeSpan.FromMinutes(2), null, "run", "scenarios/my copy.yaml", "--length", "2d");
        Assert.True(copy.Code == 0, copy.Err);
        Assert.Contains($"Wrote {Path.Combine("out", "my_copy-length=2d")}/", copy.Out);
        Assert.Equal(["alma-will-length=2d", "alma-will-seed=5,length=2d", "alma-will-will.avoidance=3,length=2d", "my_copy-length=2d"],
            Directory.GetDirectories(t["out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(t.Path, "out", "alma-will-length=2d", "timeline.csv")));
    }

    [Fact]
    public async Task Each_what_if_of_compare_writes_a_folder_of_its_own()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["scenarios"]);
        File.Copy(Path.Combine(Cli.Root, "scenarios", "alma-will.yaml"), Path.Combine(t["scenarios"], "alma-will.yaml"));
        string[] what = ["compare", "scenarios/alma-will.yaml", "--length", "2d", "--set"];
        foreach (string[] args in new string[][] { [.. what, "will.avoidance=3"], [.. what, "will.responsiveness=0.8"], [.. what, "will.avoidance=3", "--seeds", "1-3"] })
        {
            var r = await Couplesim(t.Path, TimeSpan.FromMinutes(2), null, args);
            Assert.True(r.Code == 0, r.Err);
        }
        Assert.Equal(["alma-will-what-if-will.avoidance=3,length=2d", "alma-will-what-if-will.avoidance=3,length=2d,seeds-1-3", "alma-will-what-if-will.responsiveness=0.8,length=2d"],
            Directory.GetDirectories(t["out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_edited_copy_with_the_same_name_is_told_apart_by_its_file_in_the_labels_page_and_folder()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["scenarios"]);
        string text = File.ReadAllText(Path.Combine(Cli.Root, "scenarios", "alma-will.yaml"));
        File.WriteAllText(Path.Combine(t["scenarios"], "alma-will.yaml"), text);
        Assert.Contains("name: alma-will", text);
        File.WriteAllText(Path.Combine(t["scenarios"], "my copy.yaml"), text.Replace("seed: 47", "seed: 48")); // the same `name:`, a space in the file name
        var r = await Couplesim(t.Path, TimeSpan.FromMinutes(2), null, "compare", "scenarios/alma-will.yaml", "scenarios/my copy.yaml", "--length", "2d");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("  A: alma-will (alma-will.yaml)\n  B: alma-will (my copy.yaml)\n", r.Out);
        Assert.Equal(["alma-will-vs-my_copy-length=2d"], Directory.GetDirectories(t["out"]).Select(Path.GetFileName)); // no space in a folder name
        Assert.Contains("alma-will (my copy.yaml)", File.ReadAllText(Path.Combine(t["out"], "alma-will-vs-my_copy-length=2d", "compare.html")));
    }

    [Fact]
    public async Task A_sweep_prints_only_its_own_lines_and_nothing_of_the_chart_librarys()
    {
        // SkiaSharp writes its complaints (such as "Unsupported path effect in addPaint.") to the process's standard
        // output past Console, so only a separate process shows them
        using var t = new TempDir();
        var r = await Couplesim(t.Path, TimeSpan.FromMinutes(2), null, "sweep", Path.Combine(Cli.Root, "scenarios", "alma-will.yaml"),
            "--vary", "will.avoidance=1:7:3", "--seeds", "1-2", "--length", "2d", "--out", t["o"]);
        Assert.True(r.Code == 0, r.Err);
        Assert.True(File.Exists(t["o/sweep.svg"]));
        foreach (var line in r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.Matches("^(Sweep of |Ran |Wrote |  )", line);
        Assert.DoesNotContain("Unsupported", r.Out + r.Err);
    }

    [Fact]
    public async Task Ctrl_C_during_a_run_exits_130_and_writes_nothing()
    {
        Cli.AssertCtrlCReachesChildren();
        using var t = new TempDir();
        string scenario = t.Scenario();
        var r = await Couplesim(t.Path, TimeSpan.FromMinutes(2), p =>
        {
            // once the run is under way (simulating, or drawing ten years), as a trainer pressing Ctrl+C would
            Thread.Sleep(1000);
            Assert.Equal(0, Kill(p.Id, SigInt));
        }, "run", scenario, "--length", "10y", "--out", t["o"]);
        Assert.Equal(130, r.Code);
        Assert.Equal("couplesim: interrupted; nothing was written", r.Err.Trim());
        Assert.False(Directory.Exists(t["o"]));
    }

    private const int SigInt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Fact]
    public async Task The_launcher_builds_the_tool_once_and_then_runs_it_in_the_users_folder()
    {
        using var t = new TempDir();
        File.Copy(Path.Combine(Cli.Root, "scenarios", "alma-will.yaml"), t["alma-will.yaml"]);
        var env = new Dictionary<string, string> { ["COUPLESIM_TOOL_DIR"] = t["tool"] };

        var first = await Launch(t.Path, env, "validate", "alma-will.yaml");
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("building the tool", first.Err);
        Assert.Contains("alma-will.yaml: ok", first.Out);

        var second = await Launch(t.Path, env, "run", "alma-will.yaml", "--length", "1w");
        Assert.True(second.Code == 0, second.Err);
        Assert.DoesNotContain("building", second.Err); // nothing changed: no second build
        Assert.True(File.Exists(Path.Combine(t.Path, "out", "alma-will-length=1w", "report.html")));
    }

    private static async Task<(int Code, string Out, string Err)> Launch(string folder, Dictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(Cli.Root, "couplesim")) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(8)); // a first build on a busy 2-core machine
        try { await p.WaitForExitAsync(bounded.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); throw; }
        return (p.ExitCode, await stdout, await stderr);
    }
}

/// <summary>
/// Tests that bound how long the program takes run by themselves (a collection without parallel
/// neighbours): the bound is on couplesim, not on whatever else the test run is doing at the time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}

[Collection(AloneCollection.Name)]
public sealed class BoundedTimeTests
{
    [Fact]
    public async Task A_library_scenario_with_one_character_removed_or_added_exits_0_or_2_within_10_s()
    {
        // issue 14's "what it must show", on the real program with each file's own length
        using var t = new TempDir();
        var rng = new Random(14);
        var files = FuzzTests.Library();
        foreach (var file in new[] { files[0], files[^1], files.Single(f => File.ReadAllText(f).Contains("length: 52w")) })
        {
            string text = File.ReadAllText(file);
            int at = rng.Next(text.Length);
            char added = "{}[]\"':-#\t 0x&*|"[rng.Next(16)];
            foreach (var (what, mutant) in new[] { ($"char {at} removed", text.Remove(at, 1)), ($"{added} added at {at}", text.Insert(at, added.ToString())) })
            {
                string path = t[$"{Path.GetFileNameWithoutExtension(file)}-{at}-{mutant.Length}.yaml"];
                File.WriteAllText(path, mutant, new UTF8Encoding(false));
                var r = await ProcessTests.Couplesim(t.Path, TimeSpan.FromSeconds(10), null, "run", path, "--out", t["o"]);
                string who = $"{Path.GetFileName(file)}, {what}";
                Assert.True(r.Code is 0 or 2, $"{who}: exit {r.Code}: {r.Err}");
                Assert.DoesNotContain("   at ", r.Err);
                Assert.DoesNotContain("Exception", r.Err);
                if (r.Code == 2) Assert.All(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith(path + ":", l));
                if (Directory.Exists(t["o"])) Directory.Delete(t["o"], true);
            }
        }
    }

}
