using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Simulation.Model;

namespace Simulation.Reports.Tests;

public sealed class HtmlTests
{
    /// <summary>Anything that would make the page fetch or link out.</summary>
    internal static void AssertSelfContained(string html)
    {
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        foreach (Match m in Regex.Matches(html, @"url\(([^)]*)\)")) Assert.StartsWith("#", m.Groups[1].Value);
    }

    [Fact]
    public void A_days_summary_names_a_send_away()
    {
        var t = new DateTime(2026, 3, 9, 21, 0, 0);
        SimEvent[] day =
        [
            new(0, t, "alma", EventKinds.Protest, "will", Outcomes.Rebuffed, "distress", Tones.Angry),
            new(1, t.AddHours(1), "alma", EventKinds.SendAway, "will", Outcomes.None, "inconsolable"),
        ];
        string Name(string id) => id == "alma" ? "Alma" : "Will";
        Assert.Equal("1 protest (0 answered), Alma sends Will away (inconsolable)", HtmlReport.DaySummary(day, Name));
    }

    [Theory]
    [InlineData(672, "4 weeks")]
    [InlineData(8760, "1 year")]       // --length 1y: 365 days, said as a year rather than "365 days"
    [InlineData(87600, "10 years")]
    [InlineData(48, "2 days")]
    [InlineData(5, "5 hours")]
    public void A_run_length_is_said_in_the_largest_whole_unit(int hours, string words) => Assert.Equal(words, RunText.LengthWords(hours));

    [Fact]
    public void Report_is_self_contained_with_inline_css_and_svg()
    {
        string html = HtmlReport.Write(FakeRuns.Report(672));
        AssertSelfContained(html);
        Assert.Contains("<style>", html);
        Assert.Single(Regex.Matches(html, "<svg "));
        Assert.StartsWith("<!DOCTYPE html>", html);
    }

    [Fact]
    public void Report_shows_notes_partner_cards_metrics_and_claims()
    {
        var report = FakeRuns.Report(672);
        string html = HtmlReport.Write(report);
        Assert.Contains("<h1 class=\"hidden-title\">Alma and Will: the Sunday-evening cycle</h1>", html);
        Assert.Contains("What to notice", html);
        Assert.Contains("Protests cluster on Sunday evenings", html);
        Assert.Contains("data-partner=\"alma\"", html);
        Assert.Contains(">preoccupied<", html);
        Assert.Contains(">maximiser<", html);
        Assert.Contains(">dismissing<", html);
        Assert.Contains(">minimiser<", html);
        Assert.Contains("early wound", html);
        foreach (var p in ParameterCatalog.All)
        {
            Assert.Contains($"<code>{p.Name}</code>", html);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(p.Meaning).Replace("&#39;", "'"), html.Replace("&#39;", "'"));
        }
        Assert.Contains(RunText.Percent(report.Metrics.PositiveShare), html);
        Assert.Contains("✔ Shown", html);
        Assert.Contains("Alma made 80% of the bids", html);
    }

    [Fact]
    public void A_failed_claim_is_marked_as_not_shown()
    {
        var report = new RunReport(FakeRuns.Make(48), FakeRuns.Info, FakeRuns.Expect(passed: false));
        string html = HtmlReport.Write(report);
        Assert.Contains("class=\"fail\" data-pattern=\"pursue-withdraw\"", html);
        Assert.Contains("✘ Not shown", html);
    }

    [Fact]
    public void A_claim_is_headed_by_its_sentence_with_the_pattern_call_beside_it()
    {
        var plain = FakeRuns.Expect();
        var said = plain.Select(e => e with { Says = "Alma pursues and Will withdraws" }).ToImmutableArray();
        string html = HtmlReport.Write(new RunReport(FakeRuns.Make(48), FakeRuns.Info, said));
        Assert.Contains($"<b>Alma pursues and Will withdraws</b> <code class=\"call\">{Markup.Escape(said[0].Claim)}</code><br>", html);
        // Without a sentence the call is the heading, once.
        string bare = HtmlReport.Write(new RunReport(FakeRuns.Make(48), FakeRuns.Info, plain));
        Assert.Contains($"<b>{Markup.Escape(plain[0].Claim)}</b><br>", bare);
        Assert.DoesNotContain("code class=\"call\"", bare);
    }

    [Fact]
    public void Event_timeline_lists_two_weeks_in_full_then_summarises_by_day()
    {
        var run = FakeRuns.Make(8 * 7 * 24);
        string html = HtmlReport.Write(new RunReport(run, FakeRuns.Info, []));
        var items = Regex.Matches(html, "<li data-kind=").Count;
        var cutoff = run.Spec.Start.Date.AddDays(HtmlReport.DetailedDays);
        Assert.Equal(run.Events.Count(e => e.Time < cutoff), items);
        Assert.True(run.Events.Count(e => e.Time >= cutoff) > items / 2, "there are many later events, summarised");
        int laterDays = run.Events.Where(e => e.Time >= cutoff).Select(e => e.Time.Date).Distinct().Count();
        Assert.Equal(laterDays, Regex.Matches(html, "<li data-day=").Count);
        Assert.Contains("Will withdraws", html);
    }

    [Fact]
    public void Events_read_as_plain_sentences()
    {
        var t = new DateTime(2026, 3, 8, 18, 0, 0);
        var names = RunText.Names(FakeRuns.Make(1));
        Assert.Equal("Will withdraws (work stress)", RunText.Describe(new SimEvent(34, t, "will", EventKinds.Withdraw, "", "", "work stress"), names));
        Assert.Equal("Alma protests; not answered", RunText.Describe(new SimEvent(34, t, "alma", EventKinds.Protest, "will", Outcomes.Missed), names));
        Assert.Equal("Alma protests; Will turns away", RunText.Describe(new SimEvent(34, t, "alma", EventKinds.Protest, "will", Outcomes.Rebuffed), names));
        Assert.Equal("Will tries to repair; Alma accepts", RunText.Describe(new SimEvent(34, t, "will", EventKinds.Repair, "alma", Outcomes.Accepted, "makes up"), names));
        Assert.Equal("Alma reaches out to Will; Will answers", RunText.Describe(new SimEvent(34, t, "alma", EventKinds.Bid, "will", Outcomes.Answered, "wants contact"), names));
        Assert.Equal("Alma is away", RunText.Describe(new SimEvent(34, t, "alma", EventKinds.Happening, "", "", "is away"), names));
        Assert.Equal("Will starts stretching", RunText.Describe(new SimEvent(34, t, "will", EventKinds.Intervention, "", "", "starts stretching"), names));
        Assert.Equal("Sun 18:00", RunText.WeekdayTime(t));
        Assert.Equal("4w", RunText.Length(672));
        Assert.Equal("36h", RunText.Length(36));
    }

    [Theory]
    [InlineData("run `couplesim check a.yaml --seed N` again", "run <code>couplesim check a.yaml --seed N</code> again")]
    [InlineData("a <b> & `x<y`", "a &lt;b&gt; &amp; <code>x&lt;y</code>")] // escaped first: a note cannot inject markup
    [InlineData("an odd ` stays", "an odd ` stays")]
    public void A_notes_backticked_command_is_set_as_code(string text, string html) => Assert.Equal(html, HtmlParts.NoteHtml(text));

    [Fact]
    public void The_chart_comes_first_under_the_title_and_every_figure_says_what_it_counts()
    {
        var report = FakeRuns.Report(672);
        string html = HtmlReport.Write(report);
        int h1 = html.IndexOf("<h1 ", StringComparison.Ordinal), svg = html.IndexOf("<svg", StringComparison.Ordinal);
        int notes = html.IndexOf("id=\"notes\"", StringComparison.Ordinal), summary = html.IndexOf("id=\"summary\"", StringComparison.Ordinal);
        Assert.True(h1 < svg && svg < notes && notes < summary, "title, chart, notes, figures");
        Assert.DoesNotContain("<h2", html[..svg]);
        Assert.Contains("Interactions: bids, protests, call-backs and repairs that got an answer or a refusal", html);
        Assert.Contains($"of {report.Metrics.Interactions} interactions went well", html);
        Assert.Contains("<b>time withdrawn</b>", html);
        Assert.Contains("closeness averaged over the 672 hours", html);
    }

    [Fact]
    public void On_a_projector_the_chart_is_the_first_thing_shown_and_carries_the_only_visible_title()
    {
        string html = HtmlReport.Write(FakeRuns.Report(672));
        int body = html.IndexOf("<main>", StringComparison.Ordinal), figure = html.IndexOf("<figure class=\"chart first\"", StringComparison.Ordinal);
        Assert.True(body < figure, "the chart is on the page");
        // before the chart only the heading, which the style sheet takes off the screen (the chart's own title shows)
        Assert.Equal("<h1 class=\"hidden-title\">Alma and Will: the Sunday-evening cycle</h1>", html[(body + "<main>".Length)..figure].Trim());
        Assert.Matches(@"\.hidden-title \{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect\(0 0 0 0\)", HtmlParts.Css);
        // a 16:9 chart as wide as a 1280-px window less the page's margins, and the screen's height at most
        Assert.Contains("figure.chart.first svg { max-height: calc(100vh - 16px); }", HtmlParts.Css);
        Assert.Contains("figure.chart { width: min(1860px, calc(100vw - 32px));", HtmlParts.Css);
        Assert.True(8 + (1280 - 32) * 1080.0 / 1920 <= 720, "at 1280×720 the whole chart fits under the 8-px top margin");
        // the meta line breaks between its parts, never inside the version
        Assert.Contains($"<span>couplesim {ToolInfo.Version}</span>", html);
        Assert.Contains(".meta span { white-space: nowrap; }", HtmlParts.Css);
    }

    [Fact]
    public void The_partner_table_names_a_turned_down_bid_as_the_terminal_and_the_compare_do()
    {
        var run = FakeRuns.Make(168);
        var sb = new System.Text.StringBuilder();
        HtmlParts.Metrics(sb, run, RunMetrics.Compute(run));
        string html = sb.ToString();
        // "turned N away" in the terminal, "bids turned away" in compare: one name for one outcome
        Assert.Contains("<th class=\"num\">Turned away<br><small>by the other</small></th>", html);
        Assert.Contains("<th class=\"num\">Answered<br><small>by the other</small></th>", html); // "Alma … Answered 19" is Will answering hers
        Assert.Contains("<b>turned away</b>", html);
        Assert.DoesNotContain("ebuffed", html);
    }

    [Fact]
    public void A_small_parameter_that_is_not_zero_is_not_shown_as_zero_on_the_partner_card()
    {
        var run = FakeRuns.Make(24);
        Assert.Equal(6e-05, run.Partners[0].Parameters.SecurityDrift, 12);
        var sb = new System.Text.StringBuilder();
        HtmlParts.PartnerCard(sb, run.Partners[0], 0);
        Assert.Contains("<code>security_drift</code></td><td class=\"num\">0.00006</td>", sb.ToString());
        var info = ParameterCatalog.All.Single(i => i.Name == "security_drift");
        Assert.Equal("0.00012", info.Format(info.With(run.Partners[0].Parameters, 0.0001234)));
        Assert.Equal("0.0006", info.Format(info.With(run.Partners[0].Parameters, 0.0006)));
        Assert.Equal("0.0046", info.Format(info.With(run.Partners[0].Parameters, 0.00456)));
        Assert.Equal("0.012", info.Format(info.With(run.Partners[0].Parameters, 0.0123)));
        Assert.Equal("0", info.Format(info.With(run.Partners[0].Parameters, 0)));
        Assert.Equal("0.5", info.Format(info.With(run.Partners[0].Parameters, 0.5)));
    }

    [Fact]
    public void The_events_list_says_what_each_line_is()
    {
        var run = FakeRuns.Make(4 * 7 * 24);
        string html = HtmlReport.Write(new RunReport(run, FakeRuns.Info, []));
        Assert.Contains($"The first {HtmlReport.DetailedDays} days event by event, a day to a line", html);
        Assert.Contains("one line per week (open a week for a line per day)", html);
        Assert.DoesNotContain("days, one line per day", html);
        int weeks = Regex.Matches(html, "<details class=\"week\">").Count;
        Assert.Equal(2, weeks); // weeks 3 and 4, each a line that opens to its days
    }

    [Fact]
    public void Control_characters_in_a_title_and_names_leave_the_page_and_its_svg_valid()
    {
        var run = FakeRuns.Make(72);
        run = run with { Partners = [run.Partners[0] with { Spec = run.Partners[0].Spec with { Name = "Al\u0001ma\u000b" } }, run.Partners[1]] };
        var info = FakeRuns.Info with { Title = "Alma\u0000 and \u001bWill\u0008", Summary = "sum\u0002mary" };
        string html = HtmlReport.Write(new RunReport(run, info, []));
        Assert.DoesNotMatch(@"[\u0000-\u0008\u000B\u000C\u000E-\u001F]", html);
        Assert.Contains("<h1 class=\"hidden-title\">Alma and Will</h1>", html);
        int start = html.IndexOf("<svg", StringComparison.Ordinal), end = html.IndexOf("</svg>", StringComparison.Ordinal) + 6;
        var svg = XElement.Parse(html[start..end]);
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text" && e.Value.Trim() == "Alma");
        Assert.Equal("Alma and Will", Markup.Clean(info.Title));
    }

    [Fact]
    public void The_report_html_is_well_formed_enough_to_parse_its_svg()
    {
        string html = HtmlReport.Write(FakeRuns.Report(168));
        int start = html.IndexOf("<svg ", StringComparison.Ordinal), end = html.IndexOf("</svg>", StringComparison.Ordinal) + 6;
        var svg = XElement.Parse(html[start..end]);
        Assert.Equal("svg", svg.Name.LocalName);
    }
}
