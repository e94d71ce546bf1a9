using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Simulation.Scenarios;

/// <summary>A YAML node with the position where it starts (1-based line and column).</summary>
internal abstract class YNode(int line, int column)
{
    public int Line { get; } = line;
    public int Column { get; } = column;

    /// <summary>Values in this node with everything under it, aliases counted in full (see <see cref="ScenarioLimits.MaxValues"/>).</summary>
    public int Size { get; set; } = 1;

    public abstract string KindName { get; }
}

internal sealed class YScalar(int line, int column, string value, bool plain) : YNode(line, column)
{
    public string Value { get; } = value;
    public bool Plain { get; } = plain;

    /// <summary>A plain empty, <c>~</c> or <c>null</c> scalar: YAML's null.</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => IsNull ? "nothing" : "a single value";
}

internal sealed class YSequence(int line, int column) : YNode(line, column)
{
    public List<YNode> Items { get; } = [];
    public override string KindName => "a list";
}

internal sealed class YMapping(int line, int column) : YNode(line, column)
{
    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = [];
    public override string KindName => "a mapping";
}

/// <summary>
/// Builds a positioned node tree from YamlDotNet's parser events. We read events rather than
/// deserialising so every value keeps its line and column and duplicate keys can be reported.
/// An alias (<c>*name</c>) shares its anchor's node; the values it stands for count against
/// <see cref="ScenarioLimits.MaxValues"/> each time it is used, so nested aliases cannot blow up
/// what the reader walks, and an alias inside the node it names is refused (no cycles).
/// </summary>
internal static partial class YamlTree
{
    /// <summary>The root node, or null when the text holds no document. Problems go to <paramref name="error"/>.</summary>
    public static YNode? Build(string text, Action<int, int, string> error, out bool syntaxError)
    {
        syntaxError = false;
        var scanner = new Scanner(new StringReader(text));
        var build = new Builder(new Parser(scanner), error);
        YNode? root = null;
        int documents = 0;
        try
        {
            build.Parser.Consume<StreamStart>();
            while (build.Parser.TryConsume<DocumentStart>(out var doc))
            {
                documents++;
                if (documents == 2)
                {
                    // the first document is not used: stop here rather than read what follows
                    error((int)doc.Start.Line, (int)doc.Start.Column, "a scenario file holds one YAML document; found a second one");
                    return root;
                }
                root = build.Node(0);
                build.Parser.Consume<DocumentEnd>();
            }
            build.Parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            syntaxError = true;
            var (line, column) = (Clamp(ex.Start.Line), Clamp(ex.Start.Column));
            string message = CleanMessage(ex.Message);
            // YamlDotNet reports tab indentation at 1:1, or a tab at a line's start as a problem on that line or the next
            // ("did not find expected <document end>"); point at the tab. Only there: a tab further up may be legal text
            // in a block scalar, and the real mistake would be lost.
            var tab = message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? FirstIndentTab(text, 1, int.MaxValue) : FirstIndentTab(text, line - 1, line);
            if (tab is { } at)
                (line, column, message) = (at.Line, at.Column, "a tab indents this line; YAML indents with spaces only");
            error(line, column, "YAML syntax: " + InPlainWords(message));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet 16.3 throws InvalidOperationException from its scanner for a plain word at the
            // start of a line inside an unclosed `[` or `{`; any such failure is a syntax error where it stopped.
            syntaxError = true;
            var at = scanner.CurrentPosition;
            error(Clamp(at.Line), Clamp(at.Column), "YAML syntax: cannot read on from here; is a `[`, `{` or quote left open above?");
            return null;
        }
        return root;
    }

    private static int Clamp(long x) => (int)Math.Clamp(x, 1, int.MaxValue);

    private sealed class Builder(IParser parser, Action<int, int, string> error)
    {
        public IParser Parser { get; } = parser;
        private readonly Dictionary<string, YNode> anchors = new(StringComparer.Ordinal);
        // anchors whose node is still being read: an alias to one of them would make a cycle
        private readonly HashSet<string> open = new(StringComparer.Ordinal);
        private int values;

        private void Count(ParsingEvent at, int size)
        {
            values += size;
            if (values > ScenarioLimits.MaxValues)
                throw new SemanticErrorException(at.Start, at.End,
                    $"the file holds more than {ScenarioLimits.MaxValues} values (an alias `*name` counts all it stands for, each time it is used); a scenario needs far fewer");
        }

        public YNode Node(int depth)
        {
            var ev = Parser.Consume<ParsingEvent>();
            if (depth > ScenarioLimits.MaxDepth)
                throw new SemanticErrorException(ev.Start, ev.End, $"nesting deeper than {ScenarioLimits.MaxDepth} levels");
            switch (ev)
            {
                case Scalar s:
                {
                    Count(ev, 1);
                    var node = new YScalar((int)s.Start.Line, (int)s.Start.Column, s.Value, s.Style == ScalarStyle.Plain);
                    Remember(s.Anchor, node);
                    return node;
                }
                case AnchorAlias alias:
                {
                    string name = alias.Value.Value;
                    if (open.Contains(name))
                        throw new SemanticErrorException(alias.Start, alias.End, $"alias `*{Printable.Quote(name)}` is used inside the value it names");
                    if (!anchors.TryGetValue(name, out var target))
                        throw new SemanticErrorException(alias.Start, alias.End, $"unknown alias `*{Printable.Quote(name)}`");
                    Count(ev, target.Size);
                    return target;
                }
                case SequenceStart seq:
                {
                    Count(ev, 1);
                    var node = new YSequence((int)seq.Start.Line, (int)seq.Start.Column);
                    Open(seq.Anchor);
                    while (!Parser.TryConsume<SequenceEnd>(out _))
                    {
                        var item = Node(depth + 1);
                        node.Items.Add(item);
                        node.Size += item.Size;
                    }
                    Remember(seq.Anchor, node);
                    return node;
                }
                case MappingStart map:
                {
                    Count(ev, 1);
                    var node = new YMapping((int)map.Start.Line, (int)map.Start.Column);
                    Open(map.Anchor);
                    var seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
                    while (!Parser.TryConsume<MappingEnd>(out _))
                    {
                        var key = Node(depth + 1);
                        var value = Node(depth + 1);
                        node.Size += key.Size + value.Size;
                        if (key is not YScalar k || k.IsNull)
                        {
                            error(key.Line, key.Column, $"a key must be a plain word, not {key.KindName}");
                            continue;
                        }
                        if (seen.TryGetValue(k.Value, out var first))
                        {
                            error(k.Line, k.Column, $"duplicate key `{Printable.Quote(k.Value)}` (first given at line {first.Line})");
                            continue;
                        }
                        seen.Add(k.Value, k);
                        node.Entries.Add(new(k, value));
                    }
                    Remember(map.Anchor, node);
                    return node;
                }
                default:
                    throw new SemanticErrorException(ev.Start, ev.End, "unexpected YAML here");
            }
        }

        private void Open(AnchorName anchor)
        {
            if (!anchor.IsEmpty)
                open.Add(anchor.Value);
        }

        private void Remember(AnchorName anchor, YNode node)
        {
            if (anchor.IsEmpty)
                return;
            open.Remove(anchor.Value);
            anchors[anchor.Value] = node;
        }
    }

    /// <summary>The first tab used as indentation on lines <paramref name="fromLine"/> to <paramref name="toLine"/> (from 1).</summary>
    private static (int Line, int Column)? FirstIndentTab(string text, int fromLine, int toLine)
    {
        var lines = text.Split('\n');
        for (int i = Math.Max(0, fromLine - 1); i < lines.Length && i < toLine; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t', '-').Length;
            int tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
                return (i + 1, tab + 1);
        }
        return null;
    }

    /// <summary>
    /// The parser's words for the mistakes students make most, said as what to do; other messages as the parser gives them.
    /// </summary>
    private static string InPlainWords(string message) => message switch
    {
        _ when message.Contains("plain scalar value, found invalid mapping", StringComparison.Ordinal) ||
               message.Contains("Mapping values are not allowed", StringComparison.Ordinal) =>
            "a `: ` here is not where a key can start: put a value that holds `: ` in quotes, or line this key up with the keys above it",
        _ when message.Contains("did not find expected key", StringComparison.Ordinal) =>
            "this line is indented more or less than the keys around it (or a `- ` item is out of line, or text follows a closing quote)",
        _ when message.Contains("quoted scalar, found unexpected end of stream", StringComparison.Ordinal) ||
               message.Contains("quoted scalar, found wrong indentation", StringComparison.Ordinal) ||
               message.Contains("quoted scalar, found unexpected document indicator", StringComparison.Ordinal) =>
            "a quote is left open: close the `\"` or `'` that starts here on the same line",
        _ when message.Contains("found unknown escape character", StringComparison.Ordinal) =>
            "a `\\` in double quotes starts an escape: write `\\\\`, or put the value in single quotes",
        _ => message,
    };

    /// <summary>YamlDotNet prefixes messages with "(Line: …) - (Line: …): "; the position is ours to print.</summary>
    private static string CleanMessage(string message)
    {
        var m = PositionPrefix().Replace(message, "");
        return m.Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
