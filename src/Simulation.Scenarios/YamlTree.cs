using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Simulation.Scenarios;

/// <summary>A YAML node with the position where it starts (1-based line and column).</summary>
internal abstract class YNode(int line, int column)
{
    public int Line { get; } = line;
    public int Column { get; } = column;

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
/// </summary>
internal static partial class YamlTree
{
    /// <summary>The root node, or null when the text holds no document. Problems go to <paramref name="error"/>.</summary>
    public static YNode? Build(string text, Action<int, int, string> error, out bool syntaxError)
    {
        syntaxError = false;
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        YNode? root = null;
        int documents = 0;
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var doc))
            {
                documents++;
                if (documents == 2)
                    error((int)doc.Start.Line, (int)doc.Start.Column, "a scenario file holds one YAML document; found a second one");
                var node = ReadNode(parser, anchors, error, 0);
                parser.Consume<DocumentEnd>();
                if (documents == 1)
                    root = node;
            }
            parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            syntaxError = true;
            var (line, column) = ((int)Math.Max(1, ex.Start.Line), (int)Math.Max(1, ex.Start.Column));
            // YamlDotNet reports tab indentation at 1:1; point at the first tab used as indentation instead.
            if (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentTab(text) is { } tab)
                (line, column) = tab;
            error(line, column, "YAML syntax: " + CleanMessage(ex.Message));
            return null;
        }
        return root;
    }

    /// <summary>No scenario nests deeper than a few levels; a limit keeps hostile input from exhausting the stack.</summary>
    private const int MaxDepth = 64;

    private static YNode ReadNode(IParser parser, Dictionary<string, YNode> anchors, Action<int, int, string> error, int depth)
    {
        var ev = parser.Consume<ParsingEvent>();
        if (depth > MaxDepth)
            throw new SemanticErrorException(ev.Start, ev.End, $"nesting deeper than {MaxDepth} levels");
        switch (ev)
        {
            case Scalar s:
            {
                var node = new YScalar((int)s.Start.Line, (int)s.Start.Column, s.Value, s.Style == ScalarStyle.Plain);
                Remember(anchors, s.Anchor, node);
                return node;
            }
            case AnchorAlias alias:
                if (anchors.TryGetValue(alias.Value.Value, out var target))
                    return target;
                throw new SemanticErrorException(alias.Start, alias.End, $"unknown alias `*{alias.Value.Value}`");
            case SequenceStart seq:
            {
                var node = new YSequence((int)seq.Start.Line, (int)seq.Start.Column);
                Remember(anchors, seq.Anchor, node);
                while (!parser.TryConsume<SequenceEnd>(out _))
                    node.Items.Add(ReadNode(parser, anchors, error, depth + 1));
                return node;
            }
            case MappingStart map:
            {
                var node = new YMapping((int)map.Start.Line, (int)map.Start.Column);
                Remember(anchors, map.Anchor, node);
                var seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = ReadNode(parser, anchors, error, depth + 1);
                    var value = ReadNode(parser, anchors, error, depth + 1);
                    if (key is not YScalar k || k.IsNull)
                    {
                        error(key.Line, key.Column, $"a key must be a plain word, not {key.KindName}");
                        continue;
                    }
                    if (seen.TryGetValue(k.Value, out var first))
                    {
                        error(k.Line, k.Column, $"duplicate key `{k.Value}` (first given at line {first.Line})");
                        continue;
                    }
                    seen.Add(k.Value, k);
                    node.Entries.Add(new(k, value));
                }
                return node;
            }
            default:
                throw new SemanticErrorException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
        }
    }

    private static void Remember(Dictionary<string, YNode> anchors, YamlDotNet.Core.AnchorName anchor, YNode node)
    {
        if (!anchor.IsEmpty)
            anchors[anchor.Value] = node;
    }

    private static (int Line, int Column)? FirstIndentTab(string text)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t', '-').Length;
            int tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
                return (i + 1, tab + 1);
        }
        return null;
    }

    /// <summary>YamlDotNet prefixes messages with "(Line: …) - (Line: …): "; the position is ours to print.</summary>
    private static string CleanMessage(string message)
    {
        var m = PositionPrefix().Replace(message, "");
        return m.Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
