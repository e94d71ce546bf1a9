using System.Diagnostics;

namespace Simulation.Cli.Tests;

/// <summary>The built couplesim, run as a separate process the way the README runs it.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task The_readme_command_writes_out_scenario_name_with_plain_output_when_piped()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t["scenarios"]);
        File.Copy(Path.Combine(Cli.Root, "scenarios", "alma-will.yaml"), Path.Combine(t["scenarios"], "alma-will.yaml"));
        string dll = Path.Combine(AppContext.BaseDirectory, "couplesim.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = t.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "run", "scenarios/alma-will.yaml" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.True(p.ExitCode == 0, await stderr);
        foreach (var f in new[] { "timeline.csv", "events.csv", "run.json", "closeness.svg", "report.html" })
            Assert.True(File.Exists(Path.Combine(t.Path, "out", "alma-will", f)), f);
        string o = await stdout;
        Assert.Contains(Path.Combine("out", "alma-will"), o);
        Assert.DoesNotContain("\u001b[", o); // no terminal control codes when the output is not a terminal
    }

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
        Assert.True(File.Exists(Path.Combine(t.Path, "out", "alma-will", "report.html")));
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
