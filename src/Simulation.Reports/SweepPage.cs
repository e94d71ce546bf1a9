using System.Text;
using Simulation.Scenarios;
using Simulation.Sweeps;
using static Simulation.Reports.Markup;

namespace Simulation.Reports;

/// <summary>
/// sweep.html: one self-contained page (no network) with the chart first, the results in a few plain lines,
/// a table per grid point, and what was run — tool version, the scenario's SHA-256, the seeds, the grid and
/// the command — so a student can hand it in and anyone can run it again.
/// </summary>
public static class SweepPage
{
    public const string PageFile = "sweep.html";

    /// <summary>Grid points listed on the page; the rest are in summary.csv.</summary>
    public const int MaxRows = 300;

    public static string Write(SweepResult sweep, string svg)
    {
        var plan = sweep.Plan;
        var s = plan.Scenario;
        var sb = new StringBuilder();
        sb.Append($"<h1>Sweep: {Escape(s.Title)}</h1>\n");
        sb.Append($"<p class=\"meta\">{Escape(string.Join(" · ", plan.Axes.Select(a => $"{a.Key}: {Values(a)}")))} · {Escape(SweepChart.Seeds(plan))} · " +
                  $"{RunText.Plural(plan.Runs, "run")} of {RunText.LengthWords(s.Spec.Hours)}</p>\n");
        sb.Append($"<figure class=\"chart\" id=\"chart\">\n{HtmlParts.InlineSvg(svg)}</figure>\n");

        sb.Append("<h2>In short</h2>\n<ul class=\"highlights\">\n");
        foreach (var line in SweepText.Highlights(sweep)) sb.Append($"<li>{Escape(line)}</li>\n");
        sb.Append("</ul>\n");

        sb.Append("<h2>Per grid point</h2>\n");
        sb.Append($"<p class=\"defs\">Each value is the mean over the {RunText.Plural(plan.Seeds.Length, "seed")}, ± half its 95% interval. " +
                  $"{Escape(HtmlParts.InteractionsDefined)} Every run is a row of <a href=\"{SweepTables.RunsFile}\">{SweepTables.RunsFile}</a>; every point, with standard deviations and interval ends, of <a href=\"{SweepTables.SummaryFile}\">{SweepTables.SummaryFile}</a>.</p>\n");
        var shown = sweep.Figures.Where(f => !f.Count || f.Column.EndsWith("_protests", StringComparison.Ordinal)).ToArray();
        var claims = s.Expect;
        // In a box of its own, so a narrow window (a projector's 1024 px) scrolls the table instead of cutting it off; the
        // first key's column stays in view. Claims are headed by number and named in a key below: their names made it too wide.
        string Key(int i) => i == 0 ? " class=\"key\"" : "";
        string span = claims.Length > 0 ? " rowspan=\"2\"" : "";
        sb.Append("<div class=\"wide\"><table class=\"points\"><thead><tr>");
        foreach (var (a, i) in plan.Axes.Select((a, i) => (a, i))) sb.Append($"<th{span}{Key(i)}>{Escape(a.Key).Replace(".", ".<wbr>", StringComparison.Ordinal)}</th>");
        foreach (var f in shown) sb.Append($"<th class=\"num\"{span} title=\"{Escape(f.Meaning)}\">{Escape(f.Label)}</th>");
        if (claims.Length > 0)
        {
            sb.Append($"<th class=\"claims\" colspan=\"{claims.Length}\">Claims shown</th></tr>\n<tr>");
            foreach (var (e, c) in claims.Select((e, c) => (e, c)))
                sb.Append($"<th class=\"num\" title=\"Claim {c + 1}: {Escape(ClaimSentences.For(e, s.Spec))}\">{c + 1}</th>");
        }
        sb.Append("</tr></thead><tbody>\n");
        foreach (var p in sweep.Points.Take(MaxRows))
        {
            sb.Append($"<tr data-point=\"{p.Point.Index}\">");
            foreach (var (v, i) in p.Point.Values.Select((v, i) => (v, i))) sb.Append($"<td{Key(i)}>{Escape(v)}</td>");
            foreach (var f in shown)
            {
                var e = p.Figures[sweep.Figures.IndexOf(f)];
                sb.Append($"<td class=\"num\">{Escape(RunText.Figure(f, e.Mean))} <small>±{Escape(RunText.Figure(f, (e.High - e.Low) / 2))}</small></td>");
            }
            foreach (var share in p.ClaimShares) sb.Append($"<td class=\"num\">{RunText.Percent(share)}</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
        if (claims.Length > 0)
            sb.Append("<p class=\"defs\" id=\"claim-key\">Claims shown: the share of seeds on which each claim showed. " +
                      string.Join(" · ", claims.Select((e, c) => $"<b>{c + 1}</b> {Escape(ClaimSentences.For(e, s.Spec))}")) + "</p>\n");
        if (sweep.Points.Length > MaxRows)
            sb.Append($"<p class=\"defs\">The first {MaxRows} of {sweep.Points.Length} grid points; all are in <a href=\"{SweepTables.SummaryFile}\">{SweepTables.SummaryFile}</a>.</p>\n");

        sb.Append("<h2>The figures</h2>\n<dl class=\"defs\">\n");
        foreach (var f in sweep.Figures) sb.Append($"<dt><code>{Escape(f.Column)}</code> — {Escape(f.Label)}</dt><dd>{Escape(f.Meaning)}</dd>\n");
        foreach (var (e, c) in s.Expect.Select((e, c) => (e, c)))
            sb.Append($"<dt><code>claim_{c + 1}_{Escape(e.Pattern)}</code></dt><dd>{Escape(ClaimSentences.For(e, s.Spec))} (<code>{Escape(ScenarioReports.Claim(e))}</code>): shown or not on each run; per point the share of seeds on which it showed</dd>\n");
        sb.Append("</dl>\n");

        sb.Append("<h2>What was run</h2>\n<table class=\"run\"><tbody>\n");
        Row(sb, "Command", $"<code>{Escape(sweep.Command)}</code>");
        Row(sb, "Scenario", $"<code>{Escape(s.Name)}</code> from <code>{Escape(s.SourcePath)}</code>, SHA-256 <code>{s.Sha256}</code>");
        Row(sb, "Grid", Escape(string.Join("; ", plan.Axes.Select(a => $"{a.Key} = {string.Join(", ", a.Values)}"))) + $" ({RunText.Plural(plan.Points.Length, "point")})");
        Row(sb, "Seeds", Escape(string.Join(", ", plan.Seeds)));
        Row(sb, "Each run", $"{RunText.LengthWords(s.Spec.Hours)} from {Escape(RunText.DayTime(s.Spec.Start))}");
        Row(sb, "couplesim", Escape(ToolInfo.Version));
        sb.Append("</tbody></table>\n");
        sb.Append("<footer>The same command, scenario file and version give the same files, byte for byte, however many silos run it.</footer>\n");
        return HtmlParts.Page($"Sweep: {s.Title}", sb.ToString());
    }

    // every value while they are few (a 1:7:1 and a 2:7:1 axis read alike), the ends and the count beyond
    private static string Values(Axis a) => a.Values.Length <= 8 ? string.Join(", ", a.Values) : $"{a.Values[0]} … {a.Values[^1]} ({a.Values.Length} values)";

    private static void Row(StringBuilder sb, string head, string html) => sb.Append($"<tr><th>{head}</th><td>{html}</td></tr>\n");
}
