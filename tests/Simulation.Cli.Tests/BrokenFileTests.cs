using System.Text.RegularExpressions;

namespace Simulation.Cli.Tests;

/// <summary>Every broken scenario of the scenarios' test suite, through the command line.</summary>
public sealed class BrokenFileTests
{
    public static TheoryData<string> BrokenFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Cli.Broken, "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    private static (string Position, string Text) Expected(string path)
    {
        var m = Regex.Match(File.ReadLines(path).First(), @"^# expect: (\d+:\d+): (.+)$");
        Assert.True(m.Success, $"{path} has no `# expect: line:col: text` header");
        return (m.Groups[1].Value, m.Groups[2].Value);
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Run_reports_one_diagnostic_line_exits_2_and_writes_nothing(string file)
    {
        string path = Path.Combine(Cli.Broken, file);
        var (position, text) = Expected(path);
        using var t = new TempDir();
        var r = await Cli.Run("run", path, "--out", t["out"]);

        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.ErrLines);
        Assert.StartsWith($"{path}:{position}: error: ", line);
        Assert.Contains(text, line);
        Assert.DoesNotContain("Exception", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.False(Directory.Exists(t["out"]), "nothing is written for bad input");
        Assert.Equal([], Directory.GetFileSystemEntries(t.Path));
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Validate_reports_the_same_line(string file)
    {
        string path = Path.Combine(Cli.Broken, file);
        var (position, text) = Expected(path);
        var r = await Cli.Run("validate", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(text, Assert.Single(r.ErrLines));
        Assert.StartsWith($"{path}:{position}: error: ", r.ErrLines[0]);
    }
}
