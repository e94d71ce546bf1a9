using System.CommandLine;
using Simulation.Cli.Commands;
using Simulation.Scenarios;

namespace Simulation.Cli;

/// <summary>Exit codes of couplesim (design.md's contract).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A teaching claim did not hold (<c>check</c>).</summary>
    public const int ExpectationFailed = 1;
    /// <summary>Bad input: one line per problem, <c>path:line:column: error: message</c>.</summary>
    public const int BadInput = 2;
}

/// <summary>What a command needs from its surroundings: where to write, and whether a person is watching.</summary>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error (diagnostics).</param>
/// <param name="Interactive">Output is a terminal: show a live progress bar for long runs.</param>
public sealed record CliContext(TextWriter Output, TextWriter Error, bool Interactive);

/// <summary>One couplesim command. Each lives in its own file under Commands/ and is listed in <see cref="CliApp.Commands"/>.</summary>
public interface ICliCommand
{
    /// <summary>
    /// The command with its arguments, options and action. Wrap the action in <see cref="CliApp.Guarded"/>
    /// so bad input ends as diagnostics and exit code 2.
    /// </summary>
    Command Build(CliContext context);
}

/// <summary>The <c>couplesim</c> command line.</summary>
public static class CliApp
{
    /// <summary>The commands, in the order help lists them. Add a command here (e.g. <c>serve</c>).</summary>
    public static IReadOnlyList<ICliCommand> Commands { get; } =
    [
        new RunCommand(),
        new CompareCommand(),
        new ListCommand(),
        new ExplainCommand(),
        new ValidateCommand(),
        new CheckCommand(),
        new ServeCommand(),
    ];

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("couplesim — attachment cycles between partners, for teaching. Simulates a couple scenario and writes plots and reports.");
        foreach (var c in Commands) root.Subcommands.Add(c.Build(context));
        return root;
    }

    /// <summary>Parses and runs a command line; returns the exit code. Never throws for bad input.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive = false, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, interactive);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"couplesim: error: {e.Message}");
            error.WriteLine("Run `couplesim --help` for the commands and their options.");
            return ExitCodes.BadInput;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>
    /// Wraps a command's work so that bad input ends as diagnostics and exit code 2, never a stack trace.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Guarded(CliContext context, Func<ParseResult, CancellationToken, Task<int>> body) =>
        async (parse, ct) =>
        {
            try
            {
                return await body(parse, ct);
            }
            catch (ScenarioException ex)
            {
                foreach (var d in ex.Diagnostics) context.Error.WriteLine(d.ToString());
                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // e.g. a read-only or full disk; the output is staged, so nothing half-written remains
                context.Error.WriteLine($"couplesim: error: cannot write the output: {ex.Message}");
                return ExitCodes.BadInput;
            }
        };
}
