using System.Collections.Immutable;
using System.Text;

namespace Simulation.Reports.Svg;

/// <summary>How a marker looks.</summary>
public enum MarkerShape { Circle, OpenCircle, Square, Diamond, TriangleUp, TriangleDown, Cross, Plus, Star }

/// <summary>Which vertical axis of a panel a series follows.</summary>
public enum YAxisSide { Left, Right }

/// <summary>Maps data coordinates to pixels inside one panel.</summary>
public sealed record PanelFrame(double Left, double Top, double Width, double Height,
    double XMin, double XMax, double YMin, double YMax, double RightMin, double RightMax)
{
    public double Px(double x) => Left + (x - XMin) / (XMax - XMin) * Width;
    public double Py(double y, YAxisSide side = YAxisSide.Left) => side == YAxisSide.Left
        ? Top + Height - (y - YMin) / (YMax - YMin) * Height
        : Top + Height - (y - RightMin) / (RightMax - RightMin) * Height;
    public double Bottom => Top + Height;
    public double Right => Left + Width;
}

/// <summary>Something drawn in a panel. <see cref="Class"/> and <see cref="Data"/> become the element's
/// <c>class</c> and <c>data-*</c> attributes, so tests and pages can find it.</summary>
public abstract class Plottable
{
    /// <summary>CSS class(es), e.g. <c>series closeness</c>.</summary>
    public string? Class { get; set; }
    /// <summary><c>data-*</c> attributes, in the order given (keys without the <c>data-</c> prefix).</summary>
    public ImmutableArray<(string Key, string Value)> Data { get; set; } = [];
    /// <summary>Legend text; null leaves it out of the legend.</summary>
    public string? Label { get; set; }
    /// <summary>Tooltip shown on hover.</summary>
    public string? Tooltip { get; set; }

    /// <summary>Drawing order: spans, fills, lines, markers, annotations.</summary>
    internal abstract int Layer { get; }
    internal abstract void Render(SvgBuilder w, PanelFrame f);
    internal virtual LegendItem? LegendEntry => null;

    internal (string, string?)[] Attributes(params (string, string?)[] own)
    {
        var list = new List<(string, string?)> { ("class", Class) };
        list.AddRange(own);
        foreach (var (k, v) in Data) list.Add(("data-" + k, v));
        return list.ToArray();
    }
}

/// <summary>A line through points; NaN values break it into segments.</summary>
public sealed class LinePlot(double[] xs, double[] ys, string color) : Plottable
{
    public double[] Xs { get; } = xs;
    public double[] Ys { get; } = ys;
    public string Color { get; set; } = color;
    public double Width { get; set; } = 2;
    public string? Dash { get; set; }
    public YAxisSide Axis { get; set; } = YAxisSide.Left;
    internal override int Layer => 2;
    internal override LegendItem? LegendEntry => Label is null ? null : new LegendItem(Label, Color, LegendSymbol.Line, Dash: Dash, Width: Width);

    internal override void Render(SvgBuilder w, PanelFrame f)
    {
        var sb = new StringBuilder();
        for (int i = 0; i <= Xs.Length; i++)
        {
            bool end = i == Xs.Length || double.IsNaN(Ys[i]) || double.IsNaN(Xs[i]);
            if (!end)
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(SvgFormat.Num(f.Px(Xs[i]))).Append(',').Append(SvgFormat.Num(f.Py(Ys[i], Axis)));
                continue;
            }
            if (sb.Length == 0) continue;
            w.WithTitle("polyline", Tooltip, Attributes(("points", sb.ToString()), ("fill", "none"), ("stroke", Color),
                ("stroke-width", SvgFormat.Num(Width)), ("stroke-linejoin", "round"), ("stroke-dasharray", Dash)));
            sb.Clear();
        }
    }
}

/// <summary>The area between two curves (a min–max range, or a difference), as one path per unbroken stretch.</summary>
public sealed class FillBetween(double[] xs, double[] lower, double[] upper, string color, double alpha) : Plottable
{
    public double[] Xs { get; } = xs;
    public double[] Lower { get; } = lower;
    public double[] Upper { get; } = upper;
    public string Color { get; set; } = color;
    public double Alpha { get; set; } = alpha;
    public YAxisSide Axis { get; set; } = YAxisSide.Left;
    internal override int Layer => 1;
    internal override LegendItem? LegendEntry => Label is null ? null : new LegendItem(Label, Color, LegendSymbol.Swatch, Alpha: Alpha);

    internal override void Render(SvgBuilder w, PanelFrame f)
    {
        int start = 0;
        for (int i = 0; i <= Xs.Length; i++)
        {
            bool end = i == Xs.Length || double.IsNaN(Lower[i]) || double.IsNaN(Upper[i]);
            if (!end) continue;
            if (i - start >= 2) Segment(w, f, start, i);
            start = i + 1;
        }
    }

    private void Segment(SvgBuilder w, PanelFrame f, int from, int to)
    {
        var sb = new StringBuilder();
        for (int i = from; i < to; i++)
            sb.Append(i == from ? "M" : " L").Append(SvgFormat.Num(f.Px(Xs[i]))).Append(',').Append(SvgFormat.Num(f.Py(Upper[i], Axis)));
        for (int i = to - 1; i >= from; i--)
            sb.Append(" L").Append(SvgFormat.Num(f.Px(Xs[i]))).Append(',').Append(SvgFormat.Num(f.Py(Lower[i], Axis)));
        sb.Append(" Z");
        w.WithTitle("path", Tooltip, Attributes(("d", sb.ToString()), ("fill", Color), ("fill-opacity", SvgFormat.Num(Alpha)), ("stroke", "none")));
    }
}

/// <summary>Shades an x range over the panel's full height (ScottPlot's HorizontalSpan), or a y slice of it.</summary>
public sealed class HorizontalSpan(double x1, double x2, string color, double alpha) : Plottable
{
    public double X1 { get; } = x1;
    public double X2 { get; } = x2;
    public string Color { get; set; } = color;
    public double Alpha { get; set; } = alpha;
    /// <summary>Optional y range (data units, left axis); the full height when null.</summary>
    public (double Low, double High)? YRange { get; set; }
    internal override int Layer => 0;
    internal override LegendItem? LegendEntry => Label is null ? null : new LegendItem(Label, Color, LegendSymbol.Swatch, Alpha: Alpha);

    internal override void Render(SvgBuilder w, PanelFrame f)
    {
        double x1 = Math.Max(f.Left, f.Px(X1)), x2 = Math.Min(f.Right, f.Px(X2));
        if (x2 <= x1) return;
        double top = YRange is { } r ? f.Py(r.High) : f.Top;
        double bottom = YRange is { } r2 ? f.Py(r2.Low) : f.Bottom;
        w.WithTitle("rect", Tooltip, Attributes(("x", SvgFormat.Num(x1)), ("y", SvgFormat.Num(top)),
            ("width", SvgFormat.Num(x2 - x1)), ("height", SvgFormat.Num(bottom - top)),
            ("fill", Color), ("fill-opacity", SvgFormat.Num(Alpha))));
    }
}

/// <summary>A vertical line across the panel with an optional label at its top.</summary>
public sealed class VerticalLine(double x, string color) : Plottable
{
    public double X { get; } = x;
    public string Color { get; set; } = color;
    public double Width { get; set; } = 2;
    public string? Dash { get; set; } = "6 4";
    /// <summary>Text written beside the line near the panel's top.</summary>
    public string? Text { get; set; }
    /// <summary>Which line of labels the text sits on (0 at the top), to keep close lines' labels apart.</summary>
    public int TextRow { get; set; }
    internal override int Layer => 3;
    internal override LegendItem? LegendEntry => Label is null ? null : new LegendItem(Label, Color, LegendSymbol.Line, Dash: Dash, Width: Width);

    internal override void Render(SvgBuilder w, PanelFrame f)
    {
        double px = f.Px(X);
        if (px < f.Left - 0.5 || px > f.Right + 0.5) return;
        w.WithTitle("line", Tooltip, Attributes(("x1", SvgFormat.Num(px)), ("y1", SvgFormat.Num(f.Top)), ("x2", SvgFormat.Num(px)),
            ("y2", SvgFormat.Num(f.Bottom)), ("stroke", Color), ("stroke-width", SvgFormat.Num(Width)), ("stroke-dasharray", Dash)));
        if (Text is null) return;
        bool flip = px > f.Left + f.Width * 0.8; // keep the label inside the panel
        w.Text("text", Text, ("class", "annotation"), ("x", SvgFormat.Num(flip ? px - 6 : px + 6)), ("y", SvgFormat.Num(f.Top + 20 + 20 * TextRow)),
            ("text-anchor", flip ? "end" : "start"), ("fill", Color), ("font-size", "16"), ("font-weight", "bold"),
            ("paint-order", "stroke"), ("stroke", "#ffffff"), ("stroke-width", "4"));
    }
}

/// <summary>A horizontal reference line at a y value.</summary>
public sealed class HorizontalLine(double y, string color) : Plottable
{
    public double Y { get; } = y;
    public string Color { get; set; } = color;
    public double Width { get; set; } = 1.5;
    public string? Dash { get; set; } = "4 4";
    public YAxisSide Axis { get; set; } = YAxisSide.Left;
    internal override int Layer => 1;

    internal override void Render(SvgBuilder w, PanelFrame f)
    {
        double py = f.Py(Y, Axis);
        w.Empty("line", Attributes(("x1", SvgFormat.Num(f.Left)), ("y1", SvgFormat.Num(py)), ("x2", SvgFormat.Num(f.Right)),
            ("y2", SvgFormat.Num(py)), ("stroke", Color), ("stroke-width", SvgFormat.Num(Width)), ("stroke-dasharray", Dash)));
    }
}

/// <summary>One marker at a data point.</summary>
public sealed class MarkerPlot(double x, double y, MarkerShape shape, string color) : Plottable
{
    public double X { get; } = x;
    public double Y { get; } = y;
    public MarkerShape Shape { get; set; } = shape;
    public string Color { get; set; } = color;
    /// <summary>Size in pixels (the diameter of a circle).</summary>
    public double Size { get; set; } = 12;
    internal override int Layer => 3;
    internal override LegendItem? LegendEntry => Label is null ? null : new LegendItem(Label, Color, LegendSymbol.Marker, Shape);

    internal override void Render(SvgBuilder w, PanelFrame f) =>
        MarkerGlyph.Write(w, Shape, f.Px(X), f.Py(Y), Size, Color, Tooltip, Attributes);
}

/// <summary>Text placed in data coordinates.</summary>
public sealed class TextPlot(double x, double y, string text) : Plottable
{
    public double X { get; } = x;
    public double Y { get; } = y;
    public string Text { get; } = text;
    public string Color { get; set; } = "#000000";
    public double FontSize { get; set; } = 16;
    public string Anchor { get; set; } = "start";
    public bool Bold { get; set; }
    internal override int Layer => 4;

    internal override void Render(SvgBuilder w, PanelFrame f) =>
        w.Text("text", Text, Attributes(("x", SvgFormat.Num(f.Px(X))), ("y", SvgFormat.Num(f.Py(Y))), ("text-anchor", Anchor),
            ("fill", Color), ("font-size", SvgFormat.Num(FontSize)), ("font-weight", Bold ? "bold" : null),
            ("paint-order", "stroke"), ("stroke", "#ffffff"), ("stroke-width", "4")));
}

/// <summary>A label at one point with an arrow to another (ScottPlot's Callout).</summary>
public sealed class CalloutPlot(string text, (double X, double Y) textAt, (double X, double Y) tipAt, string color) : Plottable
{
    public string Text { get; } = text;
    public (double X, double Y) TextAt { get; } = textAt;
    public (double X, double Y) TipAt { get; } = tipAt;
    public string Color { get; set; } = color;
    public double FontSize { get; set; } = 16;
    internal override int Layer => 4;

    internal override void Render(SvgBuilder w, PanelFrame f)
    {
        double tx = f.Px(TextAt.X), ty = f.Py(TextAt.Y), px = f.Px(TipAt.X), py = f.Py(TipAt.Y);
        string[] lines = Text.Split('\n');
        double width = lines.Max(l => SvgFormat.TextWidth(l, FontSize)) + 16;
        double height = lines.Length * (FontSize + 4) + 10;
        bool right = tx + width > f.Right; // flip left when the box would leave the panel
        double bx = right ? tx - width : tx;
        double by = Math.Clamp(ty - height / 2, f.Top + 2, f.Bottom - height - 2);
        w.Open("g", Attributes());
        double ax = right ? bx + width : bx, ay = by + height / 2;
        w.Empty("line", ("x1", SvgFormat.Num(ax)), ("y1", SvgFormat.Num(ay)), ("x2", SvgFormat.Num(px)), ("y2", SvgFormat.Num(py)),
            ("stroke", Color), ("stroke-width", "2"));
        w.Empty("circle", ("cx", SvgFormat.Num(px)), ("cy", SvgFormat.Num(py)), ("r", "4"), ("fill", Color));
        w.Empty("rect", ("x", SvgFormat.Num(bx)), ("y", SvgFormat.Num(by)), ("width", SvgFormat.Num(width)), ("height", SvgFormat.Num(height)),
            ("rx", "4"), ("fill", "#ffffff"), ("fill-opacity", "0.95"), ("stroke", Color), ("stroke-width", "2"));
        for (int i = 0; i < lines.Length; i++)
            w.Text("text", lines[i], ("class", "callout-text"), ("x", SvgFormat.Num(bx + 8)), ("y", SvgFormat.Num(by + 5 + (i + 1) * (FontSize + 4) - 4)),
                ("fill", "#000000"), ("font-size", SvgFormat.Num(FontSize)));
        w.Close("g");
    }
}

/// <summary>Draws marker shapes; shared by markers and legend entries.</summary>
internal static class MarkerGlyph
{
    public static void Write(SvgBuilder w, MarkerShape shape, double cx, double cy, double size, string color, string? tooltip,
        Func<(string, string?)[], (string, string?)[]> attributes)
    {
        double r = size / 2;
        string N(double v) => SvgFormat.Num(v);
        switch (shape)
        {
            case MarkerShape.Circle:
                w.WithTitle("circle", tooltip, attributes([("cx", N(cx)), ("cy", N(cy)), ("r", N(r)), ("fill", color), ("stroke", "#ffffff"), ("stroke-width", "1")]));
                return;
            case MarkerShape.OpenCircle:
                w.WithTitle("circle", tooltip, attributes([("cx", N(cx)), ("cy", N(cy)), ("r", N(r - 1)), ("fill", "#ffffff"), ("stroke", color), ("stroke-width", "3")]));
                return;
        }
        string d = shape switch
        {
            MarkerShape.Square => $"M{N(cx - r * 0.85)},{N(cy - r * 0.85)} h{N(r * 1.7)} v{N(r * 1.7)} h{N(-r * 1.7)} Z",
            MarkerShape.Diamond => $"M{N(cx)},{N(cy - r * 1.15)} L{N(cx + r)},{N(cy)} L{N(cx)},{N(cy + r * 1.15)} L{N(cx - r)},{N(cy)} Z",
            MarkerShape.TriangleUp => $"M{N(cx)},{N(cy - r * 1.1)} L{N(cx + r * 1.05)},{N(cy + r * 0.8)} L{N(cx - r * 1.05)},{N(cy + r * 0.8)} Z",
            MarkerShape.TriangleDown => $"M{N(cx)},{N(cy + r * 1.1)} L{N(cx + r * 1.05)},{N(cy - r * 0.8)} L{N(cx - r * 1.05)},{N(cy - r * 0.8)} Z",
            MarkerShape.Cross => $"M{N(cx - r * 0.8)},{N(cy - r * 0.8)} L{N(cx + r * 0.8)},{N(cy + r * 0.8)} M{N(cx + r * 0.8)},{N(cy - r * 0.8)} L{N(cx - r * 0.8)},{N(cy + r * 0.8)}",
            MarkerShape.Plus => $"M{N(cx - r)},{N(cy)} L{N(cx + r)},{N(cy)} M{N(cx)},{N(cy - r)} L{N(cx)},{N(cy + r)}",
            _ => Star(cx, cy, r * 1.2),
        };
        bool stroked = shape is MarkerShape.Cross or MarkerShape.Plus;
        w.WithTitle("path", tooltip, attributes(stroked
            ? [("d", d), ("fill", "none"), ("stroke", color), ("stroke-width", "3"), ("stroke-linecap", "round")]
            : [("d", d), ("fill", color), ("stroke", "#ffffff"), ("stroke-width", "1")]));
    }

    private static string Star(double cx, double cy, double r)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            double a = -Math.PI / 2 + i * Math.PI / 5, rr = i % 2 == 0 ? r : r * 0.45;
            sb.Append(i == 0 ? "M" : " L").Append(SvgFormat.Num(cx + rr * Math.Cos(a))).Append(',').Append(SvgFormat.Num(cy + rr * Math.Sin(a)));
        }
        return sb.Append(" Z").ToString();
    }
}
