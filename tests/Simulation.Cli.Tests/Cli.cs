using Simulation.Cli;

namespace Simulation.Cli.Tests;

/// <summary>Runs couplesim in-process with captured output.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public static class Cli
{
    public static async Task<CliResult> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CliApp.RunAsync(args, o, e);
        return new CliResult(code, o.ToString().Replace("\r\n", "\n"), e.ToString().Replace("\r\n", "\n"));
    }

    /// <summary>
    /// Fails, saying why, when this process ignores SIGINT: its children inherit that (a test run started in the
    /// background of a shell without job control, `(./test.sh &)`), so Ctrl+C never reaches couplesim and a
    /// Ctrl+C test would fail as if couplesim had ignored it.
    /// </summary>
    public static void AssertCtrlCReachesChildren()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        Assert.NotNull(line);
        ulong ignored = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
        Assert.False((ignored & 1UL << (2 - 1)) != 0,
            "SIGINT is ignored by the test process, and so by every couplesim it starts: run the tests in the foreground or with job control (set -m), not as `(./test.sh &)`");
    }

    /// <summary>The repository root (where Simulation.sln is).</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Simulation.sln"))) return d.FullName;
        throw new InvalidOperationException("Simulation.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The two folders hold the same files, byte for byte.</summary>
    public static void AssertSameFiles(string expected, string actual)
    {
        var names = Directory.GetFiles(expected).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names, Directory.GetFiles(actual).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in names)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name!))), $"{name} differs");
    }

    public static string Broken => Path.Combine(Root, "tests", "Simulation.Scenarios.Tests", "broken");
    public static string Fixtures => Path.Combine(Root, "tests", "Simulation.Scenarios.Tests", "fixtures");
}

/// <summary>A scratch folder removed after the test.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "couplesim-cli-" + Guid.NewGuid().ToString("N"));

    public TempDir() => Directory.CreateDirectory(Path);

    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a small two-partner scenario (one week, Alma and Will's schedule) and returns its path.</summary>
    public string Scenario(string name = "tiny", string length = "1w", string expect = "  - {pattern: stable, holds: false}")
    {
        string file = this[name + ".yaml"];
        File.WriteAllText(file, $"""
            name: {name}
            title: "Tiny: {name}"
            summary: A week of Alma and Will, for the CLI tests.
            notes: {"{"}what: Alma pursues, notice: Sunday evening, try: raise Will's responsiveness{"}"}
            start: 2026-03-07T08:00
            length: {length}
            seed: 7
            closeness: 0.5
            partners:
              - {"{"}id: alma, name: Alma, anxiety: 6.0, avoidance: 2.0, wound: early{"}"}
              - {"{"}id: will, name: Will, anxiety: 2.0, avoidance: 5.5, wound: early{"}"}
            schedule:
              - {"{"}who: both, days: [sat, sun], from: "08:00", to: "18:00", leisure: 1.0{"}"}
              - {"{"}who: will, days: [sun], from: "18:00", to: "09:00", stress: 0.8{"}"}
              - {"{"}who: will, days: weekdays, from: "09:00", to: "17:00", availability: 0.15{"}"}
              - {"{"}who: both, days: all, from: "23:00", to: "07:00", asleep: true{"}"}
            expect:
            {expect}

            """);
        return file;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, true);
    }
}
