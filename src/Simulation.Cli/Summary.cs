using Simulation.Reports;

namespace Simulation.Cli;

/// <summary>The short summary printed after a run.</summary>
public static class Summary
{
    /// <summary>
    /// "46 bids, 32 protests; of the 78 Will answered 19, turned 29 away, was out of reach for 30": what became of a partner's
    /// bids and protests, the three adding up to them, said of the other partner. The chart's rows "Answers a reach" and
    /// "Turns a reach away" count call-backs and repairs as well. Out of reach is not a choice: away, at work or asleep.
    /// </summary>
    public static string Reaches(Simulation.Model.PartnerMetrics p, string other)
    {
        int rest = p.Bids + p.Protests - p.Answered - p.Rebuffed - p.Missed;
        // "of the 78": the three add up to the bids and protests together, not to the bids (46 bids read as 19 + 29 + 30)
        return $"{RunText.Plural(p.Bids, "bid")}, {RunText.Plural(p.Protests, "protest")}; of the {p.Bids + p.Protests} {other} answered {p.Answered}, turned {p.Rebuffed} away, was out of reach for {p.Missed}" +
               (rest > 0 ? $", {rest} with no answer recorded" : "");
    }

    /// <summary>The name of the partner a partner's bids go to (a couple has two).</summary>
    private static string Other(RunReport report, string id) =>
        report.Run.Partners.Select(q => q.Spec).FirstOrDefault(q => q.Id != id)?.Name ?? "the other";

    public static void Write(TextWriter o, RunReport report)
    {
        var m = report.Metrics;
        var names = RunText.Names(report.Run);
        o.WriteLine($"  Mean closeness  {RunText.Fixed(m.MeanCloseness)} (lowest {RunText.Fixed(m.MinCloseness)}, highest {RunText.Fixed(m.MaxCloseness)})");
        o.WriteLine($"  Positive share  {RunText.Percent(m.PositiveShare)} of {m.Interactions} interactions went well");
        foreach (var p in m.Partners)
            o.WriteLine($"  {names(p.Id),-14}  {Reaches(p, Other(report, p.Id))}; withdrawn {RunText.Percent(p.TimeWithdrawn)} of the time");
        if (report.Expectations.Length == 0) return;
        int shown = report.Expectations.Count(e => e.Passed);
        o.WriteLine($"  Teaching claims {shown} of {report.Expectations.Length} shown"); // the report's name for them
        foreach (var e in report.Expectations)
        {
            o.WriteLine($"    {(e.Passed ? "✔" : "✘")} {e.Headline}");
            o.WriteLine($"        {(e.Says.Length > 0 ? e.Claim + ": " : "")}{e.Detail}");
        }
    }
}
