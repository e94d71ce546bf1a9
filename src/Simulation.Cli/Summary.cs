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
            o.WriteLine($"  {names(p.Id),-14}  {RunText.Plural(p.Bids, "bid")}, {RunText.Plural(p.Protests, "protest")}, {p.Answered} answered, {p.Rebuffed} turned away; withdrawn {RunText.Percent(p.TimeWithdrawn)} of the time");
        if (report.Expectations.Length == 0) return;
        int shown = report.Expectations.Count(e => e.Passed);
        o.WriteLine($"  Expectations    {shown} of {report.Expectations.Length} shown");
        foreach (var e in report.Expectations)
            o.WriteLine($"    {(e.Passed ? "✔" : "✘")} {e.Claim}: {e.Detail}");
    }
}
