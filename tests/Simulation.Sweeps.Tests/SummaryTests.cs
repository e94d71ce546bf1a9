using Simulation.Model;
using Simulation.Reports;
using Simulation.Scenarios;

namespace Simulation.Sweeps.Tests;

/// <summary>The statistics of a grid point, and the tables: figures read off real runs, in run order.</summary>
public sealed class SummaryTests
{
    [Fact]
    public void An_estimate_is_the_mean_the_sample_sd_and_a_95_percent_t_interval()
    {
        var e = Estimate.Of([1.0, 2, 3, 4]);
        Assert.Equal(2.5, e.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), e.Sd, 12);
        double half = 3.182 * Math.Sqrt(5.0 / 3) / 2;
        Assert.Equal(2.5 - half, e.Low, 12);
        Assert.Equal(2.5 + half, e.High, 12);
        Assert.Equal(new Estimate(7, 0, 7, 7, 1), Estimate.Of([7.0]));
    }

    [Fact]
    public void The_t_quantile_falls_towards_the_normal_ones()
    {
        Assert.Equal(12.706, StudentT.Quantile975(1));
        Assert.Equal(2.262, StudentT.Quantile975(9));
        var qs = Enumerable.Range(1, 500).Select(StudentT.Quantile975).ToArray();
        Assert.All(qs.Zip(qs.Skip(1)), q => Assert.True(q.First >= q.Second));
        Assert.InRange(StudentT.Quantile975(500), 1.960, 1.966);
        Assert.Equal(2.000, StudentT.Quantile975(60), 3);
    }

    [Fact]
    public void Run_figures_are_the_runs_own_metrics_and_claims()
    {
        var s = ScenarioLoader.Load(Library.Path("alma-will"));
        var run = CoupleSimulation.Run(s.Spec);
        var f = RunFigures.Of(3, s, run);
        var m = RunMetrics.Compute(run);
        Assert.Equal(m.MeanCloseness, f.MeanCloseness);
        Assert.Equal(m.PositiveShare, f.PositiveShare);
        Assert.Equal(m.Partners.Select(p => (p.Bids, p.Protests, p.TimeWithdrawn, p.MeanDistress, p.GiveUps)),
            f.Partners.Select(p => (p.Bids, p.Protests, p.TimeWithdrawn, p.MeanDistress, p.GiveUps)));
        Assert.Equal(Expectations.Evaluate(s, run).Select(r => r.Passed), f.Claims);
    }

    /// <summary>A sweep of alma-will's first week, run here: its plan, figures, runs (in run order) and points' summaries.</summary>
    private static (SweepPlan Plan, System.Collections.Immutable.ImmutableArray<RunFigure> Figures, List<RunFigures> Runs, System.Collections.Immutable.ImmutableArray<PointSummary> Summary) WeekSweep(string vary, string seeds)
    {
        var plan = SweepPlan.Parse(ScenarioChanges.WithLength(ScenarioLoader.Load(Library.Path("alma-will")), "1w"), [vary], seeds);
        var figures = RunFigure.For(plan.Scenario);
        var runs = Enumerable.Range(0, plan.Runs).Select(r => RunFigures.Of(r, plan.ScenarioOf(r), CoupleSimulation.Run(plan.ScenarioOf(r).Spec))).ToList();
        return (plan, figures, runs, SweepSummary.Of(plan, figures, runs));
    }

    [Fact]
    public void The_tables_have_a_row_per_run_and_per_point_with_every_seed_written_down()
    {
        var (plan, figures, runs, summary) = WeekSweep("will.avoidance=2,6", "4-6");

        var table = SweepTables.Runs(plan, figures, runs).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 6, table.Length);
        Assert.StartsWith("run,point,will.avoidance,seed,mean_closeness,positive_share,interactions,alma_bids,", table[0]);
        Assert.EndsWith("," + string.Join(",", plan.Scenario.Expect.Select((e, i) => $"claim_{i + 1}_{e.Pattern}")), table[0]);
        Assert.Contains(",claim_1_withdraws-after,claim_2_pursue-withdraw", table[0]);
        Assert.Equal(["0,0,2,4", "1,0,2,5", "2,0,2,6", "3,1,6,4", "4,1,6,5", "5,1,6,6"], table.Skip(1).Select(l => string.Join(',', l.Split(',').Take(4))));

        var sums = SweepTables.Summary(plan, figures, summary).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 2, sums.Length);
        Assert.StartsWith("point,will.avoidance,seeds,mean_closeness_mean,mean_closeness_sd,mean_closeness_ci_low,mean_closeness_ci_high,", sums[0]);
        // the point's mean is the mean of its three runs
        double mean = runs.Take(3).Average(r => r.MeanCloseness);
        Assert.Equal(Math.Round(mean, 4, MidpointRounding.AwayFromZero).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), sums[1].Split(',')[3]);
        Assert.Equal(runs.Skip(3).Count(r => r.Claims[1]) / 3.0, summary[1].ClaimShares[1]);
    }

    [Fact]
    public void No_interval_leaves_what_its_figure_can_be()
    {
        // Will who hardly avoids is seldom withdrawn and Alma seldom protests: shares and counts near 0, spread over seeds
        var (_, figures, _, summary) = WeekSweep("will.avoidance=1,1.5,2", "1-4");
        Assert.Contains(summary, p => p.Figures.Any(e => e.Mean > 0 && e.Mean - 1.96 * e.Sd / 2 < 0)); // a t interval would reach below 0 here
        foreach (var point in summary)
            foreach (var (f, e) in figures.Zip(point.Figures))
                Assert.True(e.Low >= 0 && e.High <= f.Highest, $"{f.Column} at point {point.Point.Index}: {e.Low} … {e.High}");
        Assert.Equal(new Estimate(0.001, 0.002, 0, 0.004, 4), new Estimate(0.001, 0.002, -0.002, 0.004, 4).Within(0, 1));
    }
}

/// <summary>An ensemble what-if: the change of each figure is taken seed by seed, and counted when it goes the mean's way.</summary>
public sealed class EnsembleTests
{
    private static EnsembleSide Side(string label, Scenario s, IEnumerable<ulong> seeds)
    {
        var runs = seeds.Select((seed, k) => (k, run: CoupleSimulation.Run(ScenarioChanges.WithSeed(s, seed).Spec))).ToList();
        return new EnsembleSide(label, s, [.. runs.Select(r => RunFigures.Of(r.k, s, r.run))],
            [.. runs.Select(r => System.Collections.Immutable.ImmutableArray.CreateRange(Enumerable.Range(0, r.run.Timeline.Length).Select(r.run.Timeline.Closeness)))]);
    }

    [Fact]
    public void Each_figures_change_is_the_mean_of_the_paired_differences_and_counts_the_seeds_that_agree()
    {
        var a = ScenarioChanges.WithLength(ScenarioLoader.Load(Library.Path("alma-will")), "2w");
        var b = ScenarioChanges.WithSets(a, ["will.responsiveness=0.9"]);
        ulong[] seeds = [1, 2, 3, 4, 5, 6];
        var e = new Ensemble(Side("A", a, seeds), Side("B", b, seeds), [.. seeds]);
        var share = e.Changes().Single(c => c.Figure.Column == "positive_share");
        var d = e.A.Runs.Zip(e.B.Runs, (x, y) => y.PositiveShare - x.PositiveShare).ToArray();
        Assert.Equal(Estimate.Of(d), share.Change);
        Assert.Equal(d.Count(x => Math.Sign(x) == Math.Sign(d.Average())), share.SameWay);
        Assert.Equal(6, share.Seeds);

        var curves = e.Curves();
        Assert.Equal(1, curves.HoursPerStep);
        Assert.Equal(a.Spec.Hours, curves.A.Length);
        Assert.Equal(e.A.Closeness.Average(c => c[100]), curves.A[100].Mean, 12);
        Assert.Equal(e.B.Closeness.Zip(e.A.Closeness, (y, x) => y[100] - x[100]).Average(), curves.Difference[100].Mean, 12);
    }

    [Fact]
    public void Long_runs_are_compared_day_by_day()
    {
        var a = ScenarioChanges.WithLength(ScenarioLoader.Load(Library.Path("secure-secure")), "10w");
        var e = new Ensemble(Side("A", a, [1, 2]), Side("B", a, [1, 2]), [1, 2]);
        var curves = e.Curves();
        Assert.Equal(24, curves.HoursPerStep);
        Assert.Equal(70, curves.A.Length);
        Assert.All(curves.Difference, d => Assert.Equal(0, d.Mean)); // the same runs: no difference at all
    }
}
