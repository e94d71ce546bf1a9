using System.CommandLine;
using System.CommandLine.Parsing;
using Simulation.Scenarios;

namespace Simulation.Cli;

/// <summary>
/// System.CommandLine's parse errors in the contract's form, <c>path:line:column: error: message</c>:
/// the path is the option or word at fault (<c>--seed:1:1: …</c>, <c>--bogus:1:1: …</c>), or
/// <c>couplesim</c> when something is missing; the message is in our words (no .NET type names),
/// with a "did you mean" for a misspelt option or command.
/// </summary>
internal static class OptionErrors
{
    /// <summary>
    /// A command that takes any number of files (<c>check</c>, <c>validate</c>) gets an unknown option as one more
    /// "file": <c>check FILE --sed 5</c> said "--sed: no such file" and "5: no such file". An option-like word that
    /// names no file is an unknown option, with a "did you mean", and the value after it is its value, not a file.
    /// </summary>
    public static void RefuseOptionsAsFiles(Command command, IReadOnlyList<string> files)
    {
        var lines = new List<Diagnostic>();
        for (int i = 0; i < files.Count; i++)
        {
            string token = files[i];
            if (token.Length < 2 || token[0] != '-' || File.Exists(token) || Directory.Exists(token)) continue;
            lines.Add(new Diagnostic(new SourceLocation(token, 1, 1), UnknownOption(command, "couplesim " + command.Name, token)));
            if (i + 1 < files.Count && !files[i + 1].StartsWith('-') && !File.Exists(files[i + 1])) i++; // `--sed 5`: the 5 was its value
        }
        if (lines.Count > 0) throw new ScenarioException(lines);
    }

    /// <summary>"unknown option `--sed` for `couplesim check` (did you mean `--seed`?); see …", from the command's own options.</summary>
    private static string UnknownOption(Command command, string name, string token)
    {
        var known = command.Options.SelectMany(o => o.Aliases.Append(o.Name)).Where(n => n.StartsWith('-')).Distinct().ToList();
        // many seeds are what compare and sweep are for: "did you mean --seed" alone sends a student back to one
        if (token == "--seeds" && command.Name == "run")
            return $"unknown option `--seeds` for `{name}`: a run is one seed (`--seed N`); over many seeds, `couplesim compare FILE --set … --seeds 1-20` or `couplesim sweep FILE --vary … --seeds 1-20`";
        return $"unknown option `{Printable.Quote(token)}` for `{name}`{Spelling.DidYouMean(token, known)}; see `{name} --help`";
    }

    /// <summary>
    /// An option that takes a value, given none: last on the line, or right before another of the command's options.
    /// The parser takes the next word whatever it is (<c>--stretch --out x</c> read `--out` as the stretch and then
    /// refused `x`; <c>--seed --out</c> said "not `--out`"), and a last <c>--set</c> was nothing, silently.
    /// </summary>
    public static IReadOnlyList<Diagnostic> MissingValues(ParseResult parse, IReadOnlyList<string> args)
    {
        var options = parse.CommandResult.Command.Options;
        var names = options.SelectMany(o => o.Aliases.Append(o.Name)).Where(n => n.StartsWith('-')).ToHashSet(StringComparer.Ordinal);
        var lines = new List<Diagnostic>();
        for (int i = 0; i < args.Count; i++)
        {
            if (options.FirstOrDefault(o => o.Name == args[i] || o.Aliases.Contains(args[i])) is not { } option) continue;
            if (option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool)) continue;
            if (i + 1 < args.Count && !names.Contains(args[i + 1]) && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) continue; // no value starts with --
            var d = new Diagnostic(new SourceLocation(args[i], 1, 1), $"`{args[i]}` needs a value ({option.HelpName ?? "a value"})");
            if (!lines.Contains(d)) lines.Add(d);
        }
        return lines;
    }

    public static IReadOnlyList<Diagnostic> Describe(ParseResult parse, RootCommand root, IReadOnlyList<string> args)
    {
        var lines = new List<Diagnostic>();
        void Add(string path, string message)
        {
            var d = new Diagnostic(new SourceLocation(path, 1, 1), message);
            if (!lines.Contains(d)) lines.Add(d);
        }

        var command = parse.CommandResult.Command;
        string name = CommandPath(parse.CommandResult);
        string? unknownOption = null;
        foreach (var token in parse.UnmatchedTokens)
        {
            string word = Printable.Quote(token);
            // `--sed 3`: the 3 was meant for the unknown option; one line for the one mistake
            bool valueOfUnknown = unknownOption is not null && Follows(args, unknownOption, token);
            unknownOption = null;
            if (valueOfUnknown)
                continue;
            if (token.Length > 1 && token[0] == '-')
            {
                unknownOption = token;
                Add(token, UnknownOption(command, name, token));
            }
            else if (command == root && root.Subcommands.Count > 0)
            {
                // what follows an unknown command means nothing on its own: one line is enough
                var known = root.Subcommands.Select(c => c.Name).ToList();
                Add(token, $"unknown command `{word}`{Spelling.DidYouMean(token, known)}; the commands are {string.Join(", ", known)}");
                break;
            }
            else if (SplitValue(args, token) is { } split)
                Add(split.Option, split.Message);
            else
                Add(token, $"unexpected argument `{word}` for `{name}`; see `{name} --help`");
        }

        foreach (var e in parse.Errors)
        {
            switch (e.SymbolResult)
            {
                case OptionResult o:
                    Option(o.Option, o.Tokens, e.Message, Add);
                    break;
                case ArgumentResult { Parent: OptionResult o }:
                    Option(o.Option, o.Tokens, e.Message, Add);
                    break;
                case ArgumentResult a when a.Tokens.Count == 0:
                    Add("couplesim", $"`{name}` needs {a.Argument.Name}: {a.Argument.Description?.TrimEnd('.')}; see `{name} --help`");
                    break;
                case ArgumentResult a:
                    Add(a.Tokens[0].Value, a.Argument.ValueType == typeof(string) ? e.Message
                        : $"{a.Argument.Name} must be {Expected(a.Argument.ValueType)}, not `{Printable.Quote(a.Tokens[0].Value)}`");
                    break;
                case CommandResult c when parse.UnmatchedTokens.Count == 0 && c.Command.Subcommands.Count > 0 && c.Command.Action is null:
                    Add("couplesim", $"no command given; the commands are {string.Join(", ", c.Command.Subcommands.Select(s => s.Name))} (see `couplesim --help`)");
                    break;
                case CommandResult:
                    if (parse.UnmatchedTokens.Count == 0) Add("couplesim", e.Message);
                    break;
                default:
                    Add("couplesim", e.Message);
                    break;
            }
        }
        if (lines.Count == 0) Add("couplesim", "the command line cannot be read; see `couplesim --help`");
        return lines;
    }

    private static void Option(Option option, IReadOnlyList<Token> tokens, string message, Action<string, string> add)
    {
        string name = option.Name;
        if (tokens.Count == 0 && option.Arity.MinimumNumberOfValues > 0)
            add(name, $"`{name}` needs a value ({option.HelpName ?? "a value"})");
        else if (tokens.Count > 1 && option.Arity.MaximumNumberOfValues == 1)
            add(name, $"`{name}` is given {tokens.Count} times; give it once");
        else if (tokens.Count > 0 && option.ValueType != typeof(string) && option.ValueType != typeof(string[]) && option.Arity.MaximumNumberOfValues > 0)
            add(name, $"`{name}` must be {Expected(option.ValueType)}, not `{Printable.Quote(tokens[^1].Value)}`");
        else
            add(name, message); // our own validators' words
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            _ => "a valid value",
        };
    }

    /// <summary>
    /// A value typed in two words, <c>--set will.avoidance 3</c> or <c>--stretch both@week 3</c>: the stray word is the
    /// rest of the option's value, so the line names the option and the value in one word, not "3:1:1: unexpected argument".
    /// </summary>
    internal static (string Option, string Message)? SplitValue(IReadOnlyList<string> args, string token)
    {
        for (int i = 0; i + 2 < args.Count; i++)
        {
            if (args[i + 2] != token || args[i + 1].StartsWith('-')) continue;
            string option = args[i], value = args[i + 1];
            string? joined = option switch
            {
                "--set" or "--vary" when !value.Contains('=') => $"{value}={token}",
                "--stretch" => value + token,
                _ => null,
            };
            if (joined is not null)
                return (option, $"`{Printable.Quote($"{option} {value} {token}")}`: the value is one word, `{Printable.Quote($"{option} {joined}")}`");
        }
        return null;
    }

    private static bool Follows(IReadOnlyList<string> args, string first, string next)
    {
        for (int i = 0; i + 1 < args.Count; i++)
            if (args[i] == first && args[i + 1] == next) return true;
        return false;
    }

    private static string CommandPath(CommandResult c)
    {
        var names = new List<string>();
        for (SymbolResult? r = c; r is not null; r = r.Parent)
            if (r is CommandResult cr) names.Add(cr.Command is RootCommand ? "couplesim" : cr.Command.Name);
        names.Reverse();
        return string.Join(" ", names);
    }
}
