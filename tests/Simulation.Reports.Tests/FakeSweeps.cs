using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Scenarios;
using Simulation.Sweeps;

namespace Simulation.Reports.Tests;

/// <summary>Small real sweeps of Alma and Will (seven claims), run in-process: two days, two seeds a point.</summary>
internal static class FakeSweeps
{
    public static SweepResult Make(params string[] vary) => MakeWith([], vary);

    /// <summary>A sweep whose every run has <paramref name="sets"/> (a sweep's --set) besides its grid point.</summary>
    public static SweepResult MakeWith(string[] sets, params string[] vary)
    {
        var s = ScenarioChanges.WithLength(ScenarioLoader.Load(Path.Combine(Root, "scenarios", "alma-will.yaml")), "2d");
        if (sets.Length > 0) s = ScenarioChanges.WithSets(s, sets);
        var plan = SweepPlan.Parse(s, vary, "1-2");
        var figures = RunFigure.For(plan.Scenario);
        ImmutableArray<RunFigures> runs = [.. Enumerable.Range(0, plan.Runs).Select(r => RunFigures.Of(r, plan.ScenarioOf(r), CoupleSimulation.Run(plan.ScenarioOf(r).Spec)))];
        return new SweepResult(plan, figures, RunFigure.Named(figures, "mean_closeness"), runs, SweepSummary.Of(plan, figures, runs), "couplesim sweep alma-will.yaml", [.. sets]);
    }

    /// <summary>A what-if over <paramref name="seeds"/> seeds: alma-will for two days, B with <paramref name="set"/>.</summary>
    public static Ensemble Ensemble(string set, int seeds = 3)
    {
        var a = ScenarioChanges.WithLength(ScenarioLoader.Load(Path.Combine(Root, "scenarios", "alma-will.yaml")), "2d");
        var b = ScenarioChanges.WithSets(a, [set]);
        ImmutableArray<ulong> list = [.. Enumerable.Range(1, seeds).Select(k => (ulong)k)];
        EnsembleSide Side(string label, Scenario s)
        {
            var runs = list.Select(seed => CoupleSimulation.Run(ScenarioChanges.WithSeed(s, seed).Spec)).ToList();
            return new EnsembleSide(label, s, [.. runs.Select((r, k) => RunFigures.Of(k, s, r))],
                [.. runs.Select(r => ImmutableArray.CreateRange(Enumerable.Range(0, r.Timeline.Length).Select(r.Timeline.Closeness)))]);
        }
        return new Ensemble(Side("A", a), Side("B", b), list);
    }

    internal static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Simulation.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
