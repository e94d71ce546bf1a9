using System.Text;
using System.Text.RegularExpressions;

namespace Simulation.Cli.Tests;

/// <summary>One hostile variant of a scenario file: what was done to it, and its bytes.</summary>
public sealed record Mutant(string What, byte[] Bytes);

/// <summary>
/// Makes hostile variants of a scenario file, deterministically from a seed: truncations, deleted,
/// doubled and swapped characters, inserted brackets, quotes, tabs, NULs, escape sequences and
/// invalid UTF-8, numbers made huge, negative or NaN, impossible dates, duplicated keys, nested
/// aliases, huge words, forged diagnostic lines.
/// </summary>
public static partial class Mutants
{
    private static readonly string[] Inserts =
    [
        "{", "}", "[", "]", "\"", "'", "\t", "\0", "\n", "\r", ":", ": ", "- ", "? ", "&a ", "*a", "*", "&", "!", "!!str ",
        "#", "|", ">", "%", "@", "`", ",", "\u001b[2J", "\u001b]0;owned\u0007", "\u202e", "\u2028", "\uFEFF", "---\n", "...\n",
    ];

    private static readonly byte[][] BadUtf8 = [[0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];

    private static readonly string[] Numbers =
        ["1e308", "1e400", "-1", "-0", "NaN", ".nan", ".inf", "-.inf", "99999999999999999999", "0", "0x10", "1_000", "3.", "7e-400", "+5", "1,5", "١"];

    private static readonly string[] Dates =
    [
        "2026-02-30T08:00", "9999-12-31T23:00", "9999-12-24T08:00", "0001-01-01T00:00", "2026-13-01T00:00", "2026-03-07T24:00",
        "2026-03-07T08:00Z", "2026-03-07T08:00+01:00", "10000-01-01T00:00", "2026-03-07", "2026-3-7T8:00", "8999-12-25T23:00", "1000-01-01T00:00",
    ];

    private static readonly string[] Durations = ["99999999999w", "0h", "-3d", "1.5w", "10y", "11y", "4W", "1h", "87600h", "87601h", "w", ""];

    public static IEnumerable<Mutant> Of(string name, byte[] original, int seed)
    {
        var rng = new Random(seed ^ StableHash(name));
        string text = Encoding.UTF8.GetString(original);
        string T(string what) => $"{name}: {what}";
        Mutant M(string what, string s) => new(T(what), Encoding.UTF8.GetBytes(s));

        // truncated at many offsets, with and without a final newline
        for (int i = 1; i <= 24; i++)
        {
            int at = original.Length * i / 25;
            yield return new(T($"cut at byte {at}"), original[..at]);
            yield return new(T($"cut at byte {at} + newline"), [.. original[..at], (byte)'\n']);
        }
        for (int i = 0; i < 10; i++)
        {
            int at = rng.Next(text.Length);
            yield return M($"char {at} deleted", text.Remove(at, 1));
        }
        for (int i = 0; i < 5; i++)
        {
            int at = rng.Next(text.Length);
            yield return M($"char {at} doubled", text.Insert(at, text[at].ToString()));
        }
        for (int i = 0; i < 5; i++)
        {
            int at = rng.Next(text.Length - 1);
            yield return M($"chars {at},{at + 1} swapped", text[..at] + text[at + 1] + text[at] + text[(at + 2)..]);
        }
        foreach (var insert in Inserts)
        {
            int at = rng.Next(text.Length);
            yield return M($"{Show(insert)} inserted at {at}", text.Insert(at, insert));
        }
        // an unclosed bracket at the very end, with no final newline (YamlDotNet threw InvalidOperationException)
        yield return M("open [ at the end", text.TrimEnd() + "\nschedule: [\n  x");
        yield return M("open { at the end", text.TrimEnd() + "\nnotes: {\nwhat");
        foreach (var bad in BadUtf8)
        {
            int at = rng.Next(original.Length);
            yield return new(T($"invalid UTF-8 {Convert.ToHexString(bad)} at byte {at}"), [.. original[..at], .. bad, .. original[at..]]);
        }
        for (int i = 0; i < 4; i++)
        {
            int at = rng.Next(original.Length);
            var flipped = (byte[])original.Clone();
            flipped[at] ^= (byte)(1 << rng.Next(8));
            yield return new(T($"bit flipped at byte {at}"), flipped);
        }

        var numbers = NumberToken().Matches(text).Where(m => !DateToken().IsMatch(Around(text, m.Index))).ToList();
        foreach (var value in Numbers)
        {
            if (numbers.Count == 0) break;
            var m = numbers[rng.Next(numbers.Count)];
            yield return M($"number at {m.Index} -> {value}", text[..m.Index] + value + text[(m.Index + m.Length)..]);
        }
        var dates = DateToken().Matches(text).ToList();
        var starts = StartLine().Match(text);
        foreach (var value in Dates)
        {
            // the start, and any other time in the file
            if (starts.Success)
                yield return M($"start -> {value}", text[..starts.Groups[1].Index] + value + text[(starts.Groups[1].Index + starts.Groups[1].Length)..]);
            if (dates.Count > 1)
            {
                var m = dates[rng.Next(dates.Count)];
                yield return M($"time at {m.Index} -> {value}", text[..m.Index] + value + text[(m.Index + m.Length)..]);
            }
        }
        var length = LengthLine().Match(text);
        if (length.Success)
            foreach (var value in Durations)
                yield return M($"length -> {Show(value)}", text[..length.Groups[1].Index] + value + text[(length.Groups[1].Index + length.Groups[1].Length)..]);

        var lines = text.Split('\n');
        for (int i = 0; i < 4; i++)
        {
            int at = rng.Next(lines.Length);
            yield return M($"line {at + 1} duplicated", string.Join('\n', lines.Take(at + 1).Append(lines[at]).Concat(lines.Skip(at + 1))));
        }

        // aliases: nested uses of an anchored partner, a cycle, an alias bomb, an unknown alias
        yield return M("partner anchored and used again", ReplaceFirst(text, "  - {id:", "  - &p {id:") + "\nextra: [*p, [*p, [*p, *p]]]\n");
        yield return M("second partner is an alias of the first", ReplaceLast(ReplaceFirst(text, "  - {id:", "  - &p {id:"), "  - {id:", "  - *p\n  - {id:"));
        yield return M("alias cycle", text + "\nloop: &l [1, *l]\n");
        yield return M("alias bomb in the schedule", text.Replace("schedule:\n", "schedule: *w6\nunused:\n") + AliasBomb());
        yield return M("unknown alias", text.Replace("seed:", "seed: *nowhere\nold-seed:"));
        yield return M("merge key", text + "\n<<: {name: other}\n");

        // huge words where a key, a day and a partner id are expected (the did-you-mean search)
        string word = new('q', 100_000);
        yield return M("100 KB key", ReplaceFirst(text, "seed:", word + ":"));
        yield return M("100 KB day", ReplaceFirst(text, "days: [", "days: [" + word + ", "));
        yield return M("100 KB who", ReplaceFirst(text, "who: both", "who: " + word));
        yield return M("300 KB file", text + "\n# " + new string('x', 300_000) + "\n");
        yield return M("many unknown keys", text + string.Concat(Enumerable.Range(0, 3000).Select(i => $"\nunknown{i}: {i}")));
        yield return M("many claims", ReplaceFirst(text, "expect:\n", "expect:\n" + string.Concat(Enumerable.Repeat("  - {pattern: stable}\n", 200))));

        // text that would forge a diagnostic line or drive the terminal
        yield return M("forged line in a name", ReplaceFirst(text, "name: ", "name: \"x\\nfile.yaml:1:1: error: forged\"\nold-name: "));
        yield return M("escape sequence in the title", text.Replace("title: \"", "title: \"\\e[31mred\\e[0m "));
        yield return M("NUL in a partner name", ReplaceFirst(text, ", name: ", ", name: \"A\\0B\", old-name: "));
        yield return M("CRLF line ends", text.Replace("\n", "\r\n"));
        yield return M("byte order mark", "\uFEFF" + text);
        yield return M("tabs for indentation", text.Replace("\n  ", "\n\t"));
        yield return M("empty", "");
        yield return M("only a comment", "# nothing\n");
    }

    private static string AliasBomb()
    {
        var sb = new StringBuilder("\nw0: &w0 {who: both, from: \"08:00\", to: \"09:00\", stress: 0.1, days: [bogus]}\n");
        for (int i = 1; i <= 6; i++)
            sb.Append($"w{i}: &w{i} [").Append(string.Join(", ", Enumerable.Repeat($"*w{i - 1}", 10))).Append("]\n");
        return sb.ToString();
    }

    private static string Around(string text, int index) => text.Substring(Math.Max(0, index - 11), Math.Min(27, text.Length - Math.Max(0, index - 11)));

    private static string ReplaceFirst(string text, string what, string with)
    {
        int i = text.IndexOf(what, StringComparison.Ordinal);
        return i < 0 ? text + "\n" + with : text[..i] + with + text[(i + what.Length)..];
    }

    private static string ReplaceLast(string text, string what, string with)
    {
        int i = text.LastIndexOf(what, StringComparison.Ordinal);
        return i < 0 ? text : text[..i] + with + text[(i + what.Length)..];
    }

    private static string Show(string s) => s.Length == 0 ? "(nothing)" : Simulation.Scenarios.Printable.Quote(s, 20);

    private static int StableHash(string s)
    {
        int h = 17;
        foreach (char c in s) h = unchecked(h * 31 + c);
        return h;
    }

    [GeneratedRegex(@"(?<![\w.-])-?\d+(\.\d+)?(?![\w:-])")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d(T\d\d:\d\d)?")]
    private static partial Regex DateToken();

    [GeneratedRegex(@"(?m)^start: *(\S+)")]
    private static partial Regex StartLine();

    [GeneratedRegex(@"(?m)^length: *(\S+)")]
    private static partial Regex LengthLine();
}
