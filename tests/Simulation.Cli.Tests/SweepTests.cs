using System.Xml.Linq;

namespace Simulation.Cli.Tests;

/// <summary>
/// <c>couplesim sweep</c> as a student runs it: in its own silo, or on a cluster of <c>couplesim silo</c>
/// processes sharing a Redis membership table, where one silo may die mid-sweep. The files are the same
/// bytes in every case.
/// </summary>
public sealed class SweepTests
{
    [Fact]
    public void Time_left_waits_for_a_fiftieth_of_the_runs_before_it_estimates()
    {
        // the first batch back while the code compiles: 1 of 5,250 runs after 0.6 s would have read "about 3150 s left"
        Assert.Equal("estimating the time left", Simulate.TimeLeft(1, 5250, TimeSpan.FromSeconds(0.6)));
        Assert.Equal("estimating", Simulate.TimeLeft(500, 1000, TimeSpan.FromSeconds(0.2), "estimating"));
        Assert.Equal("about 9 s left", Simulate.TimeLeft(525, 5250, TimeSpan.FromSeconds(1)));
    }

    private static string Library(string name) => Path.Combine(Cli.Root, "scenarios", name + ".yaml");

    [Fact]
    public async Task The_issues_sweep_writes_a_row_per_run_and_per_point_and_the_same_bytes_again()
    {
        using var t = new TempDir();
        string[] args = ["sweep", Library("alma-will"), "--vary", "will.avoidance=1:7:1", "--seeds", "1-10"];
        var first = await Cli.Run([.. args, "--out", t["a"]]);
        Assert.True(first.ExitCode == 0, first.Err);
        Assert.Contains("7 grid points × 10 seeds = 70 runs of 4 weeks", first.Out);
        // The claims in words with the partners' names, not as pattern calls.
        Assert.Contains("Claim 1, \"Will withdraws within", first.Out);
        Assert.DoesNotContain("(withdraws-after)", first.Out);
        Assert.Equal(["runs.csv", "summary.csv", "sweep.html", "sweep.png", "sweep.svg"], Directory.GetFiles(t["a"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(1 + 70, File.ReadAllLines(t["a/runs.csv"]).Length);
        Assert.Equal(1 + 7, File.ReadAllLines(t["a/summary.csv"]).Length);

        var svg = XDocument.Parse(File.ReadAllText(t["a/sweep.svg"])); // well-formed XML
        Assert.DoesNotContain(svg.Descendants(), e => e.Attributes().Any(a => a.Value.Contains("http") && a.Name.LocalName is "href"));
        string html = File.ReadAllText(t["a/sweep.html"]);
        Assert.Contains("couplesim sweep", html);
        Assert.Contains("SHA-256", html);
        Assert.DoesNotContain("src=\"http", html);

        var second = await Cli.Run([.. args, "--out", t["b"]]);
        Assert.Equal(0, second.ExitCode);
        Cli.AssertSameFiles(t["a"], t["b"]);
    }

    [Theory]
    [InlineData(new[] { "--seeds", "1-3" }, "--vary:1:1: error: a sweep varies at least one key")]
    [InlineData(new[] { "--vary", "will.avoidance=1:7:0" }, "--vary:1:16: error: a range goes up from FROM to TO in steps above 0")]
    [InlineData(new[] { "--vary", "will.avoidance=1:7:1", "--map", "closeness" }, "--map:1:1: error: no figure `closeness`; the figures are `mean_closeness`")]
    [InlineData(new[] { "--vary", "will.avoidance=1:7:1", "--map", "positive-share" }, "--map:1:1: error: no figure `positive-share` (did you mean `positive_share`?); the figures are")]
    [InlineData(new[] { "--vary", "will.avoidance=1:7:1", "--cluster", "http://x:1" }, "--cluster:1:1: error: expected redis://HOST:PORT")]
    [InlineData(new[] { "--vary", "will.avoidance=1:7:0.001", "--seeds", "1-100" }, "--vary:1:16: error: `1:7:0.001` has 6,001 values; a key takes at most 201, more than a chart can tell apart (take a step of 0.03 or more)")]
    [InlineData(new[] { "--vary", "seed=1,2", "--seeds", "1-2" }, "--vary:1:1: error: a sweep runs every grid point on every seed of --seeds; give the seeds there")]
    [InlineData(new[] { "--vary", "length=1w,2w" }, "--vary:1:1: error: a sweep's runs all have one length (--length 8w)")]
    [InlineData(new[] { "--vary", "will.avoidance=3,5", "--set", "seed=5" }, "--set:1:1: error: a sweep runs every grid point on every seed of --seeds, so `seed=5` would be ignored")]
    [InlineData(new[] { "--vary", "will.avoidance=3,5", "--set", "will.avoidance=4" }, "--vary:1:1: error: `will.avoidance` is varied and also set (`--set will.avoidance=4`); drop one")]
    public async Task A_mistake_is_one_line_exit_2_and_nothing_written(string[] options, string start)
    {
        using var t = new TempDir();
        var r = await Cli.Run(["sweep", Library("alma-will"), "--out", t["o"], .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(start, Assert.Single(r.ErrLines));
        Assert.False(Directory.Exists(t["o"]));
    }

    [Fact]
    public async Task A_cluster_of_two_silo_processes_gives_the_same_bytes_as_the_sweeps_own_silo_even_when_one_dies_mid_sweep()
    {
        using var t = new TempDir();
        using var redis = new RedisServer();
        using var one = new CouplesimProcess(t.Path, "silo", "--cluster", redis.Address);
        using var two = new CouplesimProcess(t.Path, "silo", "--cluster", redis.Address);
        await one.WaitForAsync("is up", TimeSpan.FromSeconds(90));
        await two.WaitForAsync("is up", TimeSpan.FromSeconds(90));

        // 1. A sweep through the cluster, as an Orleans client, and the same sweep in its own silo.
        string[] small = ["sweep", Library("alma-will"), "--vary", "will.avoidance=1:7:1", "--vary", "alma.wound=early,late", "--seeds", "1-6"];
        var here = await Cli.Run([.. small, "--out", t["here"]]);
        var there = await Cli.Run([.. small, "--out", t["there"], "--cluster", redis.Address]);
        Assert.True(here.ExitCode == 0, here.Err);
        Assert.True(there.ExitCode == 0, there.Err);
        Assert.Contains("on 1 silo", here.Out);
        Assert.Contains("on 2 silos", there.Out);
        Cli.AssertSameFiles(t["here"], t["there"]);

        // 2. A longer sweep through the cluster; one silo is killed (by its process id, at once) once the
        //    sweep is under way. Its lost batches go again to the other, and the files come out the same.
        string[] big = ["sweep", Library("alma-will"), "--vary", "will.avoidance=1:7:0.5", "--seeds", "1-150", "--length", "1y"];
        using var sweep = new CouplesimProcess(t.Path, [.. big, "--out", t["killed"], "--cluster", redis.Address]);
        await sweep.WaitForAsync(" runs (", TimeSpan.FromSeconds(120)); // the first progress line: batches on both silos
        Assert.False(sweep.HasExited, "the sweep ended before a silo could be killed");
        one.KillHard();
        Assert.True(await sweep.ExitAsync(TimeSpan.FromMinutes(5)) == 0, sweep.Out + sweep.Err);
        Assert.Contains("sent again after a failure", sweep.Out);

        var reference = await Cli.Run([.. big, "--out", t["reference"]]);
        Assert.True(reference.ExitCode == 0, reference.Err);
        Cli.AssertSameFiles(t["reference"], t["killed"]);
    }

    [Fact]
    public async Task A_sweep_stopped_by_ctrl_c_writes_nothing()
    {
        Cli.AssertCtrlCReachesChildren();
        using var t = new TempDir();
        using var sweep = new CouplesimProcess(t.Path, "sweep", Library("alma-will"), "--vary", "will.avoidance=1:7:0.5", "--seeds", "1-300", "--length", "1y", "--out", t["o"]);
        await sweep.WaitForAsync(" runs (", TimeSpan.FromSeconds(120));
        Interrupt(sweep.Id);
        Assert.Equal(130, await sweep.ExitAsync(TimeSpan.FromSeconds(60)));
        Assert.False(Directory.Exists(t["o"]), "an interrupted sweep left its folder behind");
    }


    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    private static void Interrupt(int pid) => Signal(pid, 2);
}

/// <summary><c>compare … --seeds</c>: the what-if over many seeds, with the change of every figure and how often it went that way.</summary>
public sealed class EnsembleCompareTests
{
    [Fact]
    public async Task An_ensemble_what_if_writes_its_chart_page_and_a_row_per_side_and_seed_the_same_bytes_again()
    {
        using var t = new TempDir();
        string[] args = ["compare", Path.Combine(Cli.Root, "scenarios", "alma-will.yaml"), "--set", "will.responsiveness=0.8", "--seeds", "1-10", "--length", "2w"];
        var first = await Cli.Run([.. args, "--out", t["a"]]);
        Assert.True(first.ExitCode == 0, first.Err);
        Assert.Contains("over 10 seeds", first.Out);
        // the terminal writes shares and changes as the page does: percentages, and the change in points
        Assert.Matches(@"Positive share\s+A \d+%\s+B \d+%\s+change [+−]?\d+\.\d pts \(95% interval .* pts to .* pts\), the same way on \d+ of 10 seeds", first.Out);
        Assert.Equal(["compare.html", "compare.png", "compare.svg", "runs.csv"], Directory.GetFiles(t["a"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var rows = File.ReadAllLines(t["a/runs.csv"]);
        Assert.Equal(1 + 20, rows.Length);
        Assert.StartsWith("side,seed,mean_closeness,", rows[0]);
        Assert.Equal(Enumerable.Range(1, 10).Select(s => $"A,{s}").Concat(Enumerable.Range(1, 10).Select(s => $"B,{s}")), rows.Skip(1).Select(r => string.Join(',', r.Split(',').Take(2))));
        // each claim in words, with the seeds it showed on per side, as runs.csv has them
        var header = rows[0].Split(',');
        for (int c = 1; c <= 7; c++)
        {
            int column = Array.IndexOf(header, $"claim_{c}");
            int Shown(string side) => rows.Skip(1).Count(r => r.StartsWith(side + ",", StringComparison.Ordinal) && r.Split(',')[column] == "true");
            Assert.Matches($@"\n  Claim {c}, ""[^""]+"": shown on {Shown("A")} of 10 seeds in A, {Shown("B")} in B\r?\n", first.Out);
        }
        string html = File.ReadAllText(t["a/compare.html"]);
        Assert.Contains("Same way", html);
        Assert.Contains("of 10</td>", html);
        // the words name the colours the chart and the table use (pink further apart, as in compare.png), not orange
        Assert.Contains("green where B is the warmer, calmer side", html);
        Assert.Contains("pink where it is the colder one", html);
        Assert.DoesNotContain("orange", html);
        // a change beyond chance is green when B is the warmer side, pink when the colder, bold black when neither
        var better = Simulation.Sweeps.RunFigure.For(Simulation.Scenarios.ScenarioLoader.Load(args[1])).ToDictionary(f => f.Column, f => f.HigherIsBetter);
        var marked = System.Text.RegularExpressions.Regex.Matches(html,
            @"<tr data-figure=""([a-z_]+)"">.*?<span(?: class=""([a-z-]+)"")?>[^<]*</span></td><td class=""num"">([^\s<]+)[^<]* to ([^\s<]+)[^<]*</td>");
        Assert.Equal(better.Count, marked.Count);
        foreach (System.Text.RegularExpressions.Match m in marked)
        {
            bool? up = m.Groups[3].Value.StartsWith('+') ? true : m.Groups[4].Value.StartsWith('−') ? false : null;
            string expected = up is null ? "" : better[m.Groups[1].Value] is { } b ? (up == b ? "diff-pos" : "diff-neg") : "diff-moved";
            Assert.True(expected == m.Groups[2].Value, $"{m.Groups[1].Value}: {m.Groups[2].Value} (interval {m.Groups[3].Value} to {m.Groups[4].Value})");
        }
        Assert.Contains(marked, m => m.Groups[2].Value.Length > 0);
        System.Xml.Linq.XDocument.Parse(File.ReadAllText(t["a/compare.svg"]));

        var second = await Cli.Run([.. args, "--out", t["b"]]);
        Assert.Equal(0, second.ExitCode);
        Cli.AssertSameFiles(t["a"], t["b"]);
    }

    [Fact]
    public async Task Seed_and_seeds_together_are_one_mistake()
    {
        using var t = new TempDir();
        var r = await Cli.Run("compare", t.Scenario(), "--set", "will.avoidance=3", "--seeds", "1-3", "--seed", "4", "--out", t["o"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(["--seed:1:1: error: give --seed (one run each) or --seeds (many), not both"], r.ErrLines);
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("sweep")]
    public async Task One_seed_is_refused_where_a_mean_over_seeds_and_its_interval_are_shown(string command)
    {
        using var t = new TempDir();
        string[] change = command == "compare" ? ["--set", "will.responsiveness=0.8"] : ["--vary", "will.avoidance=2,5"];
        var r = await Cli.Run([command, Path.Combine(Cli.Root, "scenarios", "alma-will.yaml"), .. change, "--seeds", "5", "--out", t["o"]]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(["--seeds:1:1: error: `5` is one seed; a mean over seeds and its 95% interval need at least two (e.g. --seeds 1-10)"], r.ErrLines);
        Assert.False(Directory.Exists(t["o"]));
    }
}
