using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace Simulation.Scenarios;

/// <summary>
/// Reads scenario files (the YAML format of design.md), validates them and resolves them into the
/// model's <see cref="Simulation.Model.CoupleSpec"/>. Every problem becomes a <see cref="Diagnostic"/>
/// with the line and column of the offending node; nothing else escapes.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Loads a scenario file. Throws <see cref="ScenarioException"/> for any problem, including a missing file (at 1:1).</summary>
    public static Scenario Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string why = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot read the file ({ex.GetType().Name})";
            throw ScenarioException.One(path, 1, 1, why);
        }
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw ScenarioException.One(path, 1, 1, "the file is not UTF-8 text");
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        return Read(text, path, Hash(bytes));
    }

    /// <summary>Parses scenario text; <paramref name="path"/> is used in diagnostics. Sha256 is of the text's UTF-8 bytes.</summary>
    public static Scenario Parse(string yamlText, string path) =>
        Read(yamlText, path, Hash(Encoding.UTF8.GetBytes(yamlText)));

    /// <summary>Like <see cref="Load"/>, but returns the diagnostics instead of throwing.</summary>
    public static bool TryLoad(string path, out Scenario? scenario, out ImmutableArray<Diagnostic> diagnostics)
    {
        try
        {
            scenario = Load(path);
            diagnostics = [];
            return true;
        }
        catch (ScenarioException ex)
        {
            scenario = null;
            diagnostics = ex.Diagnostics;
            return false;
        }
    }

    private static Scenario Read(string text, string path, string sha256)
    {
        var reader = new ScenarioReader(path);
        Scenario? scenario;
        try
        {
            scenario = reader.Read(text, sha256);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            // The tree builder reports syntax errors itself; this guards any the parser raises elsewhere.
            throw ScenarioException.One(path, (int)Math.Max(1, ex.Start.Line), (int)Math.Max(1, ex.Start.Column), "YAML syntax: " + ex.Message);
        }
        if (scenario is null || reader.Diagnostics.Count > 0)
        {
            var ordered = reader.Diagnostics
                .Select((d, i) => (d, i))
                .OrderBy(x => x.d.Location.Line).ThenBy(x => x.d.Location.Column).ThenBy(x => x.i)
                .Select(x => x.d);
            throw new ScenarioException(ordered);
        }
        return scenario;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>Finds the scenario files of a library folder.</summary>
public static class ScenarioLibrary
{
    /// <summary>The <c>*.yaml</c> files directly in <paramref name="directory"/>, sorted by file name (ordinal); empty if it does not exist.</summary>
    public static ImmutableArray<string> Find(string directory)
    {
        if (!Directory.Exists(directory))
            return [];
        return [.. Directory.GetFiles(directory, "*.yaml", SearchOption.TopDirectoryOnly)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)];
    }
}
