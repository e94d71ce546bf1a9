using System.Text.RegularExpressions;

namespace Simulation.Cli.Tests;

/// <summary>
/// Issue 14's fuzz test: every library scenario, truncated and mutated (<see cref="Mutants"/>), through
/// the command line's own entry point. Each input either runs (exit 0, the run's files written) or
/// gives exit 2 with well-formed one-line diagnostics and nothing written; never another exit code,
/// an exception, a stack trace, a control character or a hang. Fixed seed, so a failure names its
/// input and comes back every time; bounded (about 1,700 inputs validated, the valid ones explained,
/// two per library file run, all in well under a minute).
/// </summary>
public sealed partial class FuzzTests
{
    private const int Seed = 14;
    /// <summary>Valid mutants run per library file: each run starts a silo (about 1.5 s with Orleans), so only a few.</summary>
    private const int RunsPerFile = 2;
    /// <summary>Nothing a user types may take longer than this; past it the input counts as a hang.</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_mutated_library_scenario_runs_or_gives_exit_2_with_one_line_diagnostics_and_nothing_written()
    {
        using var t = new TempDir();
        var failures = new List<string>();
        var valid = new List<(Mutant Mutant, string Path)>();
        int checkedCount = 0, bad = 0;
        int n = 0;
        foreach (var file in Library())
        {
            foreach (var m in Mutants.Of(Path.GetFileName(file), File.ReadAllBytes(file), Seed))
            {
                string path = t[$"m{n++}.yaml"];
                File.WriteAllBytes(path, m.Bytes);
                checkedCount++;

                var v = await Bounded(m, "validate", path);
                if (v is null) { failures.Add($"{m.What}: validate hung"); continue; }
                if (v.ExitCode == 0)
                {
                    Check(failures, m, "validate", v, path, out _);
                    valid.Add((m, path));
                    continue;
                }
                bad++;
                Check(failures, m, "validate", v, path, out var validateLines);

                // run on bad input: the same diagnostics, nothing written, and no silo started to find out
                string outDir = t[$"o{n}"];
                var r = await Bounded(m, "run", path, "--out", outDir);
                if (r is null) { failures.Add($"{m.What}: run hung"); continue; }
                Check(failures, m, "run", r, path, out var runLines);
                if (r.ExitCode != 2) failures.Add($"{m.What}: validate said 2, run said {r.ExitCode}");
                else if (!runLines.SequenceEqual(validateLines)) failures.Add($"{m.What}: run and validate disagree:\n  {string.Join("\n  ", runLines)}\n  vs\n  {string.Join("\n  ", validateLines)}");
                if (Directory.Exists(outDir)) failures.Add($"{m.What}: exit 2 left {outDir} behind");
            }
        }

        // valid ones explained (no silo needed), and a few of each file run: changed ones, not mere cuts
        var rng = new Random(Seed);
        foreach (var (m, path) in valid)
        {
            var x = await Bounded(m, "explain", path);
            if (x is null) failures.Add($"{m.What}: explain hung");
            else Check(failures, m, "explain", x, path, out _);
        }
        var toRun = valid.Where(x => !x.Mutant.What.Contains(": cut at"))
            .GroupBy(x => x.Mutant.What[..x.Mutant.What.IndexOf(':')])
            .SelectMany(g => g.OrderBy(_ => rng.Next()).Take(RunsPerFile))
            .ToList();
        foreach (var (m, path) in toRun)
        {
            string outDir = t[$"run{n++}"];
            var r = await Bounded(m, "run", path, "--out", outDir, "--length", "2d");
            if (r is null) { failures.Add($"{m.What}: run hung"); continue; }
            Check(failures, m, "run --length 2d", r, path, out _);
            if (r.ExitCode == 0)
            {
                var files = Directory.Exists(outDir) ? Directory.GetFileSystemEntries(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray() : [];
                if (!files.SequenceEqual(Simulation.Reports.ReportWriter.FileNames.Order(StringComparer.Ordinal)))
                    failures.Add($"{m.What}: run wrote [{string.Join(", ", files)}]");
                Directory.Delete(outDir, true);
            }
            else if (Directory.Exists(outDir)) failures.Add($"{m.What}: exit {r.ExitCode} left {outDir} behind");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} inputs misbehaved:\n" + string.Join("\n", failures.Take(40)));
        // the mutations reach both sides: most inputs are refused, some still run
        Assert.True(checkedCount > 1000, $"only {checkedCount} inputs");
        Assert.True(bad > checkedCount / 2 && toRun.Count >= 2 * 9, $"{bad} refused, {valid.Count} valid, {toRun.Count} run of {checkedCount}");
    }

    /// <summary>The library's scenario files.</summary>
    internal static string[] Library() =>
        [.. Directory.GetFiles(Path.Combine(Cli.Root, "scenarios"), "*.yaml").Order(StringComparer.Ordinal)];

    /// <summary>Runs the command line in-process; null when it has not finished within <see cref="HangAfter"/>.</summary>
    private static async Task<CliResult?> Bounded(Mutant m, params string[] args)
    {
        var task = Cli.Run(args);
        var done = await Task.WhenAny(task, Task.Delay(HangAfter));
        return done == task ? await task : null;
    }

    /// <summary>The contract for one command's result: exit 0 or 2; on 2, only diagnostic lines on stderr, each well-formed.</summary>
    private static void Check(List<string> failures, Mutant m, string command, CliResult r, string path, out string[] lines)
    {
        lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string who = $"{m.What}: {command}";
        if (r.ExitCode is not (0 or 2))
        {
            failures.Add($"{who}: exit {r.ExitCode}: {Head(r.Err)}");
            return;
        }
        if (r.Err.Contains("   at ") || r.Err.Contains("Exception") || r.Out.Contains("Exception") || r.Err.Contains("internal error"))
            failures.Add($"{who}: {Head(r.Err)}");
        if (ControlCharacter().IsMatch(r.Out) || ControlCharacter().IsMatch(r.Err))
            failures.Add($"{who}: a control character reached the output");
        if (r.ExitCode == 0)
        {
            if (r.Err.Length > 0) failures.Add($"{who}: exit 0 with stderr {Head(r.Err)}");
            return;
        }
        if (lines.Length == 0) failures.Add($"{who}: exit 2 without a diagnostic");
        if (lines.Length > Simulation.Scenarios.ScenarioLimits.MaxDiagnostics + 1) failures.Add($"{who}: {lines.Length} diagnostic lines");
        int fileLines = File.ReadAllText(path).Split('\n').Length;
        foreach (var line in lines)
        {
            var d = DiagnosticLine().Match(line);
            if (!d.Success)
                failures.Add($"{who}: not a diagnostic line: {Head(line)}");
            else if (d.Groups["path"].Value != path && d.Groups["path"].Value is not ("--length" or "--out"))
                failures.Add($"{who}: diagnostic for another place: {Head(line)}");
            else if (d.Groups["path"].Value == path && (int.Parse(d.Groups["line"].Value) > fileLines + 1 || int.Parse(d.Groups["column"].Value) < 1))
                failures.Add($"{who}: position outside the file: {Head(line)}");
        }
    }

    private static string Head(string s) => s.Length > 300 ? s[..300] + "…" : s;

    [GeneratedRegex(@"^(?<path>[^\x00-\x1F\x7F]+?):(?<line>[1-9]\d*):(?<column>[1-9]\d*): error: [^\x00-\x1F\x7F]+$")]
    private static partial Regex DiagnosticLine();

    // anything but the line feeds that end lines (and the tabs of a tab-separated listing)
    [GeneratedRegex(@"[\x00-\x08\x0B-\x1F\x7F\u0080-\u009F\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex ControlCharacter();
}
