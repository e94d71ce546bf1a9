using System.Collections.Immutable;
using System.CommandLine;
using Simulation.Reports;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>run SCENARIO</c>: simulate and write timeline.csv, events.csv, run.json, closeness.svg, closeness.png and report.html,
/// into out/NAME (out/NAME-CHANGES with --set, --stretch, --seed or --length, see <see cref="CommonOptions.RunFolder"/>) or --out DIR.
/// </summary>
public sealed class RunCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario file (YAML), e.g. scenarios/alma-will.yaml." };
        var options = new CommonOptions();
        var grains = new GrainOptions();
        var command = new Command("run", "Simulate a scenario and write its plot, report and data (default into out/<scenario name>).");
        command.Arguments.Add(scenario);
        options.AddTo(command);
        grains.AddTo(command);
        command.SetAction(CliApp.Guarded(context, async (p, ct) =>
        {
            // The silo starts now and comes up while the input is read (it is stopped while the files are written).
            await using var simulate = Simulate.Start(grains.Choice(p), ct);
            // everything that can be wrong with the input is checked before anything runs or is written
            var loaded = ScenarioLoader.Load(p.GetValue(scenario)!);
            var s = options.Apply(loaded, p);
            var size = options.ChartSize(p);
            // a what-if (--set, --stretch) or another seed or length gets its own folder, so it never replaces the baseline a trainer made
            string dir = CommonOptions.CheckOut(p.GetValue(options.Out) ?? Path.Combine("out", CommonOptions.RunFolder(CommonOptions.FolderName(loaded), options.FolderChanges(p, s))), ReportWriter.FileNames);

            // the chart code compiles on the other core while the run simulates
            var warm = Task.Run(Reports.Charts.Figure.WarmUp, ct);
            var run = (await simulate.RunAsync(context, [(s.Name, s.Spec)], ct))[0];
            await warm;
            var report = ScenarioReports.For(s, run) with
            {
                Changes = options.Changes(p, s),
                CompareArguments = options.CompareArguments(p),
                // what each --set changed from, read off the file as loaded (the flags --seed and --length are not what-ifs)
                WasInFile = options.Sets(p).Select(set => ScenarioChanges.Split(set).Key).Distinct()
                    .Select(key => (key, was: ScenarioChanges.ValueOf(loaded, key))).Where(x => x.was is not null)
                    .ToImmutableDictionary(x => x.key, x => x.was!, StringComparer.Ordinal),
                SourcePath = p.GetValue(scenario)!,
            };
            var written = ReportWriter.WriteRun(report, dir, size, ct);

            var o = context.Output;
            o.WriteLine($"{Printable.Line(report.Title)} — {RunText.LengthWords(s.Spec.Hours)}, seed {s.Spec.Seed}");
            o.WriteLine($"Wrote {Printable.Line(Path.TrimEndingDirectorySeparator(dir))}{Path.DirectorySeparatorChar}: {string.Join(", ", written.Select(Path.GetFileName))}");
            o.WriteLine($"Open {Printable.Line(Path.Combine(dir, ReportWriter.ReportFile))} in a browser for the plot and the report.");
            Summary.Write(o, report);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
