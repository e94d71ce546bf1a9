using ScottPlot;

namespace Simulation.Reports.Charts;

/// <summary>
/// The type and line sizes of every chart, for a room: at 1920×1080 no text is under 19 px, lines
/// are 2.5–4 px. Every label gets its font here by name, so a chart never depends on ScottPlot's
/// process-wide <see cref="Fonts.Default"/> (which starts as "DejaVu Serif" on Linux and is changed
/// by anything that calls <c>plot.Font.Set</c>).
/// </summary>
public sealed class ChartStyle(ChartSize size)
{
    /// <summary>Installed with every Debian/Ubuntu machine of this kind; the SVG names Verdana and sans-serif after it for viewers without it.</summary>
    public const string FontName = "DejaVu Sans";

    public ChartSize Size { get; } = size;

    /// <summary>A length of the 1920×1080 design at this size.</summary>
    public float Px(double design) => (float)(design * Size.Scale);

    public float TitleSize => Px(38);
    public float SubtitleSize => Px(24);
    /// <summary>Tick labels and legend entries.</summary>
    public float TextSize => Px(22);
    public float AxisLabelSize => Px(24);
    /// <summary>Lane row names and the footnote: the smallest text, 19 px at 1920×1080.</summary>
    public float SmallSize => Px(19);
    public float LineWidth => Px(3);

    /// <summary>Sets a label's font by name (and clears a typeface ScottPlot may have copied from its defaults).</summary>
    public void Font(LabelStyle label, float size, bool bold = false, string color = ChartPalette.Ink)
    {
        label.Font = null;
        label.FontName = FontName;
        label.FontSize = size;
        label.Bold = bold;
        label.ForeColor = ChartPalette.Color(color);
    }

    /// <summary>A free-standing label style in the chart's font, for measuring text before it is placed.</summary>
    public LabelStyle Label(float size, bool bold = false)
    {
        var label = new LabelStyle();
        Font(label, size, bold);
        return label;
    }

    /// <summary>A legend entry for a line.</summary>
    public LegendItem LineItem(string label, string color, double width, LinePattern? pattern = null) => Item(label, i =>
    {
        i.LineColor = ChartPalette.Color(color);
        i.LineWidth = (float)width;
        i.LinePattern = pattern ?? LinePattern.Solid;
    });

    /// <summary>A legend entry for a marker without a line (an open ring on a map).</summary>
    public LegendItem MarkerItem(string label, string color, ScottPlot.MarkerShape shape) => Item(label, i =>
    {
        i.LineWidth = 0;
        i.MarkerShape = shape;
        i.MarkerSize = Px(22);
        i.MarkerLineColor = ChartPalette.Color(color);
        i.MarkerLineWidth = Px(4);
    });

    /// <summary>A legend entry for a shaded band, as the band looks over white.</summary>
    public LegendItem SwatchItem(string label, string color, double alpha) => Item(label, i =>
    {
        i.FillColor = ChartPalette.Color(color, alpha);
        i.OutlineColor = ChartPalette.Color(ChartPalette.Frame);
        i.OutlineWidth = 1;
    });

    private LegendItem Item(string label, Action<LegendItem> style)
    {
        var item = new LegendItem { LabelText = Markup.Clean(label) };
        Font(item.LabelStyle, TextSize);
        style(item);
        return item;
    }
}
