using System.Text.RegularExpressions;

namespace Simulation.Reports.Tests;

/// <summary>sweep.html's table of grid points, as a 1024–1280 px window (a projector) shows it.</summary>
public sealed class SweepPageTests
{
    private static readonly SweepResult OneKey = FakeSweeps.Make("will.avoidance=1:7:3");

    private static string Page(SweepResult sweep) => SweepPage.Write(sweep, "<svg></svg>");

    [Fact]
    public void Few_values_are_all_named_and_many_by_their_ends_so_two_keys_read_alike()
    {
        string html = Page(FakeSweeps.Make("will.avoidance=1:7:1", "alma.anxiety=2:7:1"));
        Assert.Contains("will.avoidance: 1, 2, 3, 4, 5, 6, 7 · alma.anxiety: 2, 3, 4, 5, 6, 7 ·", html); // was "1 … 7 (7 values)" beside a list
        Assert.Contains("will.avoidance: 1 … 7 (13 values)", Page(FakeSweeps.Make("will.avoidance=1:7:0.5")));
        Assert.Contains("(in bold: most seeds)", SweepChart.Build(OneKey, "t", Charts.ChartSize.Default).Footnote);
    }

    [Fact]
    public void The_table_scrolls_in_a_box_of_its_own_rather_than_running_off_the_page()
    {
        string html = Page(OneKey);
        var box = Regex.Match(html, "<div class=\"wide\">(.*?)</div>", RegexOptions.Singleline);
        Assert.True(box.Success, "no scroll box");
        Assert.StartsWith("<table class=\"points\">", box.Groups[1].Value);
        Assert.EndsWith("</table>", box.Groups[1].Value);
        Assert.Single(Regex.Matches(html, "<table class=\"points\">"));
        Assert.Contains(".wide { overflow-x: auto;", html);
        // a value and its ± stay on one line
        Assert.Contains("table.points td { white-space: nowrap; }", html);
        Assert.Matches("<td class=\"num\">0\\.\\d\\d <small>±0\\.\\d\\d</small></td>", html);
        // the key column stays in view while the rest scrolls
        Assert.Matches("<tr data-point=\"0\"><td class=\"key\">1</td><td class=\"num\">", html);
        Assert.Contains("table.points .key { position: sticky; left: 0;", html);
    }

    [Fact]
    public void Claims_are_headed_by_number_and_named_in_a_key_under_the_table()
    {
        string html = Page(OneKey);
        var claims = OneKey.Plan.Scenario.Expect;
        // Each claim in words, with the partners' names ("Will withdraws within 4h after Sunday 18:00").
        var says = claims.Select(e => Markup.Escape(Simulation.Scenarios.ClaimSentences.For(e, OneKey.Plan.Scenario.Spec))).ToArray();
        Assert.Equal(7, claims.Length);
        Assert.Contains($"<th class=\"claims\" colspan=\"7\">Claims shown</th>", html);
        string head = Regex.Match(html, "<thead>(.*?)</thead>", RegexOptions.Singleline).Groups[1].Value;
        for (int c = 0; c < claims.Length; c++)
        {
            Assert.Contains($"title=\"Claim {c + 1}: {says[c]}\"", head);
            Assert.Contains($">{c + 1}</th>", head);
            Assert.DoesNotContain(claims[c].Pattern + "</th>", head); // the long names made the table too wide
        }
        string key = Regex.Match(html, "<p class=\"defs\" id=\"claim-key\">(.*?)</p>").Groups[1].Value;
        Assert.Equal("Claims shown: the share of seeds on which each claim showed. " + string.Join(" · ", says.Select((e, c) => $"<b>{c + 1}</b> {e}")), key);
        Assert.Contains("Will withdraws within 4h after Sunday 18:00", says);
        // every row has a cell per axis, figure shown and claim, under the header's columns
        int figures = Regex.Matches(head, "rowspan=\"2\"").Count;
        foreach (Match row in Regex.Matches(html, "<tr data-point=\"\\d+\">(.*?)</tr>"))
            Assert.Equal(figures + claims.Length, Regex.Matches(row.Groups[1].Value, "<td").Count);
    }

    [Fact]
    public void Two_keys_give_two_key_columns_and_their_dotted_names_may_break()
    {
        var sweep = FakeSweeps.Make("will.avoidance=2,6", "alma.anxiety=3,5");
        string html = Page(sweep);
        Assert.Contains("<th rowspan=\"2\" class=\"key\">will.<wbr>avoidance</th><th rowspan=\"2\">alma.<wbr>anxiety</th>", html);
        Assert.Equal(4, Regex.Matches(html, "<tr data-point=\"\\d+\"><td class=\"key\">[^<]+</td><td>[^<]+</td>").Count);
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("<script", html);
    }
}
