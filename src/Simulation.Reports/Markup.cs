using System.Text;

namespace Simulation.Reports;

/// <summary>
/// Text on its way into HTML, SVG or a chart label. A scenario's title and names are the user's
/// text and may hold characters XML does not allow (control characters, lone surrogates); those are
/// dropped, so report.html and the SVG files always stay valid.
/// </summary>
public static class Markup
{
    /// <summary>The text without characters XML 1.0 forbids or that draw nothing (C0/C1 controls other than a line break, U+FFFE/U+FFFF, lone surrogates).</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        int i = 0;
        while (i < text.Length && Keeps(text, i)) i++;
        if (i == text.Length) return text; // the usual case: nothing to drop
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++)
            if (Keeps(text, i)) sb.Append(text[i]);
            else if (text[i] == '\t') sb.Append(' ');
        return sb.ToString();
    }

    private static bool Keeps(string s, int i)
    {
        char c = s[i];
        if (c == '\n') return true;
        if (c < ' ' || c is >= '\u007F' and <= '\u009F' or '\uFFFE' or '\uFFFF') return false;
        if (char.IsHighSurrogate(c)) return i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
        if (char.IsLowSurrogate(c)) return i > 0 && char.IsHighSurrogate(s[i - 1]);
        return true;
    }

    /// <summary>Cleaned and escaped for HTML or XML text and attribute values.</summary>
    public static string Escape(string? text)
    {
        string s = Clean(text);
        if (s.AsSpan().IndexOfAny("&<>\"'") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (char c in s)
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        return sb.ToString();
    }
}
