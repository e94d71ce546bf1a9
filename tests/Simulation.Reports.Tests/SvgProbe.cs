using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ScottPlot;

namespace Simulation.Reports.Tests;

/// <summary>
/// Reads what a ScottPlot SVG drew, as geometry: SkiaSharp's SVG canvas wraps each plottable in a
/// group clipped to its panel's data area, so a shape is found by the panel it was clipped to, and
/// its points are read back into data coordinates through that panel's axes (points, not pixels).
/// </summary>
internal sealed partial class SvgProbe
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>A drawn element with the data area it was clipped to and its bounding box.</summary>
    public sealed record Shape(XElement Element, PixelRect Clip, double MinX, double MinY, double MaxX, double MaxY)
    {
        public double Cx => (MinX + MaxX) / 2;
        public double Cy => (MinY + MaxY) / 2;
        public double Width => MaxX - MinX;
        public string? Attr(string name) => (string?)Element.Attribute(name);
    }

    public XDocument Doc { get; }
    public IReadOnlyList<Shape> Shapes { get; }

    public SvgProbe(string svg)
    {
        Doc = XDocument.Parse(svg);
        var clips = Doc.Descendants(Ns + "clipPath").ToDictionary(c => (string)c.Attribute("id")!, c => Rect(c.Element(Ns + "rect")!));
        var shapes = new List<Shape>();
        foreach (var g in Doc.Descendants(Ns + "g"))
        {
            var m = ClipRef().Match((string?)g.Attribute("clip-path") ?? "");
            if (!m.Success) continue;
            var clip = clips[m.Groups[1].Value];
            foreach (var e in g.Elements())
                if (Box(e) is { } b) shapes.Add(new Shape(e, clip, b.X0, b.Y0, b.X1, b.Y1));
        }
        Shapes = shapes;
    }

    /// <summary>Shapes clipped to <paramref name="dataRect"/> (a panel's data area after the render).</summary>
    public IEnumerable<Shape> In(PixelRect dataRect) =>
        Shapes.Where(s => Math.Abs(s.Clip.Left - dataRect.Left) < 0.6 && Math.Abs(s.Clip.Top - dataRect.Top) < 0.6
                          && Math.Abs(s.Clip.Width - dataRect.Width) < 0.6 && Math.Abs(s.Clip.Height - dataRect.Height) < 0.6);

    /// <summary>Stroked paths (lines) in a panel with this stroke colour.</summary>
    public IEnumerable<Shape> Lines(PixelRect dataRect, string stroke) =>
        In(dataRect).Where(s => s.Element.Name == Ns + "path" && string.Equals(s.Attr("stroke"), stroke, StringComparison.OrdinalIgnoreCase) && s.Attr("fill") == "none");

    /// <summary>The vertices of a path's d attribute, in pixels.</summary>
    public static List<(double X, double Y)> Points(Shape path)
    {
        var nums = Number().Matches((string)path.Element.Attribute("d")!).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        return Enumerable.Range(0, nums.Count / 2).Select(i => (nums[2 * i], nums[2 * i + 1])).ToList();
    }

    /// <summary>A path's vertices in the data coordinates of <paramref name="plot"/> (after it was rendered).</summary>
    public static List<(double X, double Y)> DataPoints(Shape path, Plot plot) =>
        Points(path).Select(p => plot.GetCoordinates(new Pixel(p.X, p.Y))).Select(c => (c.X, c.Y)).ToList();

    /// <summary>All text drawn, in document order (a multi-line label gives one text per line).</summary>
    public IEnumerable<string> Texts => Doc.Descendants(Ns + "text").Select(t => t.Value.Trim());

    private static PixelRect Rect(XElement r)
    {
        double D(string a) => double.Parse((string?)r.Attribute(a) ?? "0", CultureInfo.InvariantCulture);
        return new PixelRect((float)D("x"), (float)(D("x") + D("width")), (float)(D("y") + D("height")), (float)D("y"));
    }

    private static (double X0, double Y0, double X1, double Y1)? Box(XElement e)
    {
        double D(string a) => double.Parse((string?)e.Attribute(a) ?? "0", CultureInfo.InvariantCulture);
        switch (e.Name.LocalName)
        {
            case "rect": return (D("x"), D("y"), D("x") + D("width"), D("y") + D("height"));
            case "ellipse": return (D("cx") - D("rx"), D("cy") - D("ry"), D("cx") + D("rx"), D("cy") + D("ry"));
            case "circle": return (D("cx") - D("r"), D("cy") - D("r"), D("cx") + D("r"), D("cy") + D("r"));
            case "path":
                var nums = Number().Matches((string?)e.Attribute("d") ?? "").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
                if (nums.Count < 2) return null;
                var xs = nums.Where((_, i) => i % 2 == 0).ToList();
                var ys = nums.Where((_, i) => i % 2 == 1).ToList();
                return (xs.Min(), ys.Min(), xs.Max(), ys.Max());
            default: return null;
        }
    }

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex ClipRef();

    [GeneratedRegex(@"-?\d+(\.\d+)?(e-?\d+)?")]
    private static partial Regex Number();
}
