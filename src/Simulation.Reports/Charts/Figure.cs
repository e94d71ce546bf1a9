using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace Simulation.Reports.Charts;

/// <summary>
/// One exported chart: a title and legend on top, ScottPlot panels stacked over a shared x axis
/// (data areas aligned by fixed padding, as ScottPlot's multiplot demos do), a footnote below.
/// Saved as PNG and SVG, both byte-identical for the same input (see <see cref="ToSvg"/>).
/// The run chart, the what-if chart and the sweep charts are all built on it.
/// </summary>
public sealed partial class Figure
{
    /// <summary>Space left of the data areas, for tick labels, a lane's row names and the rotated y label (design pixels).</summary>
    public const double LeftMargin = 250;
    public const double RightMargin = 44;

    private sealed record Panel(Plot Plot, double Weight, double Fixed, double GapAbove);

    private readonly Multiplot multiplot = new();
    private readonly List<Panel> panels = [];
    private readonly Plot header;
    private readonly Plot footer = new();
    private readonly List<LegendItem> legend = [];
    private readonly HashSet<Plot> bare = [];
    private readonly string title;
    private readonly string subtitle;
    private PixelRect[]? rects;
    private bool rendered;

    public Figure(ChartSize size, string title, string subtitle)
    {
        Size = size;
        Style = new ChartStyle(size);
        this.title = Markup.Clean(title);
        this.subtitle = Markup.Clean(subtitle);
        header = multiplot.GetPlot(0);
        multiplot.Layout = new StackLayout(this);
    }

    public ChartSize Size { get; }
    public ChartStyle Style { get; }

    /// <summary>The x range every panel shows (days since the run's start, for time charts).</summary>
    public (double Min, double Max) X { get; set; } = (0, 1);

    /// <summary>Labels and grid lines of a time axis; labels show under the last panel only. Without them the x axis gets ScottPlot's numeric ticks (a sweep's parameter, say).</summary>
    public TimeTicks? XTicks { get; set; }

    /// <summary>The x axis' name under the last panel (none for time axes, whose labels say what they are).</summary>
    public string? XLabel { get; set; }

    /// <summary>Small print under the chart (how long runs were aggregated, say); one line per <c>\n</c>.</summary>
    public string? Footnote { get; set; }

    /// <summary>The data panels, top to bottom.</summary>
    public IReadOnlyList<Plot> Panels => panels.Select(p => p.Plot).ToList();

    /// <summary>A panel that takes a share (<paramref name="weight"/>) of the height the fixed panels leave.</summary>
    public Plot AddPanel(double weight, string? yLabel, double gapAbove = 16) => Add(weight, 0, yLabel, gapAbove);

    /// <summary>A panel of a fixed height in design pixels (a lane of event rows).</summary>
    public Plot AddFixedPanel(double designHeight, string? yLabel, double gapAbove = 16) => Add(0, designHeight, yLabel, gapAbove);

    /// <summary>Adds an entry to the legend under the title.</summary>
    public void AddLegend(LegendItem item) => legend.Add(item);

    /// <summary>The legend's entries, in order.</summary>
    public IReadOnlyList<LegendItem> Legend => legend;

    private Plot Add(double weight, double fixedHeight, string? yLabel, double gapAbove)
    {
        if (rects is not null) throw new InvalidOperationException("panels are added before the figure is drawn");
        var plot = new Plot();
        multiplot.AddPlot(plot);
        panels.Add(new Panel(plot, weight, fixedHeight, gapAbove));
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.FrameLineStyle.Color = ChartPalette.Color(ChartPalette.Frame);
            axis.FrameLineStyle.Width = Style.Px(1.5);
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
            Style.Font(axis.Label, Style.AxisLabelSize, bold: true);
            Style.Font(axis.TickLabelStyle, Style.TextSize);
        }
        plot.Axes.Left.Label.Text = Markup.Clean(yLabel ?? "");
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.Grid.XAxisStyle.MinorLineStyle.Width = Style.Px(1);
        plot.Grid.XAxisStyle.MinorLineStyle.Color = ChartPalette.Color(ChartPalette.Grid);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = Style.Px(1);
        plot.Grid.YAxisStyle.MajorLineStyle.Color = ChartPalette.Color(ChartPalette.Grid);
        return plot;
    }

    /// <summary>Fixed y ticks on a panel's left axis, labelled as given.</summary>
    public static void YTicks(Plot plot, params (double Y, string Label)[] ticks)
    {
        var gen = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (y, label) in ticks) gen.AddMajor(y, Markup.Clean(label));
        plot.Axes.Left.TickGenerator = gen;
    }

    /// <summary>Makes a panel a plain strip: no frame, grid or ticks (for notes placed over the time axis).</summary>
    public void Bare(Plot plot)
    {
        bare.Add(plot);
        plot.Grid.IsVisible = false;
        foreach (var axis in plot.Axes.GetAxes()) axis.FrameLineStyle.Width = 0;
        YTicks(plot);
    }

    /// <summary>Hides the y grid of a panel (lanes of events).</summary>
    public static void NoYGrid(Plot plot) => plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;

    // ---- layout --------------------------------------------------------------------------------

    private float Left => Style.Px(LeftMargin);
    private float Right => Style.Px(RightMargin);
    private float AxisSpace => (XTicks is null ? Style.TextSize * 1.4f : Style.TextSize * 2.6f) + Style.Px(14) + (XLabel is null ? 0 : Style.AxisLabelSize * 1.4f);

    /// <summary>Places every subplot, once: header, panels (fixed heights first, the rest by weight), footer.</summary>
    private PixelRect[] Layout()
    {
        if (rects is not null) return rects;
        if (panels.Count == 0) throw new InvalidOperationException("a figure needs at least one panel");
        float w = Size.Width, h = Size.Height;
        float headerHeight = SetUpHeader(w);
        float footerHeight = SetUpFooter(w);
        float axis = AxisSpace;
        float gaps = panels.Skip(1).Sum(p => Style.Px(p.GapAbove));
        float fixedTotal = panels.Sum(p => Style.Px(p.Fixed));
        float free = Math.Max(0, h - headerHeight - footerHeight - axis - gaps - fixedTotal);
        double weights = Math.Max(1e-9, panels.Sum(p => p.Weight));

        var list = new List<PixelRect> { new(0, w, headerHeight, 0) };
        float y = headerHeight;
        for (int i = 0; i < panels.Count; i++)
        {
            var p = panels[i];
            if (i > 0) y += Style.Px(p.GapAbove);
            float height = p.Fixed > 0 ? Style.Px(p.Fixed) : (float)(free * p.Weight / weights);
            bool last = i == panels.Count - 1;
            // whole pixels, so neighbouring panels meet without anti-aliased seams
            float top = MathF.Round(y), bottom = MathF.Round(y + height + (last ? axis : 0));
            list.Add(new PixelRect(0, w, bottom, top));
            ConfigurePanel(p.Plot, last);
            y += height + (last ? axis : 0);
        }
        list.Add(new PixelRect(0, w, h, MathF.Round(y)));
        multiplot.AddPlot(footer);
        return rects = [.. list];
    }

    private void ConfigurePanel(Plot plot, bool last)
    {
        plot.Layout.Fixed(new PixelPadding(Left, Right, last ? AxisSpace : 0, 0));
        plot.Axes.SetLimitsX(X.Min, X.Max);
        if (XTicks is not null)
        {
            var gen = new ScottPlot.TickGenerators.NumericManual();
            if (last) foreach (var (x, label) in XTicks.Labels) gen.AddMajor(x, Markup.Clean(label));
            foreach (double x in XTicks.Grid) gen.AddMinor(x);
            // strong grid lines under everything else the panel draws
            foreach (double x in bare.Contains(plot) ? [] : XTicks.Strong)
                plot.MoveToBack(plot.Add.VerticalLine(x, Style.Px(1.5), ChartPalette.Color(ChartPalette.GridStrong)));
            plot.Axes.Bottom.TickGenerator = gen;
        }
        else
        {
            // numeric ticks, few enough to read from the back of the room, each with a light grid line
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TargetTickCount = 6, MinimumTickSpacing = Style.Px(120) };
            plot.Grid.XAxisStyle.MajorLineStyle.Width = Style.Px(1);
            plot.Grid.XAxisStyle.MajorLineStyle.Color = ChartPalette.Color(ChartPalette.Grid);
            plot.Grid.XAxisStyle.MinorLineStyle.Width = 0;
        }
        plot.Axes.Bottom.TickLabelStyle.IsVisible = last;
        plot.Axes.Bottom.Label.Text = last ? Markup.Clean(XLabel ?? "") : "";
        plot.Axes.Bottom.Label.IsVisible = last && XLabel is not null;
    }

    /// <summary>Title, subtitle and legend in the header; returns its height.</summary>
    private float SetUpHeader(float width)
    {
        Blank(header);
        float pad = Style.Px(14);
        float y = pad;
        // A title too wide for one line (a what-if with several changes) takes a second, broken at " — " or a space,
        // so every change stays on the slide; only what does not fit two lines is cut.
        foreach (string line in TitleLines(title, width - Left - Right))
        {
            TextAt(header, line, y, Style.TitleSize, bold: true, ChartPalette.Ink, width);
            y += Style.TitleSize * 1.3f;
        }
        if (subtitle.Length > 0)
        {
            TextAt(header, subtitle, y, Style.SubtitleSize, bold: false, ChartPalette.Frame, width);
            y += Style.SubtitleSize * 1.4f;
        }

        var lg = header.Legend;
        lg.IsVisible = legend.Count > 0;
        lg.ManualItems.Clear();
        lg.ManualItems.AddRange(legend);
        lg.DisplayPlottableLegendItems = false;
        lg.Orientation = Orientation.Horizontal;
        lg.TightHorizontalWrapping = true;
        lg.Alignment = Alignment.LowerLeft; // a top margin past the middle would be clamped (PixelRect.Contract)
        lg.OutlineWidth = 0;
        lg.ShadowColor = Colors.Transparent;
        lg.BackgroundColor = Colors.Transparent;
        lg.SymbolWidth = Style.Px(40);
        lg.SymbolHeight = Style.Px(22);
        lg.SymbolPadding = Style.Px(10);
        lg.InterItemPadding = new PixelPadding(Style.Px(10), Style.Px(30), Style.Px(4), Style.Px(6));
        lg.Padding = new PixelPadding(0);
        float legendHeight = 0;
        if (legend.Count > 0)
        {
            using var paint = Paint.NewDisposablePaint();
            legendHeight = lg.GetLayout(new PixelSize(width - Left - Right, Size.Height), paint).LegendRect.Height;
        }
        lg.Margin = new PixelPadding(Left, Right, pad, 0); // ScottPlot's order: left, right, bottom, top
        float total = y + Style.Px(4) + legendHeight + pad;
        header.Axes.SetLimits(0, width, total, 0); // pixel coordinates, y down
        return MathF.Ceiling(total);
    }

    private float SetUpFooter(float width)
    {
        Blank(footer);
        float height = Style.Px(10);
        if (Footnote is { Length: > 0 } note)
        {
            TextAt(footer, Markup.Clean(note), Style.Px(4), Style.SmallSize, bold: false, ChartPalette.Frame);
            height = Style.SmallSize * 1.25f * note.Split('\n').Length + Style.Px(14);
        }
        footer.Axes.SetLimits(0, width, height, 0);
        return MathF.Ceiling(height);
    }

    /// <summary>A plot without axes, frame or grid: the header and the footer, whose axes are pixels.</summary>
    private static void Blank(Plot plot)
    {
        plot.Layout.Fixed(new PixelPadding(0));
        plot.Axes.Frameless();
        plot.Grid.IsVisible = false;
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
    }

    /// <summary>A line of text at the left margin, its top at <paramref name="y"/> pixels, cut with "…" where it would run past
    /// the right margin (a what-if's title with several changes; the SVG's &lt;title&gt; keeps the whole).</summary>
    private void TextAt(Plot plot, string text, float y, float size, bool bold, string color, float? width = null)
    {
        var t = plot.Add.Text(text, Left, y);
        Style.Font(t.LabelStyle, size, bold, color);
        t.LabelStyle.Alignment = Alignment.UpperLeft;
        if (width is null) return; // a footnote: several lines, written to fit
        t.LabelText = Fit(t.LabelStyle, text, width.Value - Left - Right);
    }

    /// <summary>The title as one line, or as two when one is too wide: broken at the last " — " or else the last space that fits.</summary>
    private string[] TitleLines(string text, float room)
    {
        var style = Style.Label(Style.TitleSize, bold: true);
        if (Measure(style, text) <= room) return [text];
        int dash = text.LastIndexOf(" — ", StringComparison.Ordinal);
        if (dash > 0 && Measure(style, text[..dash]) <= room) return [text[..dash], text[(dash + 1)..]];
        for (int i = text.LastIndexOf(' '); i > 0; i = text.LastIndexOf(' ', i - 1))
            if (Measure(style, text[..i]) <= room) return [text[..i], text[(i + 1)..]];
        return [text];
    }

    /// <summary>How wide <paramref name="text"/> is in pixels as <paramref name="style"/> draws it.</summary>
    public static float Measure(LabelStyle style, string text)
    {
        using var paint = Paint.NewDisposablePaint();
        string kept = style.Text;
        style.Text = text;
        float width = style.Measure(paint).Width;
        style.Text = kept;
        return width;
    }

    /// <summary><paramref name="text"/> as <paramref name="style"/> draws it, cut with "…" to at most <paramref name="room"/> pixels wide.</summary>
    public static string Fit(LabelStyle style, string text, float room)
    {
        string fitted = text;
        for (string cut = text; cut.Length > 1 && Measure(style, fitted) > room;)
        {
            cut = cut[..^1].TrimEnd();
            fitted = cut + "…";
        }
        return fitted;
    }

    /// <summary>The title's and subtitle's lines as drawn, after a render (for tests).</summary>
    public IEnumerable<ScottPlot.Plottables.Text> HeaderTexts() => header.GetPlottables().OfType<ScottPlot.Plottables.Text>();

    /// <summary>Where each data panel's data area was drawn, after a render (for tests and for placing notes).</summary>
    public PixelRect DataRect(Plot panel) => panel.RenderManager.LastRender.DataRect;

    // ---- output --------------------------------------------------------------------------------

    /// <summary>
    /// A chart as SVG and PNG, from one figure. (Drawing the two on two threads, from two figures,
    /// was measured: it cost more processor time than it saved on a shared 2-core machine.)
    /// </summary>
    public (string Svg, byte[] Png) ToSvgAndPng(string id)
    {
        byte[] png = ToPng();
        return (ToSvg(id), png);
    }

    /// <summary>
    /// Draws a small chart with the parts the real ones use and throws it away, so that the
    /// just-in-time compiler has ScottPlot's and SkiaSharp's code ready (about a quarter of a second
    /// on this machine kind) while the caller does something else, such as simulating.
    /// </summary>
    public static void WarmUp()
    {
        var f = new Figure(new ChartSize(MinSize.Width, MinSize.Height), "warm-up", "a chart nobody sees");
        f.XTicks = TimeAxis.Ticks(new DateTime(2026, 1, 3), 48, 400);
        f.X = (0, 2);
        var p = f.AddPanel(1, "y");
        p.Add.ScatterLine(new double[] { 0, 1, 2 }, new double[] { 0, 1, 0 });
        p.Add.HorizontalSpan(0.2, 0.4, ChartPalette.Color(ChartPalette.Leisure, 0.5));
        p.Add.Markers(new double[] { 0.5 }, new double[] { 0.5 }, ScottPlot.MarkerShape.FilledTriangleUp, 10, Colors.Black);
        p.Add.FillY(new double[] { 0, 1 }, new double[] { 0, 1 }, new double[] { 1, 1 });
        YTicks(p, (0, "0"), (1, "1"));
        f.AddLegend(f.Style.LineItem("line", ChartPalette.Ink, 2));
        f.ToPng();
        f.ToSvg("warm-up");
    }

    private static readonly ChartSize MinSize = new(ChartSize.MinWidth, ChartSize.MinHeight);

    /// <summary>The chart as a PNG image.</summary>
    public byte[] ToPng()
    {
        Prepare();
        using var surface = SKSurface.Create(new SKImageInfo(Size.Width, Size.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot draw a {Size} image");
        Render(surface.Canvas);
        using var pixels = surface.PeekPixels() ?? throw new InvalidOperationException("the chart bitmap has no pixels");
        // zlib level 3 with the Up filter: a third of the default's time for a file a few per cent larger
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 3)) ?? throw new InvalidOperationException("the chart could not be encoded as PNG");
        return data.ToArray();
    }

    /// <summary>
    /// Lays every plot out once on a canvas that draws nothing. ScottPlot renders a plot again when
    /// its axis limits changed since its last render, and a plot never rendered always has: on an
    /// SVG canvas that would leave every element in the file twice, and on a bitmap it costs a
    /// second full drawing.
    /// </summary>
    private void Prepare()
    {
        if (rendered) return;
        using var nothing = new SKNoDrawCanvas(Size.Width, Size.Height);
        Render(nothing);
        rendered = true;
    }

    /// <summary>
    /// The chart as an SVG document: a white background, a view box (so it scales in a page), the
    /// font named with fall-backs, and clip-path ids numbered from 1 with <paramref name="id"/> before
    /// them (ScottPlot's SVG numbers them from a process-wide counter, so two renders would differ).
    /// </summary>
    public string ToSvg(string id)
    {
        Prepare();
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Size.Width, Size.Height), stream))
            Render(canvas);
        return NormaliseSvg(Encoding.UTF8.GetString(stream.ToArray()), id, title);
    }

    /// <summary>Draws every subplot in its place. Multiplot.Render would do the same but first clears the canvas, which an SVG canvas writes as a black rectangle under the figure.</summary>
    private void Render(SKCanvas canvas)
    {
        var figure = Layout();
        using (var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
            canvas.DrawRect(0, 0, Size.Width, Size.Height, white);
        var plots = multiplot.Subplots.GetPlots();
        for (int i = 0; i < plots.Length; i++)
        {
            plots[i].RenderManager.ClearCanvasBeforeEachRender = false;
            plots[i].Render(canvas, figure[i]);
        }
    }

    [GeneratedRegex(@"\b(id=""|url\(#)cl_([0-9A-Fa-f]+)")]
    private static partial Regex ClipId();

    [GeneratedRegex(@" (x|y)=""([^""]*), """)]
    private static partial Regex GlyphList();

    /// <summary>Makes SkiaSharp's SVG stable and portable (see <see cref="ToSvg"/>).</summary>
    internal static string NormaliseSvg(string svg, string id, string title)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        svg = ClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Groups[2].Value, out int n)) ids[m.Groups[2].Value] = n = ids.Count + 1;
            return $"{m.Groups[1].Value}{id}-clip-{n.ToString(CultureInfo.InvariantCulture)}";
        });
        // per-glyph positions end in ", " (Firefox then shifts the text); a plain list of numbers
        svg = GlyphList().Replace(svg, m => $" {m.Groups[1].Value}=\"{m.Groups[2].Value.Replace(",", "", StringComparison.Ordinal)}\"");
        svg = svg.Replace($"font-family=\"{ChartStyle.FontName}\"", $"font-family=\"{ChartStyle.FontName}, Verdana, sans-serif\"", StringComparison.Ordinal);
        // A bitmap in a chart is a heatmap's grid, one pixel a cell, scaled up: a browser would smooth it into a gradient
        // that bleeds across the cells' borders (the PNG draws them crisp).
        svg = svg.Replace("<image ", "<image style=\"image-rendering:pixelated\" ", StringComparison.Ordinal);
        int root = svg.IndexOf("<svg ", StringComparison.Ordinal);
        int close = svg.IndexOf('>', root);
        string open = svg[root..close];
        string size = FormattableString.Invariant($" viewBox=\"0 0 {(int)Math.Round(ReadNumber(open, "width"))} {(int)Math.Round(ReadNumber(open, "height"))}\"");
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + open + size + $" id=\"{Markup.Escape(id)}\" role=\"img\">\n<title>{Markup.Escape(title)}</title>" + svg[(close + 1)..];
    }

    private static double ReadNumber(string tag, string attribute)
    {
        var m = Regex.Match(tag, $@"\b{attribute}=""([0-9.]+)""");
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Lays the subplots out as the figure computed.</summary>
    private sealed class StackLayout(Figure figure) : IMultiplotLayout
    {
        public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect) => figure.Layout();
    }
}
