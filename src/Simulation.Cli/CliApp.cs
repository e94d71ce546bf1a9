using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using System.Text;
using Simulation.Cli.Commands;
using Simulation.Reports;
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
    /// <summary>A bug in couplesim (not the user's input): one line saying so, no stack trace (EX_SOFTWARE).</summary>
    public const int InternalError = 70;
    /// <summary>Stopped by Ctrl+C (128 + SIGINT); nothing was written.</summary>
    public const int Interrupted = 130;
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
        new SweepCommand(),
        new ServeCommand(),
        new SiloCommand(),
    ];

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("couplesim — attachment cycles between partners, for teaching. Simulates a couple scenario and writes plots and reports.");
        foreach (var c in Commands) root.Subcommands.Add(c.Build(context));
        return root;
    }

    // `@file` arguments are not response files: `couplesim run @/dev/zero` must not read a device.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    /// <summary>
    /// couplesim as a program: the console, and Ctrl+C (SIGINT) or SIGTERM cancelling the command,
    /// which then ends with exit code 130 and nothing written (a second signal ends it at once).
    /// </summary>
    public static async Task<int> MainAsync(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        int signals = 0;
        void OnSignal(PosixSignalContext c)
        {
            if (Interlocked.Increment(ref signals) > 1) return; // the second one terminates
            c.Cancel = true;
            interrupt.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return await RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected, interrupt.Token);
    }

    /// <summary>
    /// Parses and runs a command line; returns the exit code. Never throws: bad input is diagnostics
    /// and exit code 2; everything written is printable (control characters escaped, see <see cref="Printable"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive = false, CancellationToken cancellationToken = default)
    {
        output = new PrintableWriter(output);
        error = new PrintableWriter(error);
        var context = new CliContext(output, error, interactive);
        try
        {
            var root = BuildRoot(context);
            var parse = root.Parse(args, Parsing);
            if (OptionErrors.MissingValues(parse, args) is { Count: > 0 } missing)
            {
                foreach (var d in missing) error.WriteLine(d.ToString());
                return ExitCodes.BadInput;
            }
            if (parse.Errors.Count > 0)
            {
                foreach (var d in OptionErrors.Describe(parse, root, args)) error.WriteLine(d.ToString());
                return ExitCodes.BadInput;
            }
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                // signals are MainAsync's: System.CommandLine's handler gives up on a command after 2 s and
                // lets the process end mid-write
                ProcessTerminationTimeout = null,
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("couplesim: interrupted; nothing was written");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            error.WriteLine($"couplesim: internal error (a bug in couplesim, not in your input): {ex.GetType().Name}: {Printable.Quote(ex.Message, 300)}");
            if (Environment.GetEnvironmentVariable("COUPLESIM_DEBUG") is { Length: > 0 }) error.WriteLine(Printable.Block(ex.ToString()));
            return ExitCodes.InternalError;
        }
        finally
        {
            await output.FlushAsync(CancellationToken.None);
            await error.FlushAsync(CancellationToken.None);
        }
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
            catch (OutputException ex)
            {
                // checked before the run where it can be; the output is staged, so nothing half-written remains
                context.Error.WriteLine(new Diagnostic(new SourceLocation("--out", 1, 1), ex.Message).ToString());
                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // e.g. a read-only or full disk
                context.Error.WriteLine(new Diagnostic(new SourceLocation("--out", 1, 1), $"cannot write the output: {ex.Message}").ToString());
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                context.Error.WriteLine("couplesim: interrupted; nothing was written");
                return ExitCodes.Interrupted;
            }
        };

    /// <summary>
    /// Passes text on with control characters escaped (an escape sequence in a title must not reach
    /// the terminal); line breaks and tabs the program writes itself stay as they are.
    /// </summary>
    private sealed class PrintableWriter(TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;
        public override IFormatProvider FormatProvider => inner.FormatProvider;

        public override void Write(char value)
        {
            // a surrogate pair may come one half at a time
            if (value is '\n' or '\t' || char.IsSurrogate(value) || !Printable.IsUnsafe(value)) inner.Write(value);
            else inner.Write(Printable.Line(value.ToString()));
        }

        public override void Write(string? value)
        {
            if (value is not null) inner.Write(Printable.Block(value.Contains('\r') ? value.Replace("\r\n", "\n") : value));
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));
        public override void WriteLine() => inner.WriteLine();
        public override void WriteLine(string? value)
        {
            Write(value);
            inner.WriteLine();
        }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync() => inner.FlushAsync();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    }
}
