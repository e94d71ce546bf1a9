using System.Collections.Immutable;
using System.CommandLine;
using Simulation.Grains;
using Simulation.Reports;
using Simulation.Scenarios;
using Simulation.Sweeps;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>sweep SCENARIO --vary ID.KEY=FROM:TO:STEP [--vary …] [--seeds A-B]</c>: every grid point on every seed,
/// through worker grains (here, or on a cluster with <c>--cluster</c>); writes runs.csv, summary.csv,
/// sweep.svg, sweep.png and sweep.html into out/NAME-sweep (or --out DIR).
/// </summary>
public sealed class SweepCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario file (YAML), e.g. scenarios/alma-will.yaml." };
        var vary = new Option<string[]>("--vary")
        {
            HelpName = "ID.KEY=FROM:TO:STEP",
            Description = "A key to vary, as in --set: a range (will.avoidance=1:7:1) or a list (alma.wound=early,late). Repeat for a grid.",
            Arity = ArgumentArity.OneOrMore,
        };
        var seeds = new Option<string?>("--seeds") { HelpName = "A-B", Description = $"Seeds each grid point runs on: A-B or A,B,C (default {SweepPlan.DefaultSeeds})." };
        var map = new Option<string?>("--map") { HelpName = "FIGURE", Description = "With two varied keys: the figure the regime map colours (default mean_closeness; e.g. positive_share, will_time_withdrawn)." };
        var options = new CommonOptions();
        var grains = new GrainOptions();
        var command = new Command("sweep", "Run a scenario over a grid of values and many seeds; tables, plots and a page of the results (runs.csv, summary.csv, sweep.svg/.png, sweep.html).");
        command.Arguments.Add(scenario);
        command.Options.Add(vary);
        command.Options.Add(seeds);
        command.Options.Add(map);
        command.Options.Add(options.Length);
        command.Options.Add(options.Set);
        command.Options.Add(options.Out);
        command.Options.Add(options.Size);
        grains.AddTo(command);
        command.SetAction(CliApp.Guarded(context, async (p, ct) =>
        {
            // The silo (or the cluster's client) starts now, while the input is read and checked.
            await using var simulate = Simulate.Start(grains.Choice(p), ct);
            string path = p.GetValue(scenario)!;
            var loaded = ScenarioLoader.Load(path, out string text); // the workers get the very text the loader checked
            var s = options.Apply(loaded, p);
            var plan = SweepPlan.Parse(s, p.GetValue(vary) ?? [], p.GetValue(seeds));
            CheckSets(options, p, plan);
            var figures = RunFigure.For(s);
            var mapped = RunFigure.Named(figures, p.GetValue(map) ?? "mean_closeness");
            var size = options.ChartSize(p);
            string dir = CommonOptions.CheckOut(p.GetValue(options.Out) ?? Path.Combine("out", $"{CommonOptions.FolderName(s)}-sweep"), SweepFiles.Names);

            var work = new SweepWork(new SweepBatch(text, path, options.Sets(p), p.GetValue(options.Length),
                [.. Enumerable.Range(0, plan.Runs).Select(r => new SweepJob(r, plan.SetsOf(r), plan.SeedOf(r)))]), s.Spec.Hours);
            var o = context.Output;
            o.WriteLine($"Sweep of {s.Title}: {plan.Points.Length} grid points × {plan.Seeds.Length} seeds = {plan.Runs} runs of {RunText.LengthWords(s.Spec.Hours)}");
            // the chart code compiles on the other core while the runs go
            var warm = Task.Run(Reports.Charts.Figure.WarmUp, ct);
            var (outcomes, silos, took) = await simulate.SweepAsync(context, $"Sweeping {s.Name}", [work], ct);
            var outcome = outcomes[0];
            await warm;

            var summary = SweepSummary.Of(plan, figures, outcome.Figures);
            var result = new SweepResult(plan, figures, mapped, outcome.Figures, summary, SweepInput.Command(p), options.CoupleSets(p));
            var written = SweepFiles.Write(result, dir, size, ct);

            double partnerHours = 2.0 * plan.Hours;
            o.WriteLine($"Ran {plan.Runs} runs in {took.TotalSeconds:0.0} s on {RunText.Plural(silos, "silo")} ({partnerHours / took.TotalSeconds / 1e6:0.0} M partner-hours/s{(outcome.Retries > 0 ? $"; {outcome.Retries} batch{(outcome.Retries == 1 ? " was" : "es were")} sent again after a failure" : "")})");
            o.WriteLine($"Wrote {Printable.Line(Path.TrimEndingDirectorySeparator(dir))}{Path.DirectorySeparatorChar}: {string.Join(", ", written.Select(Path.GetFileName))}");
            foreach (var line in SweepText.Highlights(result)) o.WriteLine("  " + line);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A --set that the sweep would override or ignore: of a varied key, or of the seed (a sweep's seeds are --seeds).</summary>
    private static void CheckSets(CommonOptions options, ParseResult p, SweepPlan plan)
    {
        if (options.SetOf(p, "seed") is { } seed)
            throw ScenarioException.One("--set", 1, 1, $"a sweep runs every grid point on every seed of --seeds, so `{Printable.Quote(seed)}` would be ignored; give the seeds there (e.g. --seeds 1-10)");
        foreach (var axis in plan.Axes)
            if (options.SetOf(p, axis.Key) is { } set)
                throw ScenarioException.One("--vary", 1, 1, $"`{Printable.Quote(axis.Key.Trim())}` is varied and also set (`--set {Printable.Quote(set)}`); drop one");
    }
}
