using System.Diagnostics;

namespace Simulation.Cli.Tests;

/// <summary>The charts run and compare write: their size, and the same bytes from separate processes.</summary>
public sealed class ChartOutputTests
{
    private static (int W, int H) PngSize(string file)
    {
        byte[] png = File.ReadAllBytes(file);
        int Be(int at) => png[at] << 24 | png[at + 1] << 16 | png[at + 2] << 8 | png[at + 3];
        return (Be(16), Be(20));
    }

    [Fact]
    public async Task Size_sets_the_png_and_the_svg_of_run_and_compare()
    {
        using var t = new TempDir();
        string s = t.Scenario(length: "2d");
        var run = await Cli.Run("run", s, "--size", "1280x720", "--out", t["run"]);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal((1280, 720), PngSize(Path.Combine(t["run"], "closeness.png")));
        Assert.Contains("viewBox=\"0 0 1280 720\"", File.ReadAllText(Path.Combine(t["run"], "closeness.svg")));
        var cmp = await Cli.Run("compare", s, "--set", "will.responsiveness=0.9", "--size", "2560x1440", "--out", t["cmp"]);
        Assert.True(cmp.ExitCode == 0, cmp.Err);
        Assert.Equal((2560, 1440), PngSize(Path.Combine(t["cmp"], "compare.png")));
        var plain = await Cli.Run("run", s, "--out", t["plain"]);
        Assert.Equal((1920, 1080), PngSize(Path.Combine(t["plain"], "closeness.png")));
    }

    [Theory]
    [InlineData("big", "`big` is not a size")]
    [InlineData("1920", "`1920` is not a size")]
    [InlineData("1920x", "`1920x` is not a size")]
    [InlineData("-5x100", "`-5x100` is not a size")]
    [InlineData("10x10", "`10x10` is outside 800x450 to 7680x4320 pixels")]
    [InlineData("99999x99999", "`99999x99999` is outside")]
    public async Task A_bad_size_is_one_line_exit_2_and_nothing_written(string size, string message)
    {
        using var t = new TempDir();
        foreach (var args in new[] { new[] { "run", t.Scenario(), "--size", size, "--out", t["o"] },
                                     new[] { "compare", t.Scenario(), "--set", "will.responsiveness=0.9", "--size", size, "--out", t["o"] } })
        {
            var r = await Cli.Run(args);
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith($"--size:1:1: error: {message}", Assert.Single(r.ErrLines));
            Assert.False(Directory.Exists(t["o"]));
        }
    }

    [Fact]
    public async Task Two_processes_write_byte_identical_charts()
    {
        using var t = new TempDir();
        string s = t.Scenario(length: "3d");
        await Couplesim(t.Path, "run", s, "--out", t["a"]);
        await Couplesim(t.Path, "run", s, "--out", t["b"]);
        foreach (var f in new[] { "closeness.svg", "closeness.png", "report.html" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(t["a"], f)), File.ReadAllBytes(Path.Combine(t["b"], f)));
        await Couplesim(t.Path, "compare", s, "--set", "will.responsiveness=0.9", "--out", t["c"]);
        await Couplesim(t.Path, "compare", s, "--set", "will.responsiveness=0.9", "--out", t["d"]);
        foreach (var f in new[] { "compare.svg", "compare.png", "compare.html" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(t["c"], f)), File.ReadAllBytes(Path.Combine(t["d"], f)));
    }

    /// <summary>Runs the built couplesim as its own process, bounded in time and stopped by its id if it overruns.</summary>
    private static async Task Couplesim(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "couplesim.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            Process.GetProcessById(p.Id).Kill(entireProcessTree: true);
            throw new TimeoutException($"couplesim {string.Join(' ', args)} did not finish in 120 s");
        }
        await stdout;
        Assert.True(p.ExitCode == 0, await stderr);
    }
}
