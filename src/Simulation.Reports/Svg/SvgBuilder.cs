using System.Text;

namespace Simulation.Reports.Svg;

/// <summary>Writes SVG elements one per line, attributes in the order given, so output diffs well and never varies.</summary>
internal sealed class SvgBuilder
{
    private readonly StringBuilder sb = new();
    private int depth;

    public void Open(string name, params (string Key, string? Value)[] attributes)
    {
        Indent();
        sb.Append('<').Append(name);
        AppendAttributes(attributes);
        sb.Append(">\n");
        depth++;
    }

    public void Close(string name)
    {
        depth--;
        Indent();
        sb.Append("</").Append(name).Append(">\n");
    }

    public void Empty(string name, params (string Key, string? Value)[] attributes)
    {
        Indent();
        sb.Append('<').Append(name);
        AppendAttributes(attributes);
        sb.Append("/>\n");
    }

    /// <summary>An element with text content and, optionally, a tooltip <c>&lt;title&gt;</c> child.</summary>
    public void Text(string name, string text, params (string Key, string? Value)[] attributes)
    {
        Indent();
        sb.Append('<').Append(name);
        AppendAttributes(attributes);
        sb.Append('>').Append(SvgFormat.Escape(text)).Append("</").Append(name).Append(">\n");
    }

    /// <summary>An element whose only child is a tooltip.</summary>
    public void WithTitle(string name, string? title, params (string Key, string? Value)[] attributes)
    {
        if (string.IsNullOrEmpty(title)) { Empty(name, attributes); return; }
        Indent();
        sb.Append('<').Append(name);
        AppendAttributes(attributes);
        sb.Append("><title>").Append(SvgFormat.Escape(title)).Append("</title></").Append(name).Append(">\n");
    }

    public void Raw(string text) { Indent(); sb.Append(text).Append('\n'); }

    public override string ToString() => sb.ToString();

    private void Indent() => sb.Append(' ', depth * 2);

    private void AppendAttributes((string Key, string? Value)[] attributes)
    {
        foreach (var (key, value) in attributes)
        {
            if (value is null) continue;
            sb.Append(' ').Append(key).Append("=\"").Append(SvgFormat.Escape(value)).Append('"');
        }
    }
}
