using System.CommandLine;
using Simulation.Reports;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>check [FILE…] [--seed N] [--length L] [--set …]</c>: run scenarios and verify their <c>expect:</c>
/// claims; exit 1 if any fails. The options apply to every file (a student trying another seed).
/// </summary>
public sealed class CheckCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario files (default: scenarios/*.yaml).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("check", "Run scenarios and verify their expect: claims (exit code 1 if any claim fails).");
        command.Arguments.Add(files);
        var options = new CommonOptions();
        var grains = new GrainOptions();
        command.Options.Add(options.Seed);
        command.Options.Add(options.Length);
        command.Options.Add(options.Set);
        grains.AddTo(command);
        command.SetAction(CliApp.Guarded(context, async (p, ct) =>
        {
            OptionErrors.RefuseOptionsAsFiles(command, p.GetValue(files) ?? []); // a typed mistake needs no silo
            // The silo starts now and comes up while the input is read (it is stopped while the files are written).
            await using var simulate = Simulate.Start(grains.Choice(p), ct);
            var paths = p.GetValue(files) is { Length: > 0 } given ? given.ToList() : [.. ScenarioLibrary.Find(ScenarioLibrary.Folder)];
            if (paths.Count == 0)
                throw ScenarioException.One(ScenarioLibrary.Folder, 1, 1, $"no scenario files given and none in {ScenarioLibrary.Folder}/");

            // load them all first: one broken file stops the check before anything runs
            var scenarios = new List<Scenario>();
            var problems = new List<Diagnostic>();
            foreach (var f in paths)
            {
                if (!ScenarioLoader.TryLoad(f, out var s, out var diagnostics)) problems.AddRange(diagnostics);
                else
                {
                    try { scenarios.Add(options.Apply(s!, p)); }
                    catch (ScenarioException e) { problems.AddRange(e.Diagnostics); }
                }
            }
            if (problems.Count > 0) throw new ScenarioException(problems);

            var runs = await simulate.RunAsync(context, [.. scenarios.Select(s => (s.Name, s.Spec))], ct);
            int failed = 0, claims = 0;
            // a what-if's claims are tried on the changed couple: say so, lest a claim not shown read as a mistake in the file
            var changes = options.Changes(p);
            string with = changes.Length > 0 ? $" with {Printable.Line(string.Join(", ", changes))}" : "";
            for (int i = 0; i < scenarios.Count; i++)
            {
                var s = scenarios[i];
                var results = Expectations.Evaluate(s, runs[i]);
                context.Output.WriteLine($"{Printable.Line(s.SourcePath)} ({s.Name}, seed {s.Spec.Seed}, {RunText.Length(s.Spec.Hours)}){with}");
                if (results.Length == 0) context.Output.WriteLine("  (no claims)");
                foreach (var r in results)
                {
                    claims++;
                    var claim = ScenarioReports.Outcome(r).Claim;
                    if (!r.Passed)
                    {
                        failed++;
                        context.Error.WriteLine($"{r.Expectation.Location}: error: claim not shown{with}: {claim}: {r.Detail}");
                    }
                    context.Output.WriteLine($"  {(r.Passed ? "✔" : "✘")} {claim}: {r.Detail}");
                }
            }
            context.Output.WriteLine(failed == 0
                ? $"All {claims} claims shown in {RunText.Plural(scenarios.Count, "scenario")}."
                : $"{failed} of {claims} claims not shown.");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
        }));
        return command;
    }
}
