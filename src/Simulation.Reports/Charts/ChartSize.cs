using System.Globalization;

namespace Simulation.Reports.Charts;

/// <summary>
/// The pixel size of an exported chart (PNG, and the SVG's view box). Charts are designed at
/// 1920×1080, a projector's full HD; other sizes scale text, lines and margins with <see cref="Scale"/>.
/// </summary>
public readonly record struct ChartSize(int Width, int Height)
{
    public const int DesignWidth = 1920;
    public const int DesignHeight = 1080;
    public const int MinWidth = 800, MinHeight = 450, MaxWidth = 7680, MaxHeight = 4320;

    public static ChartSize Default { get; } = new(DesignWidth, DesignHeight);

    /// <summary>How much larger or smaller than the 1920×1080 design everything is drawn.</summary>
    public double Scale => Math.Min(Width / (double)DesignWidth, Height / (double)DesignHeight);

    public override string ToString() => $"{Width}x{Height}";

    /// <summary>Reads <c>WIDTHxHEIGHT</c> (e.g. <c>1920x1080</c>); on failure <paramref name="error"/> says why in a user's words.</summary>
    public static bool TryParse(string? text, out ChartSize size, out string error)
    {
        size = Default;
        error = "";
        string t = (text ?? "").Trim();
        int x = t.IndexOfAny(['x', 'X', '×']);
        if (x <= 0 || x == t.Length - 1
            || !int.TryParse(t.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            || !int.TryParse(t.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int h))
        {
            error = $"`{text}` is not a size: write WIDTHxHEIGHT in pixels, e.g. 1920x1080";
            return false;
        }
        if (w < MinWidth || h < MinHeight || w > MaxWidth || h > MaxHeight)
        {
            error = $"`{text}` is outside {MinWidth}x{MinHeight} to {MaxWidth}x{MaxHeight} pixels (smaller charts cannot be read, larger ones take too long to draw)";
            return false;
        }
        size = new ChartSize(w, h);
        return true;
    }
}
