using System.Collections.Immutable;

namespace Simulation.Scenarios;

/// <summary>
/// A place in a scenario file or on the command line. Line and column are 1-based; Path is the
/// file path as given, or <c>--set</c> / <c>--length</c> for command-line changes.
/// </summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    /// <summary><c>path:line:column</c>, the path printable on one line.</summary>
    public override string ToString() => $"{Printable.Line(Path)}:{Line}:{Column}";
}

/// <summary>
/// One problem with a scenario, reported as <c>path:line:column: error: message</c>. The message
/// is kept printable on one line whatever text it quotes (<see cref="Printable"/>).
/// </summary>
public sealed record Diagnostic
{
    /// <summary>Messages are short; a longer one is cut (a backstop: quoted text is cut where it is quoted).</summary>
    public const int MaxMessage = 500;

    public Diagnostic(SourceLocation location, string message)
    {
        Location = location;
        Message = Printable.Quote(message, MaxMessage);
    }

    public SourceLocation Location { get; }
    public string Message { get; }

    public override string ToString() => $"{Location}: error: {Message}";

    /// <summary>
    /// The first <see cref="ScenarioLimits.MaxDiagnostics"/> of <paramref name="ordered"/>, then, when
    /// <paramref name="total"/> is more, one line "… and N more" at the first problem not shown.
    /// </summary>
    public static ImmutableArray<Diagnostic> Capped(IReadOnlyList<Diagnostic> ordered, int total)
    {
        if (total <= ScenarioLimits.MaxDiagnostics)
            return [.. ordered];
        var shown = ordered.Take(ScenarioLimits.MaxDiagnostics).ToList();
        var next = ordered.Count > shown.Count ? ordered[shown.Count].Location : shown[^1].Location;
        int more = total - shown.Count;
        shown.Add(new Diagnostic(next, $"… and {more} more {(more == 1 ? "problem" : "problems")} (only the first {ScenarioLimits.MaxDiagnostics} are shown)"));
        return [.. shown];
    }
}

/// <summary>
/// A scenario (or a change to one) could not be used. <see cref="Exception.Message"/> is the
/// diagnostics, one line each, in file order. The loader throws nothing else.
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
