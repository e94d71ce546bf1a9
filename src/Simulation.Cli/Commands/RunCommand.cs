using System.CommandLine;
using Simulation.Reports;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary><c>run SCENARIO</c>: simulate and write timeline.csv, events.csv, run.json, closeness.svg, closeness.png and report.html.</summary>
public sealed class RunCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario file (YAML), e.g. scenarios/alma-will.yaml." };
        var options = new CommonOptions();
        var command = new Command("run", "Simulate a scenario and write its plot, report and data (default into out/<scenario name>).");
        command.Arguments.Add(scenario);
        options.AddTo(command);
        command.SetAction(CliApp.Guarded(context, async (p, ct) =>
        {
            // everything that can be wrong with the input is checked before anything runs or is written
            var s = options.Apply(ScenarioLoader.Load(p.GetValue(scenario)!), p);
            var size = options.ChartSize(p);
            string dir = CommonOptions.CheckOut(p.GetValue(options.Out) ?? Path.Combine("out", s.Name));

            // the chart code compiles on the other core while the run simulates
            var warm = Task.Run(Reports.Charts.Figure.WarmUp, ct);
            var run = (await Simulate.RunAsync(context, [(s.Name, s.Spec)], ct))[0];
            await warm;
            var report = ScenarioReports.For(s, run);
            ReportWriter.WriteRun(report, dir, size);

            var o = context.Output;
            o.WriteLine($"{s.Title} — {RunText.LengthWords(s.Spec.Hours)}, seed {s.Spec.Seed}");
            o.WriteLine($"Wrote {Path.TrimEndingDirectorySeparator(dir)}{Path.DirectorySeparatorChar}: {string.Join(", ", ReportWriter.FileNames)}");
            o.WriteLine($"Open {Path.Combine(dir, ReportWriter.ReportFile)} in a browser for the plot and the report.");
            Summary.Write(o, report);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
