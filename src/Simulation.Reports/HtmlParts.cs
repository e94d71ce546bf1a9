using System.Text;
using Simulation.Model;
using static Simulation.Reports.Markup;

namespace Simulation.Reports;

/// <summary>Building blocks of the self-contained HTML pages (report.html, compare.html).</summary>
public static class HtmlParts
{
    /// <summary>
    /// Inline style sheet: large type and high contrast for projectors, system fonts only
    /// (nothing is fetched: the pages work offline and from a USB stick).
    /// </summary>
    public const string Css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #ffffff; color: #000000; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 20px; line-height: 1.45; }
        main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 64px; }
        h1 { font-size: 40px; line-height: 1.15; margin: 8px 0 4px; }
        h2 { font-size: 30px; margin: 40px 0 12px; border-bottom: 3px solid #000000; padding-bottom: 4px; }
        h3 { font-size: 24px; margin: 0 0 8px; }
        .meta { font-size: 18px; color: #222222; margin: 0 0 16px; }
        .meta code { font-size: 16px; }
        .notes { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
        .note { border-left: 8px solid #0072B2; background: #f2f7fb; padding: 12px 16px; }
        .note h3 { font-size: 20px; text-transform: uppercase; letter-spacing: 0.04em; color: #003a5c; }
        .note p { margin: 0; font-size: 22px; }
        figure { margin: 16px 0; }
        figure svg { width: 100%; height: auto; display: block; border: 1px solid #bbbbbb; }
        figure.chart { width: min(1860px, calc(100vw - 32px)); margin-left: 50%; transform: translateX(-50%); }
        figure.chart svg { max-height: calc(100vh - 170px); border: none; }
        /* a page's first chart carries the title and fills a projector's screen: 1280×720 shows all of it, time axis included */
        figure.chart.first { margin-top: -16px; }
        figure.chart.first svg { max-height: calc(100vh - 16px); }
        .hidden-title { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; margin: 0; }
        .meta span { white-space: nowrap; }
        figure.chart figcaption { max-width: 1264px; margin-left: auto; margin-right: auto; }
        figcaption { font-size: 18px; color: #222222; margin-top: 6px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 20px; }
        .card { border: 2px solid #000000; border-top-width: 10px; padding: 14px 18px; }
        .card .traits { font-size: 22px; margin: 4px 0 10px; }
        .badge { display: inline-block; padding: 1px 10px; border-radius: 4px; font-weight: bold; font-size: 18px; border: 2px solid #000000; }
        table { border-collapse: collapse; width: 100%; font-size: 18px; }
        th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid #999999; vertical-align: top; }
        th { background: #eeeeee; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.changed td { background: #fff2b3; font-weight: bold; }
        .traits b.changed, .badge.changed { background: #fff2b3; }
        small.was { font-weight: normal; white-space: nowrap; }
        .what-if { border: 2px solid #000000; border-left-width: 10px; background: #fff2b3; padding: 4px 18px; margin-bottom: 16px; }
        .what-if h2 { margin: 8px 0 4px; }
        /* tables wider than a projector's window (sweep.html's grid points, a run's partner figures) scroll in their box; the key column stays put */
        .wide { overflow-x: auto; margin-bottom: 12px; }
        table.points { font-size: 15px; }
        table.points th, table.points td { padding: 4px 4px; }
        table.points td { white-space: nowrap; }
        /* a mean's ± under it, so the figures and the seven claims fit 1280 px without scrolling */
        table.points td small { display: block; color: #444444; }
        table.points th.claims { text-align: center; }
        table.points .key { position: sticky; left: 0; background: #ffffff; }
        table.points th.key { background: #eeeeee; }
        .set { font-size: 14px; font-weight: bold; background: #000000; color: #ffffff; padding: 0 6px; border-radius: 3px; margin-left: 6px; }
        .summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 14px; margin-bottom: 16px; }
        .figure { border: 2px solid #000000; padding: 10px 14px; }
        .figure .value { font-size: 36px; font-weight: bold; display: block; }
        .figure .label { font-size: 18px; display: block; font-weight: bold; }
        .figure .def { font-size: 16px; display: block; color: #333333; margin-top: 4px; }
        .defs, .how, .later { font-size: 18px; color: #222222; }
        ul.expect { list-style: none; padding: 0; }
        ul.expect li { padding: 10px 14px; margin: 8px 0; border: 2px solid #000000; font-size: 20px; }
        ul.expect code.call, table.claims code.call { font-size: 15px; color: #333333; margin-left: 8px; }
        .pass { background: #d9f2e6; } .fail { background: #ffd9cc; }
        .verdict { font-weight: bold; margin-right: 10px; }
        details { border-bottom: 1px solid #999999; padding: 6px 0; }
        summary { cursor: pointer; font-size: 20px; }
        summary b { display: inline-block; min-width: 150px; }
        ol.events { list-style: none; padding-left: 24px; margin: 6px 0; font-size: 19px; }
        ol.events li { padding: 2px 0; }
        ol.events .t { font-variant-numeric: tabular-nums; font-weight: bold; margin-right: 6px; }
        .days { margin: 6px 0 6px 24px; font-size: 19px; }
        /* the charts' colours of a change, darkened to read as text: green closer (Okabe–Ito bluish green), pink further apart (reddish purple) */
        .diff-pos { color: #005a3c; font-weight: bold; } .diff-neg { color: #A3306F; font-weight: bold; } .diff-moved { font-weight: bold; }
        footer { margin-top: 48px; font-size: 16px; color: #333333; }
        @media print { body { font-size: 14px; } h2 { break-after: avoid; } figure { break-inside: avoid; } figure.chart { width: auto; margin-left: 0; transform: none; } }
        """;

    /// <summary>
    /// An SVG document as inline HTML: the XML declaration and the namespace declarations go
    /// (HTML needs none), so the page carries no URL at all.
    /// </summary>
    public static string InlineSvg(string svg)
    {
        int root = svg.IndexOf("<svg", StringComparison.Ordinal);
        return (root > 0 ? svg[root..] : svg)
            .Replace(" xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal)
            .Replace(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "", StringComparison.Ordinal)
            .TrimEnd() + "\n";
    }

    /// <summary>The line under a page's chart (scenario, seed, version …): each part, already HTML, kept on one line, the line breaking only between parts.</summary>
    public static void Meta(StringBuilder sb, params string[] parts) =>
        sb.Append("<p class=\"meta\">").Append(string.Join(" · ", parts.Select(p => $"<span>{p}</span>"))).Append("</p>\n");

    /// <summary>A whole page around <paramref name="body"/>.</summary>
    public static string Page(string title, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
        $"<title>{Escape(title)}</title>\n<style>\n{Css}\n</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n";

    /// <summary>The scenario's three notes, when it has any.</summary>
    public static void Notes(StringBuilder sb, ScenarioInfo s)
    {
        if (s.What.Length + s.Notice.Length + s.Try.Length == 0) return;
        sb.Append("<section class=\"notes\" id=\"notes\">\n");
        foreach (var (head, text, cls) in new[] { ("What it shows", s.What, "what"), ("What to notice", s.Notice, "notice"), ("What to try", s.Try, "try") })
            if (text.Length > 0)
                sb.Append($"<div class=\"note {cls}\"><h3>{head}</h3><p>{NoteHtml(text.Trim())}</p></div>\n");
        sb.Append("</section>\n");
    }

    /// <summary>A note's text escaped, a `command` in backticks set as code (as the notes write commands to type).</summary>
    public static string NoteHtml(string text) =>
        System.Text.RegularExpressions.Regex.Replace(Escape(text), "`([^`]+)`", "<code>$1</code>");

    /// <summary>
    /// A partner's card: traits, style, wound and every derived parameter with its meaning.
    /// Parameters named in <paramref name="changed"/> are highlighted (what-if comparisons); a key in <paramref name="was"/>
    /// (a what-if run's changes) shows the file's value beside the run's.
    /// </summary>
    public static void PartnerCard(StringBuilder sb, ResolvedPartner p, int index, IReadOnlySet<string>? changed = null, string? heading = null,
        IReadOnlyDictionary<string, string>? was = null)
    {
        string Trait(string key, string value) => changed?.Contains(key) == true ? $"<b class=\"changed\">{value}</b>" : $"<b>{value}</b>";
        string File(string key) => was is not null && was.TryGetValue(key, out var v) ? $" <small class=\"was\">(file {Escape(HtmlReport.Shown(v))})</small>" : "";
        var s = p.Spec;
        string colour = Charts.ChartPalette.Partner(index);
        bool traitsChanged = changed?.Contains("anxiety") == true || changed?.Contains("avoidance") == true || changed?.Contains("wound") == true;
        sb.Append($"<article class=\"card partner\" data-partner=\"{Escape(s.Id)}\" style=\"border-top-color:{colour}\">\n");
        sb.Append($"<h3 style=\"color:{colour}\">{Escape(heading ?? s.Name)}</h3>\n");
        sb.Append($"<p class=\"traits{(traitsChanged ? " changed" : "")}\">Anxiety {Trait("anxiety", RunText.Fixed(s.Anxiety, 1))}{File("anxiety")} · Avoidance {Trait("avoidance", RunText.Fixed(s.Avoidance, 1))}{File("avoidance")} <small>(ECR-R, 1–7)</small><br>\n");
        sb.Append($"<span class=\"badge style\">{Escape(p.StyleName)}</span> <span class=\"badge hendrix\">{Escape(RunText.Hendrix(s.Anxiety, s.Avoidance))}</span> ");
        sb.Append($"<span class=\"badge wound{(changed?.Contains("wound") == true ? " changed" : "")}\">{RunText.Wound(s.Wound)} wound</span>{File("wound")}</p>\n");
        sb.Append("<table class=\"parameters\"><thead><tr><th>Parameter</th><th class=\"num\">Value</th><th>Meaning</th></tr></thead><tbody>\n");
        foreach (var info in ParameterCatalog.All)
        {
            bool isChanged = changed?.Contains(info.Name) == true;
            bool isSet = s.Overrides.ContainsKey(info.Name);
            sb.Append($"<tr data-parameter=\"{info.Name}\"{(isChanged ? " class=\"changed\"" : "")}><td><code>{info.Name}</code>{(isSet ? "<span class=\"set\">set</span>" : "")}</td>" +
                      $"<td class=\"num\">{info.Format(p.Parameters)}{File(info.Name)}</td><td>{Escape(info.Meaning)}</td></tr>\n");
        }
        sb.Append("</tbody></table>\n</article>\n");
    }

    /// <summary>
    /// What an interaction is, as <see cref="RunMetrics.IsInteraction"/> counts it: the one definition
    /// the report and the what-if page print beside the figure.
    /// </summary>
    public const string InteractionsDefined =
        "Interactions: bids, protests, call-backs and repairs that got an answer or a refusal (answered, soothed, turned away, accepted or refused); " +
        "a call the partner could not take (missed) does not count. One went well when it was answered, soothed or accepted.";

    /// <summary>Headline figures, each with what it measures, and a per-partner table with its columns explained.</summary>
    public static void Metrics(StringBuilder sb, RunResult run, RunMetrics m)
    {
        string hours = RunText.LengthWords(m.Hours);
        sb.Append("<div class=\"summary\" id=\"metrics\">\n");
        Figure(sb, "mean-closeness", RunText.Fixed(m.MeanCloseness), "mean closeness", $"closeness averaged over the {m.Hours} hours (0 apart – 1 close)");
        Figure(sb, "range-closeness", $"{RunText.Fixed(m.MinCloseness)}–{RunText.Fixed(m.MaxCloseness)}", "lowest – highest closeness", "in any hour of the run");
        Figure(sb, "positive-share", RunText.Percent(m.PositiveShare), $"of {m.Interactions} interactions went well", InteractionsDefined);
        Figure(sb, "events", run.Events.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "events in " + hours,
            "every line of events.csv: bids, protests, answers' outcomes, call-backs, repairs, give-ups, withdrawals and returns, happenings and interventions");
        sb.Append("</div>\n");
        sb.Append("<div class=\"wide\"><table class=\"partner-metrics\"><thead><tr><th>Partner</th><th class=\"num\">Bids</th><th class=\"num\">Protests</th><th class=\"num\">Answered<br><small>by the other</small></th>" +
                  "<th class=\"num\">Turned away<br><small>by the other</small></th><th class=\"num\">Missed<br><small>other away</small></th><th class=\"num\">Repairs</th><th class=\"num\">Give-ups</th>" +
                  "<th class=\"num\">Mean stance</th><th class=\"num\">Mean distress</th><th class=\"num\">Time withdrawn</th></tr></thead><tbody>\n");
        var names = RunText.Names(run);
        foreach (var p in m.Partners)
            sb.Append($"<tr data-partner=\"{Escape(p.Id)}\"><td>{Escape(names(p.Id))}</td><td class=\"num\">{p.Bids}</td><td class=\"num\">{p.Protests}</td>" +
                      $"<td class=\"num\">{p.Answered}</td><td class=\"num\">{p.Rebuffed}</td><td class=\"num\">{p.Missed}</td><td class=\"num\">{p.RepairsAttempted}</td>" +
                      $"<td class=\"num\">{p.GiveUps}</td><td class=\"num\">{RunText.Fixed(p.MeanStance)}</td><td class=\"num\">{RunText.Fixed(p.MeanDistress)}</td>" +
                      $"<td class=\"num\">{RunText.Percent(p.TimeWithdrawn)}</td></tr>\n");
        sb.Append("</tbody></table></div>\n"); // wider than a 1024-px window: it scrolls in its box, not the page
        sb.Append("<p class=\"defs\"><b>Bids</b>: the partner reaches out; <b>protests</b>: an anxious, insistent bid. " +
                  "<b>Answered</b>, <b>turned away</b>, <b>missed</b>: how that partner's bids and protests went (answered or soothed; turned down; not taken, the other being away or busy). " +
                  "<b>Repairs</b>: attempts to make up; <b>give-ups</b>: stops reaching out and turns angry. " +
                  $"<b>Mean stance</b>: −1 turned away … +1 turned toward, averaged over the hours; <b>mean distress</b>: 0 calm and up; <b>time withdrawn</b>: the share of the {m.Hours} hours spent withdrawn.</p>\n");
    }

    private static void Figure(StringBuilder sb, string id, string value, string label, string definition) =>
        sb.Append($"<div class=\"figure\" data-metric=\"{id}\"><span class=\"value\">{Escape(value)}</span><span class=\"label\">{Escape(label)}</span>" +
                  $"<span class=\"def\">{Escape(definition)}</span></div>\n");

    /// <summary>Each teaching claim with its verdict and the figures behind it.</summary>
    public static void Expectations(StringBuilder sb, IReadOnlyList<ExpectationOutcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            sb.Append("<p>This scenario makes no claims to check.</p>\n");
            return;
        }
        sb.Append("<ul class=\"expect\">\n");
        foreach (var e in outcomes)
            sb.Append($"<li class=\"{(e.Passed ? "pass" : "fail")}\" data-pattern=\"{Escape(e.Pattern)}\"><span class=\"verdict\">{(e.Passed ? "✔ Shown" : "✘ Not shown")}</span>" +
                      $"<b>{Escape(e.Headline)}</b>{(e.Says.Length > 0 ? $" <code class=\"call\">{Escape(e.Claim)}</code>" : "")}<br>{Escape(e.Detail)}</li>\n");
        sb.Append("</ul>\n");
    }
}
