using System.Globalization;
using Simulation.Model;

namespace Simulation.Reports;

/// <summary>Plain-language wording of times, lengths and events, shared by the HTML pages and the CLI.</summary>
public static class RunText
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>"Sat 7 Mar".</summary>
    public static string Day(DateTime t) => t.ToString("ddd d MMM", C);

    /// <summary>"Sun 8 Mar 18:00".</summary>
    public static string DayTime(DateTime t) => t.ToString("ddd d MMM HH:mm", C);

    /// <summary>The scenario word for a wound: "early" or "late".</summary>
    public static string Wound(Wound wound) => wound == Model.Wound.Early ? "early" : "late";

    /// <summary>"Sun 18:00".</summary>
    public static string WeekdayTime(DateTime t) => t.ToString("ddd HH:mm", C);

    /// <summary>ISO 8601 local time to the minute, as in timeline.csv: "2026-03-07T08:00".</summary>
    public static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm", C);

    /// <summary>A run length as a scenario writes it: "4w", "3d", "36h".</summary>
    public static string Length(int hours) =>
        hours > 0 && hours % 168 == 0 ? $"{hours / 168}w" : hours > 0 && hours % 24 == 0 ? $"{hours / 24}d" : $"{hours}h";

    /// <summary>A run length in words: "4 weeks", "1 day", "36 hours".</summary>
    public static string LengthWords(int hours) =>
        hours > 0 && hours % 8760 == 0 ? Plural(hours / 8760, "year") // as --length counts a year: 365 days
        : hours > 0 && hours % 168 == 0 ? Plural(hours / 168, "week") : hours > 0 && hours % 24 == 0 ? Plural(hours / 24, "day") : Plural(hours, "hour");

    /// <summary>Seeds as a reader writes them: "1–10" for a run of consecutive ones, else the list.</summary>
    public static string Seeds(IReadOnlyList<ulong> s) =>
        s.Count > 1 && s.Zip(s.Skip(1)).All(p => p.Second == p.First + 1) ? $"{s[0]}–{s[^1]}" : string.Join(", ", s);

    /// <summary>A sweep figure's value as the pages show it: a share in percent, a count with one decimal (a mean), else two.</summary>
    public static string Figure(Sweeps.RunFigure f, double v) => f.Share ? Percent(v) : f.Count ? Fixed(v, 1) : Fixed(v);

    /// <summary>Whether a change is under 0.1 as two decimals show it (0.0996 shows as 0.10: not small).</summary>
    public static bool SmallChange(double d) => Math.Round(Math.Abs(d), 2, MidpointRounding.AwayFromZero) < 0.1;

    /// <summary>
    /// A change of a figure, signed: "+0.12", "+0.015", "−1.5", "+13.1 pts" (a share's change in percentage points).
    /// A value's change under 0.1 gets a third decimal, so that a change between two means shown as 0.54 and 0.56 does
    /// not read as "+0.01". <paramref name="row"/> (the row's mean change) picks the decimals, so that a change and the
    /// ends of its interval are written alike.
    /// </summary>
    public static string FigureChange(Sweeps.RunFigure f, double v, double? row = null)
    {
        int decimals = f.Count ? 1 : SmallChange(row ?? v) ? 3 : 2;
        string text = f.Share ? Points(Math.Abs(v)) : Fixed(Math.Abs(v), decimals);
        return v > 0 ? "+" + text : v < 0 ? "−" + text : text; // the sign of what was measured, even where it rounds to nothing
    }

    public static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>A share as a percentage: "62%", or with <paramref name="decimals"/> "62.4%".</summary>
    public static string Percent(double share, int decimals = 0) => (share * 100).ToString(Digits(decimals), C) + "%";

    /// <summary>A change of a share in percentage points, unsigned: "13.1 pts".</summary>
    public static string Points(double change, int decimals = 1) => (change * 100).ToString(Digits(decimals), C) + " pts";

    // "0", "0.0", "0.00": the custom format the percentages have always used ("F0" rounds some halves the other way)
    private static string Digits(int decimals) => decimals == 0 ? "0" : "0." + new string('0', decimals);

    /// <summary>A number with at most two decimals and no trailing zeros: "0.5", "2", "2.25".</summary>
    public static string Trim(double v)
    {
        double r = Math.Round(v, 2, MidpointRounding.AwayFromZero);
        return (r == 0 ? 0 : r).ToString("0.##", C);
    }

    /// <summary>A number with a fixed count of decimals, invariant culture, never "-0.00".</summary>
    public static string Fixed(double v, int decimals = 2)
    {
        double r = Math.Round(v, decimals, MidpointRounding.AwayFromZero);
        return (r == 0 ? 0 : r).ToString("F" + decimals, C);
    }

    /// <summary>
    /// One event in plain words, without its time: "Will withdraws (work stress)", "Alma protests; not answered".
    /// The event's reason is added where it explains a turn (withdrawing, giving up, coming back);
    /// for bids, repairs and call-backs it only restates the kind, so events.csv keeps it instead.
    /// </summary>
    public static string Describe(SimEvent e, Func<string, string> name)
    {
        string a = name(e.Actor), t = e.Target.Length > 0 ? name(e.Target) : "";
        string r = e.Reason;
        bool explains = false;
        string text = e.Kind switch
        {
            EventKinds.Bid => $"{a} reaches out to {Or(t, "the partner")}{Answer(e.Outcome, t)}",
            EventKinds.Protest => $"{Protest(e.Tone, a, t)}{Answer(e.Outcome, t)}",
            EventKinds.Callback => $"{a} calls {Or(t, "back")}{(t.Length > 0 ? " back" : "")}{Take(e.Outcome, t)}",
            EventKinds.Repair => $"{a} tries to repair{Take(e.Outcome, t)}",
            EventKinds.GiveUp => Explained(GiveUp(e.Tone, a)),
            EventKinds.SendAway => Explained($"{a} sends {Or(t, "the partner")} away"),
            EventKinds.Withdraw => Explained($"{a} withdraws"),
            EventKinds.Return => Explained($"{a} comes back"),
            EventKinds.Rejection => $"{a} harshly turns {Or(t, "the partner")} away",
            EventKinds.Intervention => r.Length > 0 ? $"{a} {r}" : $"Intervention for {a}",
            EventKinds.Happening => r.Length == 0 ? $"{a}: something happens" : StartsWithVerb(r) ? $"{a} {r}" : $"{a}: {r}",
            _ => Explained($"{a}: {e.Kind}{(t.Length > 0 ? " → " + t : "")}{(e.Outcome.Length > 0 ? "; " + e.Outcome : "")}"),
        };
        return explains && r.Length > 0 ? $"{text} ({r})" : text;

        string Explained(string s)
        {
            explains = true;
            return s;
        }
    }

    private static bool StartsWithVerb(string reason) =>
        reason.StartsWith("is ", StringComparison.Ordinal) || reason.StartsWith("becomes ", StringComparison.Ordinal) ||
        reason.StartsWith("has ", StringComparison.Ordinal) || reason.StartsWith("starts ", StringComparison.Ordinal);

    private static string Or(string s, string fallback) => s.Length > 0 ? s : fallback;

    /// <summary>A protest by its tone: "Alma protests angrily", "Alma pleads with Will" (no tone: "Alma protests").</summary>
    public static string Protest(string tone, string actor, string target) => tone switch
    {
        Tones.Angry => $"{actor} protests angrily",
        Tones.Pleading => target.Length > 0 ? $"{actor} pleads with {target}" : $"{actor} pleads",
        _ => $"{actor} protests",
    };

    /// <summary>A give-up by its tone: "Alma gives up and turns angry", else "Alma gives up for now".</summary>
    public static string GiveUp(string tone, string actor) => tone == Tones.Angry ? $"{actor} gives up and turns angry" : $"{actor} gives up for now";

    private static string Answer(string outcome, string target) => outcome switch
    {
        Outcomes.Answered => $"; {Or(target, "the partner")} answers",
        Outcomes.Soothed => $"; {Or(target, "the partner")} answers and it soothes",
        Outcomes.Rebuffed => $"; {Or(target, "the partner")} turns away",
        Outcomes.Missed => "; not answered",
        Outcomes.Accepted => "; accepted",
        Outcomes.Refused => "; refused",
        "" => "",
        _ => "; " + outcome,
    };

    private static string Take(string outcome, string target) => outcome switch
    {
        Outcomes.Accepted => $"; {Or(target, "the partner")} accepts",
        Outcomes.Refused => $"; {Or(target, "the partner")} refuses",
        _ => Answer(outcome, target),
    };

    /// <summary>Hendrix' term as a badge reads: "maximiser", "minimiser", "neither maximiser nor minimiser", "swings between maximiser and minimiser".</summary>
    public static string Hendrix(double anxiety, double avoidance) => AttachmentStyle.Hendrix(anxiety, avoidance) switch
    {
        "neither" => "neither maximiser nor minimiser",
        "swings between both" => "swings between maximiser and minimiser",
        var h => h,
    };

    /// <summary>Display names by partner id, falling back to the id itself.</summary>
    public static Func<string, string> Names(RunResult run)
    {
        var map = run.Partners.ToDictionary(p => p.Spec.Id, p => p.Spec.Name, StringComparer.Ordinal);
        return id => map.TryGetValue(id, out var n) ? n : id switch { "" => "", "both" or "couple" => "both", _ => id };
    }
}
