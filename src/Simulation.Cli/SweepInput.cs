using System.CommandLine;

namespace Simulation.Cli;

/// <summary>How the sweep's and the ensemble compare's pages name the command that made them.</summary>
public static class SweepInput
{
    /// <summary>The command as typed, for the page's "what was run" (options whose output does not change the files left out).</summary>
    public static string Command(ParseResult p)
    {
        string[] where = ["--cluster", "--connect", "--out"]; // where it ran and wrote: not part of what was run
        var words = new List<string>();
        var tokens = p.Tokens.Select(t => t.Value).ToList();
        for (int i = 0; i < tokens.Count; i++)
        {
            string w = tokens[i];
            if (w == "--verbose" || where.Any(o => w.StartsWith(o + "=", StringComparison.Ordinal) || w.StartsWith(o + ":", StringComparison.Ordinal))) continue;
            if (where.Contains(w)) { i++; continue; }
            words.Add(w.Length == 0 || w.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? "'" + w.Replace("'", "'\\''") + "'" : w);
        }
        return "couplesim " + string.Join(' ', words);
    }
}
