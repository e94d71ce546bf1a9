using System.Xml.Linq;

namespace Simulation.Cli.Tests;

/// <summary>
/// <c>couplesim sweep</c> as a student runs it: in its own silo, or on a cluster of <c>couplesim silo</c>
/// processes sharing a Redis membership table, where one silo may die mid-sweep. The files are the same
/// bytes in every case.
/// </summary>
public sealed class SweepTests
{
    private static string Library(string name) => Path.Combine(Cli.Root, "scenarios", name + ".yaml");

    [Fact]
    public async Task The_issues_sweep_writes_a_row_per_run_and_per_point_and_the_same_bytes_again()
    {
        using var t = new TempDir();
        string[] args = ["sweep", Library("alma-will"), "--vary", "will.avoidance=1:7:1", "--seeds", "1-10"];
        var first = await Cli.Run([.. args, "--out", t["a"]]);
        Assert.True(first.ExitCode == 0, first.Err);
        Assert.Contains("7 grid points × 10 seeds = 70 runs of 4 weeks", first.Out);
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
        AssertSameFiles(t["a"], t["b"]);
    }

    [Theory]
    [InlineData(new[] { "--seeds", "1-3" }, "--vary:1:1: error: a sweep varies at least one key")]
    [InlineData(new[] { "--vary", "will.avoidance=1:7:0" }, "--vary:1:16: error: a range goes up from FROM to TO in steps above 0")]
    [InlineData(new[] { "--vary", "will.avoidance=1:7:1", "--map", "closeness" }, "--map:1:1: error: no figure `closeness`; the figures are `mean_closeness`")]
    [InlineData(new[] { "--vary", "will.avoidance=1:7:1", "--cluster", "http://x:1" }, "--cluster:1:1: error: expected redis://HOST:PORT")]
    [InlineData(new[] { "--vary", "will.avoidance=1:7:0.0001", "--seeds", "1-100" }, "--vary:1:16: error: `1:7:0.0001` has more than 10,000 values")]
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
        AssertSameFiles(t["here"], t["there"]);

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
        AssertSameFiles(t["reference"], t["killed"]);
    }

    [Fact]
    public async Task A_sweep_stopped_by_ctrl_c_writes_nothing()
    {
        using var t = new TempDir();
        using var sweep = new CouplesimProcess(t.Path, "sweep", Library("alma-will"), "--vary", "will.avoidance=1:7:0.5", "--seeds", "1-300", "--length", "1y", "--out", t["o"]);
        await sweep.WaitForAsync(" runs (", TimeSpan.FromSeconds(120));
        Interrupt(sweep.Id);
        Assert.Equal(130, await sweep.ExitAsync(TimeSpan.FromSeconds(60)));
        Assert.False(Directory.Exists(t["o"]), "an interrupted sweep left its folder behind");
    }

    private static void AssertSameFiles(string expected, string actual)
    {
        var names = Directory.GetFiles(expected).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names, Directory.GetFiles(actual).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in names)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name!))), $"{name} differs");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    private static void Interrupt(int pid) => Signal(pid, 2);
}
