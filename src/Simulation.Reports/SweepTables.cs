using System.Globalization;
using System.Text;
using Simulation.Sweeps;

namespace Simulation.Reports;

/// <summary>
/// runs.csv and summary.csv of a sweep: tidy tables (one row per run, one row per grid point), as
/// BehaviorSpace's table output, with the seed of every run written down so any row can be re-run.
/// </summary>
public static class SweepTables
{
    public const string RunsFile = "runs.csv";
    public const string SummaryFile = "summary.csv";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// <c>run,point,</c> the varied keys, <c>seed</c>, each figure, then <c>claim_N_PATTERN</c> per claim
    /// (<c>true</c> when it showed on that run). Rows in run order.
    /// </summary>
    public static string Runs(SweepPlan plan, IReadOnlyList<RunFigure> figures, IReadOnlyList<RunFigures> runs)
    {
        var sb = new StringBuilder(128 + runs.Count * (32 + 10 * figures.Count));
        sb.Append("run,point");
        foreach (var a in plan.Axes) sb.Append(',').Append(CsvWriters.Field(a.Key));
        sb.Append(",seed");
        foreach (var f in figures) sb.Append(',').Append(f.Column);
        foreach (var c in ClaimColumns(plan)) sb.Append(',').Append(c);
        sb.Append('\n');
        foreach (var r in runs)
        {
            var point = plan.PointOf(r.Run);
            sb.Append(r.Run.ToString(C)).Append(',').Append(point.Index.ToString(C));
            foreach (var v in point.Values) sb.Append(',').Append(CsvWriters.Field(v));
            sb.Append(',').Append(plan.SeedOf(r.Run).ToString(C));
            foreach (var f in figures)
                sb.Append(',').Append(CsvWriters.Figure(f, r));
            foreach (var shown in r.Claims) sb.Append(',').Append(shown ? "true" : "false");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// <c>point,</c> the varied keys, <c>seeds</c>, then per figure <c>_mean,_sd,_ci_low,_ci_high</c> (a 95 %
    /// t interval for the mean over the seeds), then per claim the share of seeds on which it showed.
    /// </summary>
    public static string Summary(SweepPlan plan, IReadOnlyList<RunFigure> figures, IReadOnlyList<PointSummary> points)
    {
        var sb = new StringBuilder(256 + points.Count * 48 * (figures.Count + 1));
        sb.Append("point");
        foreach (var a in plan.Axes) sb.Append(',').Append(CsvWriters.Field(a.Key));
        sb.Append(",seeds");
        foreach (var f in figures)
            sb.Append(',').Append(f.Column).Append("_mean,").Append(f.Column).Append("_sd,")
              .Append(f.Column).Append("_ci_low,").Append(f.Column).Append("_ci_high");
        foreach (var c in ClaimColumns(plan)) sb.Append(',').Append(c).Append("_share");
        sb.Append('\n');
        foreach (var p in points)
        {
            sb.Append(p.Point.Index.ToString(C));
            foreach (var v in p.Point.Values) sb.Append(',').Append(CsvWriters.Field(v));
            sb.Append(',').Append(p.Seeds.ToString(C));
            foreach (var e in p.Figures)
                sb.Append(',').Append(CsvWriters.D(e.Mean)).Append(',').Append(CsvWriters.D(e.Sd))
                  .Append(',').Append(CsvWriters.D(e.Low)).Append(',').Append(CsvWriters.D(e.High));
            foreach (var share in p.ClaimShares) sb.Append(',').Append(CsvWriters.D(share));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary><c>claim_1_pursue-withdraw</c>, … — numbered, since a scenario may make the same kind of claim twice.</summary>
    public static IEnumerable<string> ClaimColumns(SweepPlan plan) =>
        plan.Scenario.Expect.Select((e, i) => $"claim_{i + 1}_{e.Pattern}");
}
