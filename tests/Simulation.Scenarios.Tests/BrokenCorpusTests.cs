using System.Text.RegularExpressions;
using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

/// <summary>
/// Every file under broken/ has one problem and states the expected first diagnostic in its first
/// line: <c># expect: LINE:COL: substring</c>.
/// </summary>
public sealed partial class BrokenCorpusTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "broken");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Dir, "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_twenty_files()
    {
        Assert.True(Directory.GetFiles(Dir, "*.yaml").Length >= 20);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_broken_file_gives_its_stated_diagnostic(string file)
    {
        string path = Path.Combine(Dir, file);
        var header = Header().Match(File.ReadLines(path).First());
        Assert.True(header.Success, $"{file} lacks a `# expect: LINE:COL: text` header");
        int line = int.Parse(header.Groups[1].Value), column = int.Parse(header.Groups[2].Value);
        string text = header.Groups[3].Value;

        ScenarioException? caught = null;
        try
        {
            ScenarioLoader.Load(path);
        }
        catch (ScenarioException ex)
        {
            caught = ex;
        }
        // Any other exception type fails the test by escaping.
        Assert.NotNull(caught);
        var d = Assert.Single(caught.Diagnostics);
        Assert.Equal(new SourceLocation(path, line, column), d.Location);
        Assert.Contains(text, d.Message);
        Assert.DoesNotContain("\n", d.ToString());
        Assert.DoesNotContain("   at ", caught.Message);
        Assert.StartsWith($"{path}:{line}:{column}: error: ", d.ToString());

        Assert.False(ScenarioLoader.TryLoad(path, out var none, out var diagnostics));
        Assert.Null(none);
        Assert.Equal(caught.Diagnostics.AsEnumerable(), diagnostics.AsEnumerable());
    }

    [GeneratedRegex(@"^# expect: (\d+):(\d+): (.+)$")]
    private static partial Regex Header();
}
