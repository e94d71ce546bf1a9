using System.Collections.Immutable;

namespace Simulation.Scenarios;

/// <summary>
/// A place in a scenario file or on the command line. Line and column are 1-based; Path is the
/// file path as given, or <c>--set</c> / <c>--length</c> for command-line changes.
/// </summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    public override string ToString() => $"{Path}:{Line}:{Column}";
}

/// <summary>One problem with a scenario, reported as <c>path:line:column: error: message</c>.</summary>
public sealed record Diagnostic(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: error: {Message}";
}

/// <summary>
/// A scenario (or a change to one) could not be used. <see cref="Exception.Message"/> is the
/// diagnostics, one line each, in file order.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IEnumerable<Diagnostic> diagnostics)
        : this(diagnostics.ToImmutableArray())
    {
    }

    private ScenarioException(ImmutableArray<Diagnostic> diagnostics)
        : base(string.Join("\n", diagnostics.Select(d => d.ToString())))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, one per line of <see cref="Exception.Message"/>.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>A single problem at a place (a command-line option, a folder: line and column 1 when there is no file).</summary>
    public static ScenarioException One(string path, int line, int column, string message) =>
        new([new Diagnostic(new SourceLocation(path, line, column), message)]);
}
