namespace Simulation.Reports.Svg;

/// <summary>
/// Okabe and Ito's colour-blind-safe palette (2008), the colours the charts use.
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
    public const string Grey = "#6B6B6B";

    /// <summary>Colours for partners in scenario order (the first two are the most distinct pair).</summary>
    public static IReadOnlyList<string> Partners { get; } = [Vermillion, Blue, ReddishPurple, BluishGreen, Orange, SkyBlue];

    /// <summary>The colour of the partner at <paramref name="index"/> in scenario order.</summary>
    public static string Partner(int index) => Partners[index % Partners.Count];
}
