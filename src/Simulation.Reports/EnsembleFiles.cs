using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ScottPlot;
using Simulation.Reports.Charts;
using Simulation.Scenarios;
using Simulation.Sweeps;
using static Simulation.Reports.Markup;

namespace Simulation.Reports;

/// <summary>
/// An ensemble what-if (<c>compare … --seeds A-B</c>): compare.svg / compare.png (each side's mean closeness
/// with its 95 % band, and the paired difference B − A with its band), compare.html (that chart, each figure's
/// change with its interval and on how many seeds it moved the same way, both sides' claims) and runs.csv
/// (every run's figures, side by side by seed).
/// </summary>
public static class EnsembleFiles
{
    public const string RunsFile = "runs.csv";

    public static ImmutableArray<string> Names { get; } = [ComparisonWriter.ChartFile, ComparisonWriter.ImageFile, ComparisonWriter.PageFile, RunsFile];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static ImmutableArray<string> Write(Ensemble e, string command, string directory, ChartSize? size = null, CancellationToken cancellationToken = default) =>
        OutputFiles.Commit(directory, Render(e, command, size), cancellationToken);

    public static ImmutableArray<(string Name, byte[] Content)> Render(Ensemble e, string command, ChartSize? size = null)
    {
        var (svg, png) = Chart(e, size ?? ChartSize.Default).ToSvgAndPng(ComparisonWriter.ChartId);
        return
        [
            (ComparisonWriter.ChartFile, OutputFiles.Text(svg)),
            (ComparisonWriter.ImageFile, png),
            (ComparisonWriter.PageFile, OutputFiles.Text(Page(e, command, svg))),
            (RunsFile, OutputFiles.Text(Runs(e))),
        ];
    }

    // ---- chart ---------------------------------------------------------------------------------

    /// <summary>Opacity of the 95% interval bands of a mean: A's (and B − A's) over black and grey, B's over blue-violet.</summary>
    public const double IntervalAlphaA = 0.18, IntervalAlphaB = 0.22;

    public static Figure Chart(Ensemble e, ChartSize size)
    {
        var curves = e.Curves();
        var spec = e.A.Scenario.Spec;
        int hours = curves.A.Length * curves.HoursPerStep;
        var figure = new Figure(size, $"What if? {e.A.Scenario.Title}", $"A: {e.A.Label}   ·   B: {e.B.Label}   ·   {RunText.Plural(e.Seeds.Length, "seed")}, the same for both");
        var style = figure.Style;
        double dataWidth = ChartSize.DesignWidth - Figure.LeftMargin - Figure.RightMargin;
        figure.X = (0, Math.Max(hours, 1) / 24.0);
        figure.XTicks = TimeAxis.Ticks(spec.Start, hours, dataWidth);
        double[] xs = [.. Enumerable.Range(0, curves.A.Length).Select(i => (i + (curves.HoursPerStep > 1 ? 0.5 : 0)) * curves.HoursPerStep / 24.0)];

        var closeness = figure.AddPanel(3, "Mean closeness");
        closeness.Axes.SetLimitsY(0, 1);
        Figure.YTicks(closeness, (0, "0"), (0.25, ""), (0.5, "0.5"), (0.75, ""), (1, "1"));
        Band(closeness, xs, curves.A, ChartPalette.RunA, IntervalAlphaA);
        Band(closeness, xs, curves.B, ChartPalette.RunB, IntervalAlphaB);
        Line(closeness, style, xs, curves.A, ChartPalette.RunA);
        Line(closeness, style, xs, curves.B, ChartPalette.RunB);

        var diff = figure.AddPanel(1.4, "B − A");
        double span = Math.Max(0.05, curves.Difference.Max(d => Math.Max(Math.Abs(d.Low), Math.Abs(d.High))));
        double lim = ClosenessChart.NiceCeiling(span, ticks: 2);
        diff.Axes.SetLimitsY(-lim * 1.08, lim * 1.08);
        Figure.YTicks(diff, (-lim, "−" + RunText.Trim(lim)), (0, "0"), (lim, "+" + RunText.Trim(lim)));
        // the interval of the difference, green where it lies wholly above 0 (B closer on these seeds), purple wholly below
        var d = curves.Difference;
        Fills.Between(diff, xs, [.. d.Select(x => x.Low > 0 ? x.Low : 0)], [.. d.Select(x => x.Low > 0 ? x.High : 0)], ChartPalette.Closer, ChartPalette.CloserAlpha * 1.6);
        Fills.Between(diff, xs, [.. d.Select(x => x.High < 0 ? x.Low : 0)], [.. d.Select(x => x.High < 0 ? x.High : 0)], ChartPalette.FurtherApart, ChartPalette.FurtherApartAlpha);
        Band(diff, xs, d, ChartPalette.Frame, IntervalAlphaA);
        Line(diff, style, xs, d, ChartPalette.Ink, width: 2.5);
        diff.Add.HorizontalLine(0, style.Px(1.5), ChartPalette.Color(ChartPalette.Frame), LinePattern.Dashed);

        figure.AddLegend(style.LineItem("A: " + e.A.Label, ChartPalette.RunA, style.Px(4)));
        figure.AddLegend(style.LineItem("B: " + e.B.Label, ChartPalette.RunB, style.Px(4)));
        // a swatch per band as drawn: A's grey, B's lavender (a single grey one did not match B's band)
        figure.AddLegend(style.SwatchItem("A: 95% interval", ChartPalette.RunA, IntervalAlphaA));
        figure.AddLegend(style.SwatchItem("B: 95% interval", ChartPalette.RunB, IntervalAlphaB));
        figure.AddLegend(style.SwatchItem("B closer, beyond chance", ChartPalette.Closer, ChartPalette.CloserAlpha * 1.6));
        figure.AddLegend(style.SwatchItem("B further apart, beyond chance", ChartPalette.FurtherApart, ChartPalette.FurtherApartAlpha));
        figure.Footnote = (curves.HoursPerStep > 1 ? "Each day's mean closeness, " : "Each hour's closeness, ") +
                          $"averaged over {RunText.Plural(e.Seeds.Length, "seed")}; B − A is taken seed by seed (the same chance for both), with a 95% interval for its mean.";
        return figure;
    }

    private static void Band(Plot plot, double[] xs, ImmutableArray<Estimate> e, string color, double alpha) =>
        Fills.Between(plot, xs, [.. e.Select(x => x.Low)], [.. e.Select(x => x.High)], color, alpha);

    private static void Line(Plot plot, ChartStyle style, double[] xs, ImmutableArray<Estimate> e, string color, double width = 4)
    {
        var line = plot.Add.ScatterLine(xs, [.. e.Select(x => x.Mean)], ChartPalette.Color(color));
        line.LineWidth = style.Px(width);
        line.MarkerSize = 0;
    }

    // ---- page ----------------------------------------------------------------------------------

    public static string Page(Ensemble e, string command, string svg)
    {
        var sb = new StringBuilder();
        var spec = e.A.Scenario.Spec;
        // as report.html and the one-seed compare.html: the chart first, carrying the title (so it shows once on a
        // projector's 1280×720); the heading is for the outline only
        sb.Append($"<h1 class=\"hidden-title\">What if? {Escape(e.A.Scenario.Title)}</h1>\n");
        sb.Append($"<figure class=\"chart first\" id=\"chart\">\n{HtmlParts.InlineSvg(svg)}</figure>\n");
        sb.Append("<header>\n");
        HtmlParts.Meta(sb, $"A: {Escape(e.A.Label)}", $"B: {Escape(e.B.Label)}",
            $"{RunText.Plural(e.Seeds.Length, "seed")} ({Escape(RunText.Seeds(e.Seeds))}), the same for both", $"{RunText.LengthWords(spec.Hours)} each");
        sb.Append("</header>\n");

        var changes = e.Changes();
        sb.Append("<h2>How the figures moved</h2>\n");
        sb.Append($"<p class=\"defs\">Each row: the mean over the seeds for A and for B, and the change B − A taken seed by seed, with a 95% interval for its mean. " +
                  "A change whose interval leaves out 0 is beyond what chance alone gave on these seeds, and in bold: green where B is the warmer, calmer side " +
                  "(closer, more interactions that went well, fewer protests, less distress, less time withdrawn, fewer give-ups), pink where it is the colder one, " +
                  "black for counts that are neither (interactions, bids). <b>Same way</b>: on how many seeds the figure moved as its mean did. " +
                  $"{Escape(HtmlParts.InteractionsDefined)}</p>\n");
        sb.Append("<table class=\"changes\"><thead><tr><th>Figure</th><th class=\"num\">A</th><th class=\"num\">B</th><th class=\"num\">Change B − A</th><th class=\"num\">95% interval</th><th class=\"num\">Same way</th></tr></thead><tbody>\n");
        foreach (var c in changes)
        {
            // beyond chance: green or pink by which side is the warmer one (as the one-seed compare colours it), bold either way
            bool? up = c.Change.Low > 0 ? true : c.Change.High < 0 ? false : null;
            string cls = up is null ? "" : c.Figure.HigherIsBetter is { } better ? (up == better ? " class=\"diff-pos\"" : " class=\"diff-neg\"") : " class=\"diff-moved\"";
            sb.Append($"<tr data-figure=\"{c.Figure.Column}\"><td title=\"{Escape(c.Figure.Meaning)}\">{Escape(c.Figure.Label)}</td><td class=\"num\">{RunText.Figure(c.Figure, c.A.Mean)}</td><td class=\"num\">{RunText.Figure(c.Figure, c.B.Mean)}</td>" +
                      $"<td class=\"num\"><span{cls}>{RunText.FigureChange(c.Figure, c.Change.Mean)}</span></td><td class=\"num\">{RunText.FigureChange(c.Figure, c.Change.Low, c.Change.Mean)} to {RunText.FigureChange(c.Figure, c.Change.High, c.Change.Mean)}</td>" +
                      $"<td class=\"num\">{c.SameWay} of {c.Seeds}</td></tr>\n");
        }
        sb.Append("</tbody></table>\n");

        var (sa, sb2) = e.ClaimShares();
        if (sa.Length + sb2.Length > 0)
        {
            sb.Append("<h2>The teaching claims</h2>\n<table class=\"claims\"><thead><tr><th>Claim</th><th class=\"num\">A: shown on</th><th class=\"num\">B: shown on</th></tr></thead><tbody>\n");
            var claims = e.A.Scenario.Expect.Select(ScenarioReports.Claim).ToList();
            var claimsB = e.B.Scenario.Expect.Select(ScenarioReports.Claim).ToList();
            foreach (var claim in claims.Union(claimsB))
            {
                int ia = claims.IndexOf(claim), ib = claimsB.IndexOf(claim);
                // in words with the partners' names, as report.html says it, and the pattern call beside it
                var (expectation, couple) = ia >= 0 ? (e.A.Scenario.Expect[ia], e.A.Scenario.Spec) : (e.B.Scenario.Expect[ib], e.B.Scenario.Spec);
                sb.Append($"<tr><td>{Escape(ClaimSentences.For(expectation, couple))} <code class=\"call\">{Escape(claim)}</code></td>" +
                          $"<td class=\"num\">{(ia < 0 ? "—" : RunText.Percent(sa[ia]))}</td><td class=\"num\">{(ib < 0 ? "—" : RunText.Percent(sb2[ib]))}</td></tr>\n");
            }
            sb.Append("</tbody></table>\n");
        }

        sb.Append("<h2>What was run</h2>\n<table class=\"run\"><tbody>\n");
        sb.Append($"<tr><th>Command</th><td><code>{Escape(command)}</code></td></tr>\n");
        foreach (var (side, s) in new[] { ("A", e.A), ("B", e.B) })
            sb.Append($"<tr><th>{side}</th><td>{Escape(s.Label)}: <code>{Escape(s.Scenario.Name)}</code> from <code>{Escape(s.Scenario.SourcePath)}</code>, SHA-256 <code>{s.Scenario.Sha256}</code></td></tr>\n");
        sb.Append($"<tr><th>Seeds</th><td>{Escape(string.Join(", ", e.Seeds))}</td></tr>\n");
        sb.Append($"<tr><th>couplesim</th><td>{Escape(ToolInfo.Version)}</td></tr>\n");
        sb.Append("</tbody></table>\n");
        sb.Append($"<p class=\"defs\">Every run's figures are in <a href=\"{RunsFile}\">{RunsFile}</a>, a row per side and seed.</p>\n");
        return HtmlParts.Page($"What if? {e.A.Scenario.Title}", sb.ToString());
    }

    // ---- table ---------------------------------------------------------------------------------

    /// <summary><c>side,seed,</c> each figure, then each claim of that side's scenario (<c>true</c> when it showed); A's rows, then B's.</summary>
    public static string Runs(Ensemble e)
    {
        var figures = RunFigure.For(e.A.Scenario);
        var sb = new StringBuilder();
        sb.Append("side,seed");
        foreach (var f in figures) sb.Append(',').Append(f.Column);
        int claims = Math.Max(e.A.Scenario.Expect.Length, e.B.Scenario.Expect.Length);
        for (int c = 0; c < claims; c++) sb.Append(",claim_").Append((c + 1).ToString(C));
        sb.Append('\n');
        foreach (var (side, s) in new[] { ("A", e.A), ("B", e.B) })
        {
            for (int k = 0; k < s.Runs.Length; k++)
            {
                var r = s.Runs[k];
                sb.Append(side).Append(',').Append(e.Seeds[k].ToString(C));
                foreach (var f in figures) sb.Append(',').Append(CsvWriters.Figure(f, r));
                for (int c = 0; c < claims; c++) sb.Append(',').Append(c < r.Claims.Length ? (r.Claims[c] ? "true" : "false") : "");
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }
}
