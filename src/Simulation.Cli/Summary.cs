using Simulation.Reports;

namespace Simulation.Cli;

/// <summary>The short summary printed after a run.</summary>
public static class Summary
{
    public static void Write(TextWriter o, RunReport report)
    {
        var m = report.Metrics;
        var names = RunText.Names(report.Run);
        o.WriteLine($"  Mean closeness  {RunText.Fixed(m.MeanCloseness)} (lowest {RunText.Fixed(m.MinCloseness)}, highest {RunText.Fixed(m.MaxCloseness)})");
        o.WriteLine($"  Positive share  {RunText.Percent(m.PositiveShare)} of {m.Interactions} interactions went well");
        foreach (var p in m.Partners)
        {
            // Whose answer: the other partner's, so the line adds up (answered + turned away + missed = bids + protests).
            string other = names(m.Partners.First(q => q.Id != p.Id).Id);
            o.WriteLine($"  {names(p.Id),-14}  {RunText.Plural(p.Bids, "bid")} and {RunText.Plural(p.Protests, "protest")}: {other} answered {p.Answered}, " +
                        $"turned {p.Rebuffed} away, missed {p.Missed} (out of reach); withdrawn {RunText.Percent(p.TimeWithdrawn)} of the time");
        }
        if (report.Expectations.Length == 0) return;
        int shown = report.Expectations.Count(e => e.Passed);
        o.WriteLine($"  Teaching claims {shown} of {report.Expectations.Length} shown");
        foreach (var e in report.Expectations)
        {
            o.WriteLine($"    {(e.Passed ? "✔" : "✘")} {e.Headline}");
            o.WriteLine($"        {(e.Says.Length > 0 ? e.Claim + ": " : "")}{e.Detail}");
        }
    }
}
