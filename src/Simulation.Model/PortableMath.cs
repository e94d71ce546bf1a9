using System.Runtime.CompilerServices;

namespace Simulation.Model;

/// <summary>
/// The two transcendental functions the model needs, from + − × ÷ only. .NET's <c>Math.Tanh</c> and
/// <c>Math.Exp</c> call the platform's C library, whose last bits differ between Linux, Windows and
/// macOS; these give the same bits everywhere (same seed → same run on every machine), and the tanh
/// is several times faster, which matters once per partner per hour.
/// </summary>
public static class PortableMath
{
    /// <summary>
    /// tanh as its [7/6] Padé approximant, within 1e-4 of the true value, odd, non-decreasing and
    /// bounded by ±1 (the approximant overshoots 1 past |x| ≈ 4.97, so it is clamped there).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double x)
    {
        if (x > 4.97) return 1;
        if (x < -4.97) return -1;
        double x2 = x * x;
        double t = x * (135135 + x2 * (17325 + x2 * (378 + x2))) / (135135 + x2 * (62370 + x2 * (3150 + 28 * x2)));
        return Math.Clamp(t, -1, 1);
    }

    /// <summary>e^x for −8 ≤ x ≤ 8 to about 5e-13 relative: a Taylor series at x/16, squared four times.</summary>
    public static double Exp(double x)
    {
        if (x is < -8 or > 8) throw new ArgumentOutOfRangeException(nameof(x), x, "PortableMath.Exp covers −8…8");
        double r = x / 16, term = 1, sum = 1;
        for (int k = 1; k <= 12; k++) { term *= r / k; sum += term; }
        sum *= sum; sum *= sum; sum *= sum; sum *= sum;
        return sum;
    }
}
