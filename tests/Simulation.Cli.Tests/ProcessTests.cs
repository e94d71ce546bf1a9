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
        foreach (var f in new[] { "timeline.csv", "events.csv", "run.json", "closeness.svg", "closeness.png", "report.html" })
            Assert.True(File.Exists(Path.Combine(t.Path, "out", "alma-will", f)), f);
        string o = await stdout;
        Assert.Contains(Path.Combine("out", "alma-will"), o);
        Assert.DoesNotContain("\u001b[", o); // no terminal control codes when the output is not a terminal
    }
}
