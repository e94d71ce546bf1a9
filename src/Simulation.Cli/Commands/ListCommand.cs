using System.CommandLine;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary><c>list [DIR]</c>: the scenarios of a folder with their one-line summaries.</summary>
public sealed class ListCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var dir = new Argument<string>("DIR") { Description = "Folder of scenario files.", DefaultValueFactory = _ => ScenarioLibrary.Folder };
        var command = new Command("list", "List the scenarios in a folder with their summaries.");
        command.Arguments.Add(dir);
        command.SetAction(CliApp.Guarded(context, (p, ct) =>
        {
            string folder = p.GetValue(dir)!;
            if (!Directory.Exists(folder))
                throw ScenarioException.One(folder, 1, 1, "no such folder");
            var files = ScenarioLibrary.Find(folder);
            var loaded = new List<Scenario>();
            bool broken = false;
            foreach (var f in files)
            {
                if (ScenarioLoader.TryLoad(f, out var s, out var diagnostics)) loaded.Add(s!);
                else
                {
                    broken = true;
                    foreach (var d in diagnostics) context.Error.WriteLine(d.ToString());
                }
            }
            if (loaded.Count == 0 && !broken) context.Output.WriteLine($"No scenarios (*.yaml) in {Printable.Line(folder)}.");
            // two files that give one name (an edited copy that kept it) are told apart by their files
            var shared = loaded.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            string Shown(Scenario s) => shared.Contains(s.Name) ? $"{s.Name} ({Path.GetFileName(s.SourcePath)})" : s.Name;
            int width = loaded.Count == 0 ? 0 : loaded.Max(s => Shown(s).Length);
            foreach (var s in loaded)
                context.Output.WriteLine($"{Printable.Line(Shown(s)).PadRight(width)}  {s.Summary}");
            return Task.FromResult(broken ? ExitCodes.BadInput : ExitCodes.Ok);
        }));
        return command;
    }
}
