using System.Xml.Linq;
using Simulation.Model;

namespace Simulation.Reports.Tests;

public sealed class CompareTests
{
    private static (RunReport A, RunReport B) Pair(int divergeAt = 100)
    {
        var a = new RunReport(FakeRuns.Make(672), FakeRuns.Info, FakeRuns.Expect()) { Label = "as written" };
        var b = new RunReport(FakeRuns.Make(672, willResponsiveness: 0.9, divergeAt: divergeAt), FakeRuns.Info, FakeRuns.Expect(false)) { Label = "will.responsiveness=0.9" };
        return (a, b);
    }

    [Fact]
    public void Identical_runs_do_not_diverge()
    {
        Assert.Null(ComparisonWriter.FindDivergence(FakeRuns.Make(200), FakeRuns.Make(200)));
    }

    [Fact]
    public void Divergence_is_the_first_tick_where_events_or_states_differ()
    {
        var a = FakeRuns.Make(200);
        var events = a.Events.ToList();
        var target = events.First(e => e.Tick >= 50 && e.Outcome == Outcomes.Rebuffed);
        int i = events.IndexOf(target);
        events[i] = target with { Outcome = Outcomes.Answered };
        var b = a with { Events = [.. events] };

        var d = ComparisonWriter.FindDivergence(a, b)!;
        Assert.Equal(target.Tick, d.Tick);
        Assert.Equal(target.Tick, d.EventTick);
        Assert.Equal([target], d.OnlyA.ToArray());
        Assert.Equal(Outcomes.Answered, Assert.Single(d.OnlyB).Outcome);
        Assert.Contains("Will answers", d.Description);

        // a state difference earlier than any event difference comes first
        var tl = b.Timeline.ToArray();
        tl[20] = tl[20] with { Closeness = tl[20].Closeness + 0.01 };
        var c = b with { Timeline = [.. tl] };
        var d2 = ComparisonWriter.FindDivergence(a, c)!;
        Assert.Equal(20, d2.Tick);
        Assert.Equal(target.Tick, d2.EventTick);
    }

    [Fact]
    public void Compare_svg_overlays_both_curves_shades_the_difference_and_marks_the_divergence()
    {
        var (a, b) = Pair();
        var doc = XDocument.Parse(ComparisonWriter.Chart(a, b).ToSvg());
        bool Has(XElement e, params string[] cls) => ((string?)e.Attribute("class"))?.Split(' ') is { } c && cls.All(c.Contains);
        Assert.Single(doc.Descendants(), e => Has(e, "series", "closeness", "run-a"));
        Assert.Single(doc.Descendants(), e => Has(e, "series", "closeness", "run-b"));
        Assert.Contains(doc.Descendants(), e => Has(e, "fill", "b-above"));
        Assert.Contains(doc.Descendants(), e => Has(e, "series", "difference"));
        var div = ComparisonWriter.FindDivergence(a.Run, b.Run)!;
        var callout = doc.Descendants().Single(e => Has(e, "callout", "divergence"));
        Assert.Equal(div.Tick.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)callout.Attribute("data-tick"));
        Assert.Contains(callout.Descendants(), t => t.Value.StartsWith("Runs part", StringComparison.Ordinal));
        Assert.Contains(doc.Descendants(), e => Has(e, "vline", "divergence"));
    }

    [Fact]
    public void Compare_html_highlights_changed_values_and_lists_metric_differences()
    {
        var (a, b) = Pair();
        string html = ComparisonWriter.Page(a, b);
        HtmlTests.AssertSelfContained(html);
        Assert.Contains("<tr class=\"changed\" data-partner=\"will\" data-parameter=\"responsiveness\">", html);
        Assert.Contains("<tr data-parameter=\"responsiveness\" class=\"changed\">", html);
        Assert.DoesNotContain("<tr data-parameter=\"threat_gain\" class=\"changed\">", html);
        Assert.Contains("data-metric=\"mean-closeness\"", html);
        Assert.Contains("data-metric=\"will-rebuffed\"", html);
        Assert.Contains("Where they part:", html);
        var changes = ComparisonWriter.Changes(a.Run, b.Run);
        Assert.Equal("responsiveness", Assert.Single(changes).Name);
    }

    [Fact]
    public void Compare_files_are_byte_identical_on_rerun()
    {
        var (a1, b1) = Pair();
        var (a2, b2) = Pair();
        Assert.Equal(ComparisonWriter.Render(a1, b1).ToArray(), ComparisonWriter.Render(a2, b2).ToArray());
    }
}
