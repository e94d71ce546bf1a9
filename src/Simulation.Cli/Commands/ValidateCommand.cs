using System.CommandLine;
using Simulation.Reports;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary><c>validate FILE…</c>: check scenario files without running them.</summary>
public sealed class ValidateCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario files to check.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check scenario files: one line per problem as path:line:column: error: message.");
        command.Arguments.Add(files);
        command.SetAction(CliApp.Guarded(context, (p, ct) =>
        {
            OptionErrors.RefuseOptionsAsFiles(command, p.GetValue(files)!);
            bool broken = false;
            foreach (var f in p.GetValue(files)!)
            {
                if (ScenarioLoader.TryLoad(f, out var s, out var diagnostics))
                    context.Output.WriteLine($"{Printable.Line(f)}: ok ({s!.Name}: {RunText.Plural(s.Spec.Partners.Length, "partner")}, {RunText.Plural(s.Expect.Length, "teaching claim")})");
                else
                {
                    broken = true;
                    foreach (var d in diagnostics) context.Error.WriteLine(d.ToString());
                }
            }
            return Task.FromResult(broken ? ExitCodes.BadInput : ExitCodes.Ok);
        }));
        return command;
    }
}
