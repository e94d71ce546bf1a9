using System.Globalization;
using System.Text;

namespace Simulation.Reports.Svg;

/// <summary>Stable, culture-independent number and text formatting for SVG and HTML output.</summary>
public static class SvgFormat
{
    /// <summary>A coordinate with at most two decimals, no trailing zeros, never "-0".</summary>
    public static string Num(double value, int decimals = 2)
    {
        double r = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (r == 0) r = 0; // folds -0 into 0
        return r.ToString(decimals == 2 ? TwoDecimals : "0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    private const string TwoDecimals = "0.##"; // every coordinate: not rebuilt per call

    /// <summary>Escapes text for XML element content and attribute values.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text; // most text, and every coordinate list
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Rough width of a label in pixels (sans-serif average), used for layout only.</summary>
    public static double TextWidth(string text, double fontSize) => text.Length * fontSize * 0.56;
}
