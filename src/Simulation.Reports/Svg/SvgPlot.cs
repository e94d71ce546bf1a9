namespace Simulation.Reports.Svg;

/// <summary>How a legend entry is drawn.</summary>
public enum LegendSymbol { Line, Swatch, Marker }

/// <summary>One legend entry.</summary>
public sealed record LegendItem(string Label, string Color, LegendSymbol Symbol, MarkerShape Shape = MarkerShape.Circle,
    string? Dash = null, double Width = 2, double Alpha = 1);

/// <summary>Adds plottables to a panel, in the manner of ScottPlot's <c>plot.Add</c>.</summary>
public sealed class PlottableAdder(Panel panel)
{
    private T Put<T>(T p, string? label, string? cssClass) where T : Plottable
    {
        p.Label = label;
        p.Class ??= cssClass;
        panel.Items.Add(p);
        return p;
    }

    /// <summary>A line series.</summary>
    public LinePlot Line(double[] xs, double[] ys, string color, string? label = null, string? cssClass = null)
    {
        if (xs.Length != ys.Length) throw new ArgumentException("xs and ys differ in length");
        return Put(new LinePlot(xs, ys, color), label, cssClass);
    }

    /// <summary>The area between two curves.</summary>
    public FillBetween FillBetween(double[] xs, double[] lower, double[] upper, string color, double alpha = 0.25, string? label = null, string? cssClass = null)
    {
        if (xs.Length != lower.Length || xs.Length != upper.Length) throw new ArgumentException("arrays differ in length");
        return Put(new FillBetween(xs, lower, upper, color, alpha), label, cssClass);
    }

    /// <summary>A shaded x range over the full panel height.</summary>
    public HorizontalSpan HorizontalSpan(double x1, double x2, string color, double alpha = 0.15, string? label = null, string? cssClass = null) =>
        Put(new HorizontalSpan(x1, x2, color, alpha), label, cssClass);

    /// <summary>A vertical line, optionally labelled.</summary>
    public VerticalLine VerticalLine(double x, string color, string? text = null, string? cssClass = null) =>
        Put(new VerticalLine(x, color) { Text = text }, null, cssClass);

    /// <summary>A horizontal reference line.</summary>
    public HorizontalLine HorizontalLine(double y, string color, string? cssClass = null) =>
        Put(new HorizontalLine(y, color), null, cssClass);

    /// <summary>One marker.</summary>
    public MarkerPlot Marker(double x, double y, MarkerShape shape, string color, double size = 12, string? cssClass = null) =>
        Put(new MarkerPlot(x, y, shape, color) { Size = size }, null, cssClass);

    /// <summary>Text in data coordinates.</summary>
    public TextPlot Text(double x, double y, string text, string color = "#000000", string? cssClass = null) =>
        Put(new TextPlot(x, y, text) { Color = color }, null, cssClass);

    /// <summary>A boxed label with a line to the point it explains.</summary>
    public CalloutPlot Callout(string text, (double X, double Y) textAt, (double X, double Y) tipAt, string color = "#000000", string? cssClass = null) =>
        Put(new CalloutPlot(text, textAt, tipAt, color), null, cssClass);
}

/// <summary>A right-hand y axis with its own range.</summary>
public sealed record RightAxis(double Min, double Max, string? Label, IReadOnlyList<Tick>? Ticks = null);

/// <summary>One panel of a figure; panels are stacked top to bottom and share the x axis.</summary>
public sealed class Panel
{
    internal Panel(double weight, string cssClass)
    {
        Weight = weight;
        CssClass = cssClass;
        Add = new PlottableAdder(this);
    }

    /// <summary>Relative height among the figure's panels.</summary>
    public double Weight { get; set; }
    public string CssClass { get; set; }
    public double YMin { get; private set; }
    public double YMax { get; private set; } = 1;
    public string? YLabel { get; set; }
    /// <summary>Explicit y ticks; nice ticks when null.</summary>
    public IReadOnlyList<Tick>? YTicks { get; set; }
    public RightAxis? Right { get; set; }
    /// <summary>A lane: a thin strip with a name instead of a y axis (e.g. one partner's events).</summary>
    public string? LaneLabel { get; set; }
    public string LaneColor { get; set; } = "#000000";
    /// <summary>Extra <c>data-*</c> attributes of the panel's group.</summary>
    public IReadOnlyList<(string Key, string Value)> Data { get; set; } = [];
    /// <summary>Space above the panel, pixels.</summary>
    public double GapAbove { get; set; } = 20;
    public List<Plottable> Items { get; } = [];
    public PlottableAdder Add { get; }

    public Panel SetLimitsY(double min, double max)
    {
        if (!(max > min)) throw new ArgumentException("max must exceed min");
        (YMin, YMax) = (min, max);
        return this;
    }
}

/// <summary>The shared x axis.</summary>
public sealed class XAxis
{
    public double Min { get; private set; }
    public double Max { get; private set; } = 1;
    public string? Label { get; set; }
    /// <summary>Explicit ticks (e.g. dates); nice ticks when null.</summary>
    public IReadOnlyList<Tick>? Ticks { get; set; }

    public XAxis SetLimits(double min, double max)
    {
        if (!(max > min)) throw new ArgumentException("max must exceed min");
        (Min, Max) = (min, max);
        return this;
    }
}

/// <summary>
/// A small SVG plotting API shaped after ScottPlot 5 (<c>plot.Add.Line</c>, <c>HorizontalSpan</c>,
/// <c>VerticalLine</c>, <c>Callout</c>, nice ticks), writing plain <c>&lt;polyline&gt;</c>, <c>&lt;rect&gt;</c>,
/// <c>&lt;line&gt;</c>, <c>&lt;text&gt;</c>, <c>&lt;circle&gt;</c> and <c>&lt;path&gt;</c> that projectors, browsers and
/// slide tools all take. Output is byte-stable for the same input.
/// </summary>
public sealed class SvgPlot
{
    private string? title;
    private string? subtitle;
    private readonly List<LegendItem> extraLegend = [];

    public SvgPlot(int width, int height)
    {
        Width = width;
        Height = height;
        Panels.Add(new Panel(1, "main"));
    }

    public int Width { get; }
    public int Height { get; }
    /// <summary>Base font size in pixels; tick labels use it, titles are larger.</summary>
    public double FontSize { get; set; } = 16;
    public string FontFamily { get; set; } = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
    /// <summary>The root element's id and class.</summary>
    public string? Id { get; set; }
    public string CssClass { get; set; } = "chart";
    public XAxis X { get; } = new();
    public List<Panel> Panels { get; } = [];
    public Panel Main => Panels[0];
    /// <summary>Adds to the main (top) panel.</summary>
    public PlottableAdder Add => Main.Add;
    public double MarginLeft { get; set; } = 100;
    public double MarginRight { get; set; } = 36;
    /// <summary>Whether to draw the legend (entries come from labelled plottables, then <see cref="AddLegend"/>).</summary>
    public bool ShowLegend { get; set; } = true;
    /// <summary>A note under the x axis (e.g. how long runs were aggregated).</summary>
    public string? Footnote { get; set; }

    public SvgPlot Title(string text, string? sub = null) { title = text; subtitle = sub; return this; }
    public SvgPlot XLabel(string text) { X.Label = text; return this; }
    public SvgPlot YLabel(string text) { Main.YLabel = text; return this; }

    /// <summary>Adds a panel below the existing ones.</summary>
    public Panel AddPanel(double weight, string cssClass)
    {
        var p = new Panel(weight, cssClass);
        Panels.Add(p);
        return p;
    }

    /// <summary>Adds a legend entry that no plottable carries (e.g. one per marker kind).</summary>
    public void AddLegend(LegendItem item) => extraLegend.Add(item);

    public void Save(string path) => File.WriteAllText(path, ToSvg());

    public string ToSvg()
    {
        var w = new SvgBuilder();
        double fs = FontSize;
        w.Raw($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\"" +
              $"{(Id is null ? "" : $" id=\"{SvgFormat.Escape(Id)}\"")} class=\"{SvgFormat.Escape(CssClass)}\" font-family=\"{SvgFormat.Escape(FontFamily)}\" font-size=\"{SvgFormat.Num(fs)}\"" +
              $" role=\"img\"{(title is null ? "" : $" aria-label=\"{SvgFormat.Escape(title)}\"")}>");
        w.Open("g", ("class", "figure"));
        w.Empty("rect", ("class", "background"), ("x", "0"), ("y", "0"), ("width", Width.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("height", Height.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("fill", "#ffffff"));

        double top = 12;
        if (title is not null)
        {
            top += fs * 1.6;
            w.Text("text", title, ("class", "title"), ("x", SvgFormat.Num(MarginLeft)), ("y", SvgFormat.Num(top)), ("font-size", SvgFormat.Num(fs * 1.6)), ("font-weight", "bold"), ("fill", "#000000"));
            top += 8;
        }
        if (subtitle is not null)
        {
            top += fs * 1.1;
            w.Text("text", subtitle, ("class", "subtitle"), ("x", SvgFormat.Num(MarginLeft)), ("y", SvgFormat.Num(top)), ("font-size", SvgFormat.Num(fs * 1.1)), ("fill", "#333333"));
            top += 6;
        }
        if (ShowLegend) top = Legend(w, top + 8) + 4;

        int rows = X.Ticks is { Count: > 0 } t ? t.Max(k => k.Row) + 1 : 1;
        double bottom = Height - 10 - (Footnote is null ? 0 : fs + 6) - (X.Label is null ? 0 : fs + 12) - rows * (fs + 8);
        double gaps = Panels.Sum(p => p.GapAbove);
        double available = bottom - top - gaps;
        double weights = Panels.Sum(p => p.Weight);
        double left = MarginLeft, width = Width - MarginLeft - MarginRight;
        if (Panels.Any(p => p.Right is not null)) width -= 50;

        var xTicks = X.Ticks ?? NiceTicks.Generate(X.Min, X.Max, Math.Max(2, (int)(width / 90)));
        double y = top;
        for (int i = 0; i < Panels.Count; i++)
        {
            var p = Panels[i];
            y += p.GapAbove;
            double h = available * p.Weight / weights;
            var frame = new PanelFrame(left, y, width, h, X.Min, X.Max, p.YMin, p.YMax, p.Right?.Min ?? 0, p.Right?.Max ?? 1);
            RenderPanel(w, p, frame, xTicks, i);
            y += h;
        }

        // x tick labels under the last panel, in rows
        w.Open("g", ("class", "axis x"));
        foreach (var tick in xTicks)
        {
            double px = left + (tick.Position - X.Min) / (X.Max - X.Min) * width;
            if (px < left - 1 || px > left + width + 1 || tick.Label.Length == 0) continue;
            double ty = y + (tick.Row + 1) * (fs + 8);
            w.Text("text", tick.Label, ("class", "tick-label x"), ("data-row", tick.Row.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("x", SvgFormat.Num(px)), ("y", SvgFormat.Num(ty)), ("text-anchor", "middle"), ("fill", "#000000"),
                ("font-weight", tick.Major ? "bold" : null));
        }
        double after = y + rows * (fs + 8);
        if (X.Label is not null)
        {
            after += fs + 10;
            w.Text("text", X.Label, ("class", "axis-label x"), ("x", SvgFormat.Num(left + width / 2)), ("y", SvgFormat.Num(after)),
                ("text-anchor", "middle"), ("fill", "#000000"));
        }
        w.Close("g");
        if (Footnote is not null)
            w.Text("text", Footnote, ("class", "footnote"), ("x", SvgFormat.Num(left)), ("y", SvgFormat.Num(after + fs + 6)), ("fill", "#333333"), ("font-size", SvgFormat.Num(fs * 0.9)));
        w.Close("g");
        w.Raw("</svg>");
        return w.ToString();
    }

    private void RenderPanel(SvgBuilder w, Panel p, PanelFrame f, IReadOnlyList<Tick> xTicks, int index)
    {
        var attrs = new List<(string, string?)> { ("class", "panel " + p.CssClass) };
        foreach (var (k, v) in p.Data) attrs.Add(("data-" + k, v));
        w.Open("g", attrs.ToArray());
        string clip = $"{Id ?? "plot"}-clip-{index}";
        w.Open("clipPath", ("id", clip));
        w.Empty("rect", ("x", SvgFormat.Num(f.Left)), ("y", SvgFormat.Num(f.Top)), ("width", SvgFormat.Num(f.Width)), ("height", SvgFormat.Num(f.Height)));
        w.Close("clipPath");
        w.Empty("rect", ("class", "frame"), ("x", SvgFormat.Num(f.Left)), ("y", SvgFormat.Num(f.Top)), ("width", SvgFormat.Num(f.Width)),
            ("height", SvgFormat.Num(f.Height)), ("fill", p.LaneLabel is null ? "#ffffff" : "#f7f7f7"), ("stroke", "none"));

        w.Open("g", ("class", "grid"), ("stroke", "#d9d9d9"), ("stroke-width", "1"));
        foreach (var tick in xTicks.Where(t => t.Grid))
        {
            double px = f.Px(tick.Position);
            if (px < f.Left || px > f.Right) continue;
            w.Empty("line", ("x1", SvgFormat.Num(px)), ("y1", SvgFormat.Num(f.Top)), ("x2", SvgFormat.Num(px)), ("y2", SvgFormat.Num(f.Bottom)),
                ("stroke", tick.Major ? "#9a9a9a" : null));
        }
        var yTicks = p.LaneLabel is null ? p.YTicks ?? NiceTicks.Generate(p.YMin, p.YMax, Math.Max(2, (int)(f.Height / 40))) : [];
        foreach (var tick in yTicks.Where(t => t.Grid))
        {
            double py = f.Py(tick.Position);
            w.Empty("line", ("x1", SvgFormat.Num(f.Left)), ("y1", SvgFormat.Num(py)), ("x2", SvgFormat.Num(f.Right)), ("y2", SvgFormat.Num(py)));
        }
        w.Close("g");

        w.Open("g", ("class", "data"), ("clip-path", $"url(#{clip})"));
        foreach (var item in p.Items.Select((x, i) => (x, i)).OrderBy(t => t.x.Layer).ThenBy(t => t.i))
            item.x.Render(w, f);
        w.Close("g");

        w.Empty("rect", ("class", "border"), ("x", SvgFormat.Num(f.Left)), ("y", SvgFormat.Num(f.Top)), ("width", SvgFormat.Num(f.Width)),
            ("height", SvgFormat.Num(f.Height)), ("fill", "none"), ("stroke", "#4d4d4d"), ("stroke-width", "1"));

        double fs = FontSize;
        if (p.LaneLabel is not null)
        {
            w.Text("text", p.LaneLabel, ("class", "lane-label"), ("x", SvgFormat.Num(f.Left - 10)), ("y", SvgFormat.Num(f.Top + f.Height / 2 + fs * 0.35)),
                ("text-anchor", "end"), ("fill", p.LaneColor), ("font-weight", "bold"));
        }
        else
        {
            foreach (var tick in yTicks)
                w.Text("text", tick.Label, ("class", "tick-label y"), ("x", SvgFormat.Num(f.Left - 8)), ("y", SvgFormat.Num(f.Py(tick.Position) + fs * 0.35)),
                    ("text-anchor", "end"), ("fill", "#000000"));
            if (p.YLabel is not null)
            {
                double cx = f.Left - MarginLeft + fs + 2, cy = f.Top + f.Height / 2;
                w.Text("text", p.YLabel, ("class", "axis-label y"), ("x", SvgFormat.Num(cx)), ("y", SvgFormat.Num(cy)), ("text-anchor", "middle"),
                    ("transform", $"rotate(-90 {SvgFormat.Num(cx)} {SvgFormat.Num(cy)})"), ("fill", "#000000"), ("font-weight", "bold"));
            }
        }
        if (p.Right is { } r)
        {
            var rt = r.Ticks ?? NiceTicks.Generate(r.Min, r.Max, Math.Max(2, (int)(f.Height / 40)));
            foreach (var tick in rt)
                w.Text("text", tick.Label, ("class", "tick-label y2"), ("x", SvgFormat.Num(f.Right + 8)), ("y", SvgFormat.Num(f.Py(tick.Position, YAxisSide.Right) + fs * 0.35)),
                    ("text-anchor", "start"), ("fill", "#000000"));
            if (r.Label is not null)
            {
                double cx = f.Right + 70, cy = f.Top + f.Height / 2;
                w.Text("text", r.Label, ("class", "axis-label y2"), ("x", SvgFormat.Num(cx)), ("y", SvgFormat.Num(cy)), ("text-anchor", "middle"),
                    ("transform", $"rotate(90 {SvgFormat.Num(cx)} {SvgFormat.Num(cy)})"), ("fill", "#000000"), ("font-weight", "bold"));
            }
        }
        w.Close("g");
    }

    /// <summary>Draws the legend in rows from the left margin; returns the y below it.</summary>
    private double Legend(SvgBuilder w, double top)
    {
        var items = Panels.SelectMany(p => p.Items).Select(i => i.LegendEntry).OfType<LegendItem>()
            .Concat(extraLegend).DistinctBy(i => i.Label).ToList();
        if (items.Count == 0) return top;
        double fs = FontSize, rowHeight = fs + 12, x = MarginLeft, y = top + rowHeight / 2;
        w.Open("g", ("class", "legend"));
        foreach (var item in items)
        {
            double itemWidth = 34 + SvgFormat.TextWidth(item.Label, fs) + 22;
            if (x + itemWidth > Width - MarginRight && x > MarginLeft) { x = MarginLeft; y += rowHeight; }
            w.Open("g", ("class", "legend-item"), ("data-label", item.Label));
            switch (item.Symbol)
            {
                case LegendSymbol.Line:
                    w.Empty("line", ("x1", SvgFormat.Num(x)), ("y1", SvgFormat.Num(y)), ("x2", SvgFormat.Num(x + 28)), ("y2", SvgFormat.Num(y)),
                        ("stroke", item.Color), ("stroke-width", SvgFormat.Num(Math.Max(3, item.Width))), ("stroke-dasharray", item.Dash));
                    break;
                case LegendSymbol.Swatch:
                    w.Empty("rect", ("x", SvgFormat.Num(x)), ("y", SvgFormat.Num(y - 9)), ("width", "28"), ("height", "18"), ("fill", item.Color),
                        ("fill-opacity", SvgFormat.Num(Math.Min(1, item.Alpha * 1.6))), ("stroke", item.Color), ("stroke-width", "1"));
                    break;
                default:
                    MarkerGlyph.Write(w, item.Shape, x + 14, y, 14, item.Color, null, a => a);
                    break;
            }
            w.Text("text", item.Label, ("x", SvgFormat.Num(x + 34)), ("y", SvgFormat.Num(y + fs * 0.35)), ("fill", "#000000"));
            w.Close("g");
            x += itemWidth;
        }
        w.Close("g");
        return y + rowHeight / 2;
    }
}
