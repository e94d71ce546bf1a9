using System.CommandLine;
using Simulation.Reports;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>compare A [B]</c>: a what-if. Two scenarios, or one scenario and <c>--set</c>/<c>--stretch</c> changes for the
/// second run; both on the same seed, overlaid in compare.svg and set side by side in compare.html.
/// </summary>
public sealed class CompareCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var first = new Argument<string>("A") { Description = "The scenario as it is (run A)." };
        var second = new Argument<string?>("B") { Description = "A second scenario (run B); without it, B is A with the --set changes.", Arity = ArgumentArity.ZeroOrOne };
        var options = new CommonOptions();
        var grains = new GrainOptions();
        var command = new Command("compare", "What if? Run two versions on the same seed and show where and how they differ (compare.svg, compare.html).");
        command.Arguments.Add(first);
        command.Arguments.Add(second);
        options.AddTo(command);
        grains.AddTo(command);
        command.SetAction(CliApp.Guarded(context, async (p, ct) =>
        {
            // The silo starts now and comes up while the input is read (it is stopped while the files are written).
            await using var simulate = Simulate.Start(grains.Choice(p), ct);
            string pathA = p.GetValue(first)!;
            string? pathB = p.GetValue(second);
            var sets = options.Sets(p);
            var stretches = options.Stretches(p);
            var changes = options.Changes(p);
            if (pathB is null && changes.Length == 0)
                throw ScenarioException.One("compare", 1, 1,
                    "compare needs a second scenario or at least one --set or --stretch change (e.g. --set will.responsiveness=0.8, --stretch both@week3)");

            // A is the scenario as written (with --length/--seed); B gets the changes
            var a = options.Apply(ScenarioLoader.Load(pathA), p, withSets: false);
            var b = pathB is null ? a : options.Apply(ScenarioLoader.Load(pathB), p, withSets: false);
            if (sets.Length > 0) b = ScenarioChanges.WithSets(b, sets);
            if (stretches.Length > 0) b = ScenarioStretches.WithStretches(b, stretches);
            b = ScenarioChanges.WithSeed(b, a.Spec.Seed); // the same seed, so only the change differs
            string labelA = pathB is null ? $"{a.Name} as written" : a.Name;
            // Printable: the label also reaches the progress bar, which writes to the terminal directly
            string labelB = Printable.Line((pathB is null ? a.Name : b.Name) + (changes.Length > 0 ? " with " + string.Join(", ", sets.Concat(stretches.Select(x => "stretch " + x))) : ""));
            string dir = CommonOptions.CheckOut(p.GetValue(options.Out) ?? Path.Combine("out", pathB is null ? $"{a.Name}-what-if" : $"{a.Name}-vs-{b.Name}"),
                [ComparisonWriter.ChartFile, ComparisonWriter.PageFile, .. new[] { "a_", "b_" }.SelectMany(x => new[] { x + ReportWriter.TimelineFile, x + ReportWriter.EventsFile })]);

            var runs = await simulate.RunAsync(context, [("A: " + labelA, a.Spec), ("B: " + labelB, b.Spec)], ct);
            var ra = ScenarioReports.For(a, runs[0]) with { Label = labelA };
            var rb = ScenarioReports.For(b, runs[1]) with { Label = labelB };
            ComparisonWriter.Write(ra, rb, dir, cancellationToken: ct);

            var o = context.Output;
            o.WriteLine($"What if? {a.Title}");
            o.WriteLine($"  A: {labelA}");
            o.WriteLine($"  B: {labelB}");
            o.WriteLine($"Wrote {Printable.Line(Path.TrimEndingDirectorySeparator(dir))}{Path.DirectorySeparatorChar}: {ComparisonWriter.ChartFile}, {ComparisonWriter.PageFile}, a_/b_ timeline.csv and events.csv");
            var div = ComparisonWriter.FindDivergence(runs[0], runs[1]);
            o.WriteLine(div is null ? "  The runs are identical." : $"  Where they part: {div.Description}");
            o.WriteLine($"  Mean closeness  A {RunText.Fixed(ra.Metrics.MeanCloseness)}  B {RunText.Fixed(rb.Metrics.MeanCloseness)}");
            o.WriteLine($"  Positive share  A {RunText.Percent(ra.Metrics.PositiveShare)}  B {RunText.Percent(rb.Metrics.PositiveShare)}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
