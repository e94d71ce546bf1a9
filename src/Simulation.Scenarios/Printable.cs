using System.Text;

namespace Simulation.Scenarios;

/// <summary>
/// Text from a scenario file or the command line made safe to print. A newline in a name must not
/// split a diagnostic (or forge a second <c>file:1:1: error:</c> line), and an escape sequence
/// must not reach the terminal; so control characters, line and paragraph separators and the
/// bidirectional overrides are written as visible escapes (<c>\n</c>, <c>\t</c>, <c>\u001B</c>).
/// </summary>
public static class Printable
{
    /// <summary>Quoted user text is cut to this many characters in messages (a 10 MB word stays a short line).</summary>
    public const int MaxQuoted = 60;

    /// <summary>One line: every control character escaped, line breaks included.</summary>
    public static string Line(string text) => Escape(text, keepLineBreaks: false);

    /// <summary>Several lines: line breaks (<c>\n</c>) and tabs kept, every other control character escaped.</summary>
    public static string Block(string text) => Escape(text, keepLineBreaks: true);

    /// <summary>User text for a message: cut to <see cref="MaxQuoted"/> characters (then "…"), on one line.</summary>
    public static string Quote(string text, int max = MaxQuoted)
    {
        if (text.Length > max)
        {
            int cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max; // never split a pair
            text = text[..cut] + "…";
        }
        return Line(text);
    }

    /// <summary>True when the character would be escaped by <see cref="Line"/>.</summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c)                                   // C0, DEL, C1 (NEL, CSI, …)
        || c is '\u2028' or '\u2029'                        // line and paragraph separators
        || c is '\u061C' or '\u200E' or '\u200F'            // bidi marks
        || c is >= '\u202A' and <= '\u202E'                 // bidi embeddings and overrides
        || c is >= '\u2066' and <= '\u2069'                 // bidi isolates
        || c is '\uFEFF'
        || char.IsSurrogate(c);                             // only a lone one reaches here (see Escape)

    private static string Escape(string text, bool keepLineBreaks)
    {
        int first = FirstUnsafe(text, keepLineBreaks);
        if (first < 0)
            return text;
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (!IsUnsafe(c) || (keepLineBreaks && c is '\n' or '\t'))
            {
                sb.Append(c);
                continue;
            }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ => $"\\u{(int)c:X4}",
            });
        }
        return sb.ToString();
    }

    private static int FirstUnsafe(string text, bool keepLineBreaks)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < ' ' || c >= '\u007F')
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                if (IsUnsafe(c) && !(keepLineBreaks && c is '\n' or '\t'))
                    return i;
            }
        }
        return -1;
    }
}
