namespace Simulation.Reports.Charts;

/// <summary>
/// Okabe and Ito's colour-blind-safe palette (2008), the hues every chart is built from.
/// </summary>
public static class OkabeIto
{
    public const string Black = "#000000";
    public const string Orange = "#E69F00";
    public const string SkyBlue = "#56B4E9";
    public const string BluishGreen = "#009E73";
    public const string Yellow = "#F0E442";
    public const string Blue = "#0072B2";
    public const string Vermillion = "#D55E00";
    public const string ReddishPurple = "#CC79A7";
}

/// <summary>
/// What each colour means on the static charts (and, through <c>/api/visual</c>, on the workshop page).
/// The schedule bands, the what-if differences and the partners each have a hue of their own, so no
/// two meanings share a colour; band and difference tints are laid over white at the opacities below,
/// chosen so that they also differ in lightness when printed in grey (leisure 232, work 221,
/// sleep 217, stress 176; B closer 210, B further apart 182, on a 0–255 grey scale).
/// </summary>
public static class ChartPalette
{
    /// <summary>Text, the closeness line and run A of a comparison.</summary>
    public const string Ink = OkabeIto.Black;

    /// <summary>Panel frames, zero lines and secondary text.</summary>
    public const string Frame = "#4D4D4D";

    /// <summary>Light grid lines (midnights, month starts).</summary>
    public const string Grid = "#D0D0D0";

    /// <summary>Strong grid lines (week and year starts).</summary>
    public const string GridStrong = "#8C8C8C";

    /// <summary>Partners in scenario order: the two most distinct hues of the palette, also apart in grey.</summary>
    public static IReadOnlyList<string> Partners { get; } = [OkabeIto.Vermillion, OkabeIto.Blue];

    /// <summary>The colour of the partner at <paramref name="index"/> in scenario order.</summary>
    public static string Partner(int index) => Partners[index % Partners.Count];

    // Schedule bands.
    public const string Leisure = OkabeIto.Yellow;
    public const double LeisureAlpha = 0.55;
    public const string Work = OkabeIto.SkyBlue;
    public const double WorkAlpha = 0.35;
    public const string Sleep = "#7F7F7F";
    public const double SleepAlpha = 0.30;
    public const string Stress = OkabeIto.Orange;
    public const double StressAlpha = 0.85;

    /// <summary>While a partner is withdrawn (a bar in their lane).</summary>
    public const string Withdrawn = "#333333";

    // What-if comparisons: the second run and which way it differs.
    public const string RunA = Ink;
    public const string RunB = "#332288";
    public const string Closer = OkabeIto.BluishGreen;
    public const double CloserAlpha = 0.30;
    public const string FurtherApart = OkabeIto.ReddishPurple;
    public const double FurtherApartAlpha = 0.70;

    /// <summary>A palette colour as ScottPlot's colour, at an opacity.</summary>
    public static ScottPlot.Color Color(string hex, double alpha = 1) => ScottPlot.Color.FromHex(hex).WithOpacity(alpha);
}
