using System.Globalization;
using Simulation.Model;
using Words = Simulation.Scenarios.Text;

namespace Simulation.Scenarios;

/// <summary>
/// A teaching claim in plain words, for the people in the room: "Will withdraws within 4 h after Sunday 18:00"
/// where the file says <c>withdraws-after (who: will, day: sun, time: 18:00, within: 4h)</c>. The pattern call
/// stays next to it for whoever edits the file; the measured figures are the claim's detail.
/// </summary>
public static class ClaimSentences
{
    /// <summary>The claim <paramref name="claim"/> of a run of <paramref name="couple"/> as one sentence (no full stop).</summary>
    public static string For(Expectation claim, CoupleSpec couple)
    {
        var spec = Patterns.Find(claim.Pattern);
        if (spec is null) return claim.Pattern;
        string Arg(string name) => claim.Args.TryGetValue(name, out var v) ? v : spec.Arg(name)?.Default ?? "";
        bool Has(string name) => claim.Args.ContainsKey(name);
        string Name(string arg)
        {
            string id = Arg(arg);
            return couple.Partners.FirstOrDefault(p => p.Id == id)?.Name ?? id;
        }
        string Other(string arg)
        {
            string id = Arg(arg);
            return couple.Partners.FirstOrDefault(p => p.Id != id)?.Name ?? "the partner";
        }
        string Day(string arg) => Words.ParseDay(Arg(arg)) is { } d ? d.ToString() : Arg(arg);
        string When(string arg) => Words.ParseLocalTime(Arg(arg), out _) is { } t
            ? t.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) : Arg(arg);
        string Share(string arg) => Words.TryParseNumber(Arg(arg), out var x) ? $"{Math.Round(x * 100).ToString(Words.Inv)}%" : Arg(arg);

        string sentence = claim.Pattern switch
        {
            "pursue-withdraw" => $"{Name("pursuer")} pursues and {Name("distancer")} withdraws: their stances move against each other"
                                 + (Has("max_positive_share") ? $", and fewer than {Share("max_positive_share")} of their interactions go well" : ""),
            "stable" => "Closeness stays steady and neither partner asks for contact often",
            "awakening" => $"From {When("at")}, {Name("who")} asks for contact far more often, {Other("who")} turns away and closeness falls",
            "mutual-withdrawal-alternation" => $"After a rejection the two take turns withdrawing, at least {Arg("min_switches")} times within {Arg("within")}",
            "earned-security" => $"{Name("who")}'s anxiety falls steadily, by at least {Arg("min_drop")} (earned security)",
            "de-escalation" => $"From {When("at")} the cycle de-escalates: closer, less withdrawn, more interactions go well",
            "persistence" => $"The rarer the answers, the more bids {Name("who")} makes before giving up",
            "positive-share" => Has("min")
                ? $"At least {Share("min")} of the interactions go well"
                : $"At most {Share("max")} of the interactions go well",
            "approach-avoid-switching" => Has("max_per_week")
                ? $"{Name("who")} rarely switches suddenly between approach and withdrawal (at most {Arg("max_per_week")} a week)"
                : $"{Name("who")} switches suddenly between approach and withdrawal (at least {(Has("min_per_week") ? Arg("min_per_week") : "3")} a week)",
            "withdraws-after" => $"{Name("who")} withdraws within {Arg("within")} after {Day("day")} {Arg("time")}",
            "weekly-episode" => $"{Name("who")}'s protests and highest distress come within {Arg("within")} after {Day("day")} {Arg("time")}",
            "no-escalation" => $"{Name("who")}'s protests recur week after week without escalating",
            // what the detector measures: Saturday closeness, and time withdrawn at weekends by day and on midweek evenings
            "close-weekends" => $"Saturdays are close, and {Name("who")} is seldom withdrawn at weekends by day or on Tuesday to Thursday evenings",
            "missed-call-scene" => $"On {Day("day")}s {Name("who")}'s call to {Other("who")} at work is missed or turned away, {Name("who")} gives up in anger, "
                                   + $"and {Other("who")}'s call-back is refused",
            "protest-tones" => $"{Name("who")} protests in two tones: reproach when hurt, a plea otherwise",
            "gradual-change" => $"From {When("at")}, {Name("who")}'s change takes hold gradually, with relapses",
            _ => claim.Pattern,
        };
        if (Has("from") || Has("until"))
            sentence += $" ({(Has("from") ? $"from {When("from")}" : "")}{(Has("from") && Has("until") ? " " : "")}{(Has("until") ? $"until {When("until")}" : "")})";
        return claim.Args.TryGetValue("holds", out var holds) && Words.TryParseBool(holds, out bool h) && !h
            ? $"Does not show: {sentence}"
            : sentence;
    }
}
