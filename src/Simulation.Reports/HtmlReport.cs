using System.Globalization;
using System.Text;
using Simulation.Model;
using Simulation.Scenarios;
using static Simulation.Reports.Markup;

namespace Simulation.Reports;

/// <summary>report.html: one self-contained page per run (inline CSS and SVG, no scripts, nothing fetched).</summary>
public static class HtmlReport
{
    /// <summary>Days from the start listed event by event; later days are summarised per day, grouped by week.</summary>
    public const int DetailedDays = 14;

    /// <summary>The page. <paramref name="svg"/> is the closeness chart (built from the run when null).</summary>
    public static string Write(RunReport report, string? svg = null)
    {
        var run = report.Run;
        var s = report.Scenario;
        var sb = new StringBuilder();
        // The chart comes first and carries the title: on a projector's 1280×720 it fills the width and the
        // screen, time axis included. The heading stays for the page's outline, hidden on screen.
        sb.Append($"<h1 class=\"hidden-title\">{Escape(report.Title)}</h1>\n");
        sb.Append("<figure class=\"chart first\" id=\"plot\">\n");
        sb.Append(HtmlParts.InlineSvg(svg ?? ClosenessChart.Svg(run, report.Title)));
        sb.Append("<figcaption>Top: closeness (0 apart, 1 close). Then each partner's stance (+1 toward the other, −1 away) and distress" +
                  (ClosenessChart.DriftingAnxiety(run).Length > 0 ? ", then the anxiety score (ECR-R, 1–7) of each partner whose anxiety moves during the run (falling: earned security). " : ". ") +
                  "Shaded hours: leisure together (yellow), both asleep (grey); in each partner's lane, work or busy (light blue) and stress (orange strip along the top). " +
                  "Each lane has a row per kind of event; a marker counts that partner's events in a stretch of time (the chart's footnote says how long), bigger for more. " +
                  "Answers and turn-aways are of any reach of the other's (a bid, protest, call-back or repair); the summary's answered and turned away count bids and protests. " +
                  "A grey bar in the “Withdraws” row is the time that partner stays withdrawn.</figcaption>\n</figure>\n");
        sb.Append("<header>\n");
        HtmlParts.Meta(sb, $"Scenario <code>{Escape(s.Name)}</code>", $"seed {run.Spec.Seed}",
            $"{RunText.LengthWords(run.Spec.Hours)} from {Escape(RunText.Day(run.Spec.Start))} {run.Spec.Start.ToString("yyyy HH:mm", CultureInfo.InvariantCulture)}",
            $"couplesim {Escape(ToolInfo.Version)}");
        if (s.Summary.Length > 0) sb.Append($"<p class=\"lead\">{Escape(s.Summary)}</p>\n");
        sb.Append("</header>\n");
        WhatIf(sb, report);
        HtmlParts.Notes(sb, s);

        sb.Append("<h2 id=\"summary\">Summary</h2>\n");
        HtmlParts.Metrics(sb, run, report.Metrics);

        sb.Append("<h2 id=\"expectations\">Teaching claims</h2>\n");
        HtmlParts.Expectations(sb, report.Expectations);

        sb.Append("<h2 id=\"partners\">The partners</h2>\n<div class=\"cards\">\n");
        for (int i = 0; i < run.Partners.Length; i++)
        {
            // a what-if's changed keys of this partner, highlighted with the file's value beside the run's
            string prefix = run.Partners[i].Spec.Id + ".";
            var was = ChangedFromFile(report).Where(x => x.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(x => x.Key[prefix.Length..], x => x.Value, StringComparer.Ordinal);
            HtmlParts.PartnerCard(sb, run.Partners[i], i, was.Count > 0 ? was.Keys.ToHashSet(StringComparer.Ordinal) : null, was: was);
        }
        sb.Append("</div>\n");

        sb.Append("<h2 id=\"events\">What happened</h2>\n");
        Timeline(sb, run);

        sb.Append($"<footer>Scenario file SHA-256 <code>{Escape(s.Sha256)}</code>. Same scenario, seed and version give the same page.</footer>\n");
        return HtmlParts.Page(report.Title, sb.ToString());
    }

    /// <summary>
    /// A what-if run says what it changed, from what, and that the notes that follow are the scenario's, written for
    /// the file as it is ("What to try" may suggest the very change this run made); with the command that shows it beside the file's run.
    /// </summary>
    private static void WhatIf(StringBuilder sb, RunReport report)
    {
        if (report.WhatIfs.IsEmpty) return;
        var parts = report.WhatIfs.Select(change =>
        {
            var (key, now) = ScenarioChanges.Split(change);
            if (key == "stretch") return $"stretching {Escape(now)} added";
            if (!report.WasInFile.TryGetValue(key, out var was)) return $"<code>{Escape(change)}</code>";
            return SameValue(was, now)
                ? $"<code>{Escape(key)}</code> {Escape(now)} (as in the file)"
                : $"<code>{Escape(key)}</code> {Escape(Shown(was))} → <b>{Escape(now)}</b>";
        });
        sb.Append("<section class=\"what-if\" id=\"what-if\">\n<h2>What if</h2>\n");
        sb.Append($"<p>This run changes the scenario: {string.Join("; ", parts)}. The notes below are the scenario's, about the file as written.");
        if (report.SourcePath.Length > 0)
        {
            string command = string.Join(" ", new[] { "couplesim", "compare", report.SourcePath }.Concat(report.CompareArguments).Select(ShellWord));
            sb.Append($" To see this run beside the file's own: <code>{Escape(command)}</code>.");
        }
        sb.Append("</p>\n</section>\n");
    }

    /// <summary>The file's value of each key a what-if set to something else: a --set to the file's own value changes nothing to highlight.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ChangedFromFile(RunReport report) =>
        report.WhatIfs.Select(ScenarioChanges.Split).Where(c => report.WasInFile.TryGetValue(c.Key, out var was) && !SameValue(was, c.Value))
            .Select(c => KeyValuePair.Create(c.Key, report.WasInFile[c.Key])).DistinctBy(x => x.Key);

    /// <summary>Whether a value typed after --set is the file's (5.5 and 5.50; early and Early).</summary>
    private static bool SameValue(string was, string now) =>
        double.TryParse(was, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.TryParse(now, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            ? a == b : string.Equals(was.Trim(), now.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>An argument as a shell takes it back: quoted when it holds a space or a character the shell would read.</summary>
    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '=' or '@' or ':' or ',' or '+' or '/')
            ? word : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>A value from the file as the cards write it: a number to three decimals at most (a derived 0.5433… as 0.543),
    /// a small one with two significant digits (security_drift 0.00006, not 0).</summary>
    internal static string Shown(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? ParameterInfo.Format(d) : value;

    /// <summary>The events in plain words: the first <see cref="DetailedDays"/> days event by event, then one line per week that opens to a line per day.</summary>
    public static void Timeline(StringBuilder sb, RunResult run)
    {
        if (run.Events.Length == 0)
        {
            sb.Append("<p>Nothing happened: no bids, no withdrawals.</p>\n");
            return;
        }
        var names = RunText.Names(run);
        var byDay = run.Events.GroupBy(e => e.Time.Date).OrderBy(g => g.Key).ToList();
        DateTime detailedUntil = run.Spec.Start.Date.AddDays(DetailedDays);
        sb.Append($"<p class=\"how\">The first {DetailedDays} days event by event, a day to a line (open a day to read its events).</p>\n");
        sb.Append("<div class=\"timeline\">\n");
        bool first = true;
        foreach (var day in byDay.Where(d => d.Key < detailedUntil))
        {
            sb.Append($"<details class=\"day\" data-day=\"{day.Key:yyyy-MM-dd}\"{(first ? " open" : "")}><summary><b>{Escape(RunText.Day(day.Key))}</b> {Escape(DaySummary(day, names))}</summary>\n<ol class=\"events\">\n");
            foreach (var e in day)
                sb.Append($"<li data-kind=\"{Escape(e.Kind)}\"><span class=\"t\">{RunText.WeekdayTime(e.Time)}</span> — {Escape(RunText.Describe(e, names))}</li>\n");
            sb.Append("</ol>\n</details>\n");
            first = false;
        }
        var later = byDay.Where(d => d.Key >= detailedUntil).ToList();
        if (later.Count > 0)
        {
            sb.Append($"<p class=\"later\">After the first {DetailedDays} days, one line per week (open a week for a line per day):</p>\n");
            foreach (var week in later.GroupBy(d => (d.Key - run.Spec.Start.Date).Days / 7))
            {
                var days = week.ToList();
                int count = days.Sum(d => d.Count());
                sb.Append($"<details class=\"week\"><summary><b>{Escape(RunText.Day(days[0].Key))} – {Escape(RunText.Day(days[^1].Key))}</b> {RunText.Plural(count, "event")}</summary>\n<ul class=\"days\">\n");
                foreach (var d in days)
                    sb.Append($"<li data-day=\"{d.Key:yyyy-MM-dd}\"><b>{Escape(RunText.Day(d.Key))}</b>: {Escape(DaySummary(d, names))}</li>\n");
                sb.Append("</ul>\n</details>\n");
            }
        }
        sb.Append("</div>\n");
    }

    /// <summary>"14 reaches for contact (9 answered), 3 protests, Will withdraws 2×".</summary>
    public static string DaySummary(IEnumerable<SimEvent> events, Func<string, string> name)
    {
        var list = events.ToList();
        var parts = new List<string>();
        var asks = list.Where(e => e.Kind is EventKinds.Bid or EventKinds.Protest).ToList();
        if (asks.Count > 0)
        {
            int bids = asks.Count(e => e.Kind == EventKinds.Bid), protests = asks.Count - bids;
            int answered = asks.Count(RunMetrics.IsPositive);
            var kinds = new List<string>();
            if (bids > 0) kinds.Add(RunText.Plural(bids, "bid"));
            if (protests > 0) kinds.Add(RunText.Plural(protests, "protest"));
            parts.Add($"{string.Join(" and ", kinds)} ({answered} answered)");
        }
        void Count(string kind, string noun)
        {
            int n = list.Count(e => e.Kind == kind);
            if (n > 0) parts.Add(RunText.Plural(n, noun));
        }
        Count(EventKinds.Callback, "call-back");
        Count(EventKinds.Repair, "repair attempt");
        Count(EventKinds.GiveUp, "give-up");
        foreach (var g in list.Where(e => e.Kind == EventKinds.Withdraw).GroupBy(e => e.Actor).OrderBy(g => g.Key, StringComparer.Ordinal))
            parts.Add(g.Count() == 1 ? $"{name(g.Key)} withdraws" : $"{name(g.Key)} withdraws {g.Count()}×");
        // A send-away is the evening's turning point (Alma's "go away"): named, not folded into a count.
        foreach (var e in list.Where(e => e.Kind is EventKinds.SendAway or EventKinds.Rejection or EventKinds.Intervention or EventKinds.Happening))
            parts.Add(RunText.Describe(e, name));
        return parts.Count == 0 ? "quiet" : string.Join(", ", parts);
    }
}
