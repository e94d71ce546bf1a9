using System.Globalization;

namespace Simulation.Scenarios;

/// <summary>Parsing and wording shared by the loader, the command-line changes and the detectors.</summary>
internal static class Text
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Local-time formats a scenario may use; no offsets, since runs are in wall-clock time.</summary>
    private static readonly string[] TimeFormats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    public static string Num(double x) => x.ToString("0.###", Inv);
    public static string F2(double x) => Fixed(x, "0.00");
    public static string F1(double x) => Fixed(x, "0.0");
    public static string F3(double x) => Fixed(x, "0.000");

    // "-0.00" for a tiny negative figure would read as a sign that is not there.
    private static string Fixed(double x, string format)
    {
        if (double.IsNaN(x))
            return "n/a";
        var t = x.ToString(format, Inv);
        return t.StartsWith('-') && t.AsSpan(1).IndexOfAnyExcept("0.") < 0 ? t[1..] : t;
    }

    public static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm", Inv);

    /// <summary>
    /// Figures a claim lists (one per week, per Saturday …), in full up to a dozen; a longer list keeps its first
    /// and last few and says how many there were, so a ten-year run's claim stays a line, not five hundred numbers.
    /// </summary>
    public static string Series(IReadOnlyList<string> items)
    {
        const int Full = 12, Head = 6, Tail = 3;
        if (items.Count <= Full) return string.Join(", ", items);
        return $"{string.Join(", ", items.Take(Head))}, …, {string.Join(", ", items.Skip(items.Count - Tail))} ({items.Count} in all)";
    }

    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, Inv, out value) && double.IsFinite(value);

    /// <summary>Why <paramref name="text"/> is not a number from <paramref name="min"/> to <paramref name="max"/> for <paramref name="key"/>, or null.</summary>
    /// <param name="scale">Words after the range, such as " (ECR-R scale)"; the scenario file gives them, `--set` does not.</param>
    public static string? NumberProblem(string text, string key, double min, double max, string? scale, out double value)
    {
        if (!TryParseNumber(text, out value))
            return $"`{key}` must be a number, not `{Q(text)}`";
        if (value < min || value > max)
            return $"`{key}` must be between {Num(min)} and {Num(max)}{scale}; got {Q(text)}";
        return null;
    }

    /// <summary>Why <paramref name="text"/> is not a seed, or null.</summary>
    public static string? SeedProblem(string text, out ulong seed, string key = "seed") =>
        ulong.TryParse(text, NumberStyles.None, Inv, out seed) ? null : $"`{key}` must be a whole number from 0 to {ulong.MaxValue}, not `{Q(text)}`";

    /// <summary>Why a run cannot start at <paramref name="start"/> (outside <see cref="ScenarioLimits.FirstYear"/>–<see cref="ScenarioLimits.LastYear"/>), or null.</summary>
    public static string? StartProblem(DateTime start) =>
        start.Year < ScenarioLimits.FirstYear || start.Year > ScenarioLimits.LastYear
            ? $"a run must start between the years {ScenarioLimits.FirstYear} and {ScenarioLimits.LastYear}; got {Time(start)}"
            : null;

    /// <summary>
    /// Why <paramref name="text"/> cannot be shown as written, or null: a control character (an
    /// escape sequence, a NUL) has no place in a title or name; a line break only in the notes
    /// (a trailing one, as YAML's `>` leaves, is fine).
    /// </summary>
    public static string? TextProblem(string text, string key, bool lines)
    {
        var t = text.TrimEnd('\n', '\r', ' ', '\t');
        for (int i = 0; i < t.Length; i++)
        {
            char c = t[i];
            if (c is '\t' || (lines && c is '\n'))
                continue;
            if (char.IsHighSurrogate(c) && i + 1 < t.Length && char.IsLowSurrogate(t[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) // "\uD800" in a quoted YAML string: no character at all
                return $"`{key}` holds half a character (U+{(int)c:X4}); write plain text";
            if (c is '\n' or '\r' or '\u2028' or '\u2029')
                return $"`{key}` must be one line; it holds a line break";
            if (char.IsControl(c))
                return $"`{key}` holds a control character (U+{(int)c:X4}); write plain text";
        }
        return null;
    }

    /// <summary>User text quoted in a message: short and on one line (<see cref="Printable.Quote"/>).</summary>
    public static string Q(string text) => Printable.Quote(text);

    public static bool TryParseBool(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE": value = true; return true;
            case "false" or "False" or "FALSE": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>A local time such as <c>2026-03-07T08:00</c>; null and a reason when it is not one.</summary>
    public static DateTime? ParseLocalTime(string text, out string? problem)
    {
        problem = null;
        if (DateTime.TryParseExact(text, TimeFormats, Inv, DateTimeStyles.None, out var t))
            return DateTime.SpecifyKind(t, DateTimeKind.Unspecified);
        if (text.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"T\d\d:\d\d(:\d\d)?[+-]\d\d:?\d\d$"))
            problem = $"`{Q(text)}` has a time-zone offset; write local wall-clock time like `2026-03-07T08:00`";
        else if (NoSuchDay(text) is { } day)
            problem = $"`{Q(text)}` is not a day of the calendar: {day}";
        else
            problem = $"`{Q(text)}` is not a local time like `2026-03-07T08:00`";
        return null;
    }

    /// <summary>Why a time written in the right shape names no day (<c>2026-02-30</c>: "February 2026 has 28 days"); null when it does or is not in that shape.</summary>
    private static string? NoSuchDay(string text)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text, @"^(\d{4})-(\d\d)-(\d\d)([T ]\d\d:\d\d(:\d\d)?)?$");
        if (!m.Success) return null;
        int year = int.Parse(m.Groups[1].Value, Inv), month = int.Parse(m.Groups[2].Value, Inv), day = int.Parse(m.Groups[3].Value, Inv);
        if (month is < 1 or > 12) return $"there is no month {month}";
        if (year < 1) return null;
        int days = DateTime.DaysInMonth(year, month);
        return day < 1 || day > days ? $"{new DateTime(year, month, 1).ToString("MMMM yyyy", Inv)} has {days} days" : null;
    }

    private static string UnitWords(char unit) => unit switch { 'h' => "hours", 'd' => "days", 'w' => "weeks", 'y' => "years", _ => "units" };

    /// <summary><c>1.5w</c> in the next smaller unit, rounded to a whole number (<c>10d</c> for 10.5 days, <c>36h</c> for <c>1.5d</c>), for a hint.
    /// Only called on digits, a point or comma, digits and a unit.</summary>
    private static string Smaller(string s)
    {
        char unit = s[^1];
        double x = double.Parse(s[..^1].Replace(',', '.'), NumberStyles.Float, Inv);
        return unit switch
        {
            'y' => $"{Math.Round(x * 52)}w",
            'w' => $"{Math.Round(x * 7)}d",
            _ => $"{Math.Round(x * 24)}h",
        };
    }

    /// <summary>A clock time such as <c>18:00</c>.</summary>
    public static TimeOnly? ParseClock(string text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], Inv, DateTimeStyles.None, out var t) ? t : null;

    /// <summary>
    /// A duration: a whole number and a unit, h (hours), d (days), w (weeks) or y (365 days).
    /// Returns hours, or null with a problem and the 0-based position it refers to.
    /// </summary>
    public static long? ParseDuration(string text, out string? problem, out int position)
    {
        problem = null;
        position = 0;
        var s = text.Trim();
        int lead = text.Length - text.TrimStart().Length;
        if (s.Length == 0)
        {
            problem = "a duration is missing; write e.g. `4w`, `3d` or `36h`";
            return null;
        }
        if (s[0] == '-')
        {
            position = lead;
            problem = $"`{Q(s)}` is negative; a duration must be positive";
            return null;
        }
        int i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
            i++;
        if (i == 0)
        {
            position = lead;
            problem = $"`{Q(s)}` is not a duration; write a whole number and a unit, e.g. `4w`, `3d` or `36h`";
            return null;
        }
        var unit = s[i..];
        long factor = unit switch { "h" => 1, "d" => 24, "w" => 168, "y" => 24 * 365, _ => 0 };
        if (factor == 0)
        {
            position = unit.Length == 0 ? lead : lead + i;
            // `1.5w`: a fraction, not a unit; say how to write it in whole units
            bool fraction = unit.Length > 2 && unit[0] is '.' or ',' && unit[1..^1].All(char.IsAsciiDigit) && "hdwy".Contains(unit[^1]);
            problem = unit.Length == 0
                ? $"`{Q(s)}` needs a unit: h, d, w or y (e.g. `{Q(s)}h`)"
                : fraction
                    ? $"`{Q(s)}` is not a whole number of {UnitWords(unit[^1])}; write it in a smaller unit (e.g. `{Q(Smaller(s))}`)"
                    : $"unknown unit `{Q(unit)}` in `{Q(s)}`; use h, d, w or y";
            return null;
        }
        if (!long.TryParse(s[..i], NumberStyles.None, Inv, out var n) || n > 1_000_000)
        {
            position = lead;
            problem = $"`{Q(s)}` is far too long";
            return null;
        }
        return n * factor;
    }

    /// <summary>
    /// The closest candidate when it is plausibly a slip of the keyboard (a small edit distance),
    /// or else one that the given word starts with or is the start of ("sunday" → "sun"); null otherwise.
    /// Words longer than <see cref="ScenarioLimits.MaxSuggestedWord"/> get none.
    /// </summary>
    public static string? Suggest(string given, IEnumerable<string> candidates)
    {
        // The edit distance costs length × length: a huge word gets no suggestion (it is no slip of the keyboard).
        if (given.Length > ScenarioLimits.MaxSuggestedWord)
            return null;
        var list = candidates.Where(c => c.Length <= ScenarioLimits.MaxSuggestedWord).ToArray();
        string g = given.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in list)
        {
            int d = Distance(g, c.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }
        if (best is not null && bestDistance <= Math.Max(1, Math.Min(3, Math.Max(g.Length, best.Length) / 3)))
            return best;
        return list.FirstOrDefault(c => Math.Min(g.Length, c.Length) >= 3
            && (g.StartsWith(c, StringComparison.OrdinalIgnoreCase) || c.StartsWith(g, StringComparison.OrdinalIgnoreCase)));
    }

    public static string DidYouMean(string given, IEnumerable<string> candidates) => DidYouMean(Suggest(given, candidates));

    /// <summary>A found <paramref name="suggestion"/> as the message says it; nothing for none.</summary>
    public static string DidYouMean(string? suggestion) => suggestion is null ? "" : $" (did you mean `{suggestion}`?)";

    public static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    public static readonly (string Name, DayOfWeek Day)[] Days =
    [
        ("mon", DayOfWeek.Monday), ("tue", DayOfWeek.Tuesday), ("wed", DayOfWeek.Wednesday),
        ("thu", DayOfWeek.Thursday), ("fri", DayOfWeek.Friday), ("sat", DayOfWeek.Saturday), ("sun", DayOfWeek.Sunday),
    ];

    public static readonly string[] DayWords = ["weekdays", "weekend", "all", "daily"];

    public static DayOfWeek? ParseDay(string text) =>
        Days.FirstOrDefault(d => d.Name == text.ToLowerInvariant()) is { Name: not null } hit ? hit.Day : null;

    /// <summary>The days a word stands for, or null when it is not one of <see cref="DayWords"/>.</summary>
    public static DayOfWeek[]? ParseDayWord(string text) => text.ToLowerInvariant() switch
    {
        "weekdays" => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        "weekend" => [DayOfWeek.Saturday, DayOfWeek.Sunday],
        "all" or "daily" => Days.Select(d => d.Day).ToArray(),
        _ => null,
    };

    /// <summary>Monday-first order, for stable output.</summary>
    public static int DayOrder(DayOfWeek d) => ((int)d + 6) % 7;
}

/// <summary>"Did you mean" for the command line: the same bounded search the scenario reader uses.</summary>
public static class Spelling
{
    /// <summary>" (did you mean `…`?)" with the known word <paramref name="given"/> is most plausibly a slip for, as the
    /// scenario reader's messages say it; nothing when there is none (or for huge words).</summary>
    public static string DidYouMean(string given, IEnumerable<string> known) => Text.DidYouMean(given, known);

    /// <summary>The known word <paramref name="given"/> is most plausibly a slip for, by the same search; null for none.</summary>
    public static string? Suggest(string given, IEnumerable<string> known) => Text.Suggest(given, known);
}
