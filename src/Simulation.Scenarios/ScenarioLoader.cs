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
    /// <summary>
    /// Loads a scenario file. Throws <see cref="ScenarioException"/> for any problem, including a missing
    /// file, a folder, a device or pipe, or a file over <see cref="ScenarioLimits.MaxFileBytes"/> (at 1:1);
    /// never another exception, and bounded in time and memory by <see cref="ScenarioLimits"/>.
    /// </summary>
    public static Scenario Load(string path) => Load(path, out _);

    /// <summary>As <see cref="Load(string)"/>, and gives the text it read (without a byte-order mark): what a sweep sends its workers.</summary>
    public static Scenario Load(string path, out string text)
    {
        var bytes = SafeRead.Bytes(path, out var problem) ?? throw ScenarioException.One(path, 1, 1, problem!);
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var (line, column) = Position(bytes, ex.Index);
            throw ScenarioException.One(path, line, column, "the file is not UTF-8 text (an invalid byte here); save it as UTF-8");
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        return Read(text, path, Hash(bytes));
    }

    /// <summary>Parses scenario text; <paramref name="path"/> is used in diagnostics. Sha256 is of the text's UTF-8 bytes.</summary>
    public static Scenario Parse(string yamlText, string path)
    {
        if (yamlText.Length > ScenarioLimits.MaxFileBytes || Encoding.UTF8.GetByteCount(yamlText) > ScenarioLimits.MaxFileBytes)
            throw ScenarioException.One(path, 1, 1, $"the text is longer than a scenario file may be ({ScenarioLimits.MaxFileBytes / 1024} KiB)");
        return Read(yamlText, path, Hash(Encoding.UTF8.GetBytes(yamlText)));
    }

    /// <summary>Like <see cref="Load(string)"/>, but returns the diagnostics instead of throwing.</summary>
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
            throw ScenarioException.One(path, (int)Math.Clamp(ex.Start.Line, 1, int.MaxValue), (int)Math.Clamp(ex.Start.Column, 1, int.MaxValue), "YAML syntax: " + ex.Message);
        }
        catch (Exception ex) when (ex is not ScenarioException and not OutOfMemoryException)
        {
            // A bug of ours, not the user's mistake: still one line, so one file cannot take down a listing.
            throw ScenarioException.One(path, 1, 1, $"internal error while reading this file ({ex.GetType().Name}: {ex.Message}); please report it");
        }
        if (scenario is null || reader.Diagnostics.Count > 0)
        {
            // aliases can bring the same mistake back many times at one place: it is said once
            var ordered = reader.Diagnostics
                .Select((d, i) => (d, i))
                .OrderBy(x => x.d.Location.Line).ThenBy(x => x.d.Location.Column).ThenBy(x => x.i)
                .Select(x => x.d)
                .Distinct()
                .ToList();
            int total = ordered.Count + reader.Uncounted;
            throw new ScenarioException(Diagnostic.Capped(ordered, total));
        }
        return scenario;
    }

    /// <summary>1-based line and column of a byte offset (columns count characters as far as they decode).</summary>
    private static (int Line, int Column) Position(byte[] bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        int lineStart = index == 0 ? 0 : Array.LastIndexOf(bytes, (byte)'\n', index - 1) + 1;
        int line = 1 + bytes.AsSpan(0, lineStart).Count((byte)'\n');
        var lenient = new UTF8Encoding(false, false);
        int column = 1 + lenient.GetCharCount(bytes, lineStart, index - lineStart);
        return (line, column);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>Finds the scenario files of a library folder.</summary>
public static class ScenarioLibrary
{
    /// <summary>The library's folder, relative to where couplesim runs (a clone's root): <c>list</c>, <c>check</c> and <c>serve</c> read it.</summary>
    public const string Folder = "scenarios";

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
