using System.Collections.Immutable;
using Simulation.Model;
using Words = Simulation.Scenarios.Text;

namespace Simulation.Scenarios;

/// <summary>
/// Stretching added from the command line (<c>--stretch WHO@WHEN[:STRENGTH]</c>) or the workshop
/// page, without editing the scenario file: WHO is a partner id or <c>both</c>; WHEN a local time
/// (<c>2026-03-21T08:00</c>), <c>weekN</c> or <c>dayN</c> (counted from the run's start: <c>week3</c>
/// is two weeks in) or <c>+DURATION</c> (<c>+36h</c>, <c>+2w</c>); STRENGTH 0–1 (default 1).
/// The checks are the scenario file's for an intervention (a known partner, a time inside the run,
/// a strength from 0 to 1, at most <see cref="ScenarioLimits.MaxInterventions"/>); problems are
/// diagnostics at the given path, line 1, column = the 1-based position in that argument.
/// </summary>
public static class ScenarioStretches
{
    /// <summary>The usual path of the diagnostics.</summary>
    public const string Option = "--stretch";

    private const string Form = "expected WHO@WHEN[:STRENGTH], e.g. `both@week3`, `will@2026-03-21T08:00` or `alma@day10:0.5`";

    /// <summary>Adds each stretch as an intervention, in order. Throws <see cref="ScenarioException"/> listing every bad one.</summary>
    public static Scenario WithStretches(Scenario s, IEnumerable<string> stretches, string path = Option) =>
        s with { Spec = WithStretches(s.Spec, stretches, path) };

    /// <inheritdoc cref="WithStretches(Scenario, IEnumerable{string}, string)"/>
    public static CoupleSpec WithStretches(CoupleSpec spec, IEnumerable<string> stretches, string path = Option)
    {
        var problems = new List<Diagnostic>();
        var added = ImmutableArray.CreateBuilder<Intervention>();
        foreach (var text in stretches)
        {
            if (Parse(spec, text, path, out var problem) is { } intervention) added.Add(intervention);
            else problems.Add(problem!);
        }
        if (problems.Count == 0 && spec.Interventions.Length + added.Count > ScenarioLimits.MaxInterventions)
            problems.Add(new Diagnostic(new SourceLocation(path, 1, 1),
                $"a run may have at most {ScenarioLimits.MaxInterventions} interventions; this one would have {spec.Interventions.Length + added.Count}"));
        if (problems.Count > 0)
            throw new ScenarioException(problems);
        return spec with { Interventions = spec.Interventions.AddRange(added) };
    }

    /// <summary>
    /// A stretch as the folder and title name it: its WHO as the partner's id, or <c>both</c> (<c>Will@week3</c> and
    /// <c>will@week3</c> are one run, so one folder), the rest as typed. Unchanged when it does not read.
    /// </summary>
    public static string Canonical(CoupleSpec spec, string text)
    {
        int at = text.IndexOf('@');
        if (at < 0 || Parse(spec, text, Option, out _) is not { } stretch) return text;
        string who = stretch.Who.Length == spec.Partners.Length && spec.Partners.Length > 1 ? "both" : stretch.Who[0];
        return who + text[at..];
    }

    /// <summary>One stretch as an intervention of <paramref name="spec"/>'s run, or null and the problem.</summary>
    public static Intervention? Parse(CoupleSpec spec, string text, string path, out Diagnostic? problem)
    {
        string? why = null;
        int column = 1;
        var result = Read(spec, text, ref column, ref why);
        problem = result is null ? new Diagnostic(new SourceLocation(path, 1, column), $"{why} (in `{Words.Q(text)}`)") : null;
        return result;
    }

    private static Intervention? Read(CoupleSpec spec, string text, ref int column, ref string? why)
    {
        int at = text.IndexOf('@');
        if (at < 0)
        {
            why = text.Trim().Length == 0 ? "the stretch is empty; " + Form : Form;
            return null;
        }
        string who = text[..at];
        var ids = spec.Partners.Select(p => p.Id).ToArray();
        ImmutableArray<string> whom;
        if (who == "both") whom = [.. ids];
        else if (ids.Contains(who)) whom = [who];
        // Written as the room says it ("Will", "Both"): a partner's name or id in any case, when only one partner has it.
        else if (who.Equals("both", StringComparison.OrdinalIgnoreCase)) whom = [.. ids];
        else if (spec.Partners.Where(p => p.Id.Equals(who, StringComparison.OrdinalIgnoreCase) || p.Name.Equals(who, StringComparison.OrdinalIgnoreCase))
                     .Select(p => p.Id).Distinct().ToArray() is var named && named.Length > 0)
        {
            if (named is [var only]) whom = [only];
            else
            {
                // One partner's id is the other's name (in some case): saying "unknown" would be wrong; say which is which.
                why = $"`{Words.Q(who)}` names both partners ({string.Join(", ", spec.Partners.Select(p => $"`{p.Id}` is {p.Name}"))}); write the id: {Words.List(ids)} or `both`";
                return null;
            }
        }
        else
        {
            why = who.Length == 0
                ? $"name who stretches before the `@`: {Words.List(ids)} or `both`"
                : $"unknown partner `{Words.Q(who)}`{Words.DidYouMean(who, ids.Append("both"))}; write {Words.List(ids)} or `both`";
            return null;
        }

        // WHEN may hold colons itself (08:00), so the strength is after the last colon only when
        // the whole rest is not already a time.
        string rest = text[(at + 1)..];
        int whenColumn = at + 2;
        string whenText = rest;
        DateTime? when = When(spec, rest, out var whenProblem);
        string? strengthText = null;
        int strengthColumn = 0;
        if (when is null && rest.LastIndexOf(':') is var colon and >= 0)
        {
            var before = When(spec, rest[..colon], out var beforeProblem);
            // A time that is wrong in itself (2026-03-21T25:00) is said as a time, not as a strength.
            if (before is not null || !char.IsAsciiDigit(rest[0]))
            {
                when = before;
                whenProblem = beforeProblem;
                whenText = rest[..colon];
                strengthText = rest[(colon + 1)..];
                strengthColumn = whenColumn + colon + 1;
            }
        }
        if (when is null)
        {
            column = whenColumn;
            why = whenProblem;
            return null;
        }
        var end = spec.Start.AddHours(spec.Hours);
        if (when < spec.Start || when >= end)
        {
            column = whenColumn;
            why = $"`{Words.Q(whenText)}` ({Words.Time(when.Value)}) lies outside the run ({Words.Time(spec.Start)} to {Words.Time(end)})";
            return null;
        }
        double strength = 1.0;
        if (strengthText is not null)
        {
            if (strengthText.Length == 0)
            {
                column = strengthColumn;
                why = "the strength is missing after `:`; give a number from 0 to 1, or leave out the `:`";
                return null;
            }
            if (Words.NumberProblem(strengthText, "strength", 0, 1, scale: null, out strength) is { } notStrength)
            {
                column = strengthColumn;
                why = notStrength;
                return null;
            }
        }
        return new Intervention(when.Value, whom, InterventionKind.Stretch, strength);
    }

    /// <summary>WHEN as a local time of the run, or null and why not (its place in the run is checked by the caller).</summary>
    private static DateTime? When(CoupleSpec spec, string text, out string? problem)
    {
        problem = null;
        if (text.Length == 0)
        {
            problem = "the time is missing after `@`: write a local time like `2026-03-21T08:00`, `weekN`, `dayN` or `+DURATION` (e.g. `+36h`)";
            return null;
        }
        foreach (var (word, hours) in new[] { ("week", 168), ("day", 24) })
        {
            if (!text.StartsWith(word, StringComparison.Ordinal)) continue;
            string n = text[word.Length..];
            if (n.Length is > 0 and <= 6 && n.All(char.IsAsciiDigit) && int.Parse(n, Words.Inv) is var k)
            {
                if (k < 1) problem = $"`{Words.Q(text)}`: {word}s count from 1 ({word}1 is the run's first {word})";
                else if ((long)(k - 1) * hours > CoupleSpec.MaxHours) problem = $"`{Words.Q(text)}` is later than any run ends (ten years)";
                else return spec.Start.AddHours((long)(k - 1) * hours);
                return null;
            }
            problem = $"`{Words.Q(text)}` is not a {word} of the run; write {word} and a whole number, e.g. `{word}3`";
            return null;
        }
        if (text[0] == '+')
        {
            var h = Words.ParseDuration(text[1..], out var why, out _);
            if (h is null)
            {
                problem = $"`{Words.Q(text)}`: {why}";
                return null;
            }
            if (h > CoupleSpec.MaxHours)
            {
                problem = $"`{Words.Q(text)}` is later than any run ends (ten years)";
                return null;
            }
            return spec.Start.AddHours(h.Value);
        }
        if (text.Length > 0 && char.IsAsciiDigit(text[0]))
        {
            var t = Words.ParseLocalTime(text, out var notTime);
            if (t is null) problem = notTime;
            return t;
        }
        problem = $"`{Words.Q(text)}` is not a time; write a local time like `2026-03-21T08:00`, `weekN` or `dayN` (from the run's start), or `+DURATION` (e.g. `+36h`)";
        return null;
    }
}
