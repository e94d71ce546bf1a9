using System.Numerics;
using System.Runtime.CompilerServices;

namespace Simulation.Model;

/// <summary>
/// xoshiro256** — a small, fast generator with a fixed algorithm, so a seed gives the same stream
/// on every machine and .NET version (System.Random promises neither).
/// </summary>
public struct Rng // its draws are inlined: a partner-hour takes half a dozen
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        _s0 = SplitMix(ref seed); _s1 = SplitMix(ref seed); _s2 = SplitMix(ref seed); _s3 = SplitMix(ref seed);
    }

    /// <summary>The generator's whole state, so a stream can go on elsewhere (a branched run, another process).</summary>
    public readonly (ulong S0, ulong S1, ulong S2, ulong S3) State => (_s0, _s1, _s2, _s3);

    /// <summary>A generator that goes on from <paramref name="state"/> (see <see cref="State"/>).</summary>
    public static Rng FromState((ulong S0, ulong S1, ulong S2, ulong S3) state)
    {
        var rng = default(Rng);
        (rng._s0, rng._s1, rng._s2, rng._s3) = state;
        return rng;
    }

    /// <summary>The stream for one actor of a run: depends only on the run seed and the actor's id.</summary>
    public static Rng For(ulong runSeed, string actorId)
    {
        ulong h = 14695981039346656037UL; // FNV-1a over the id
        foreach (char ch in actorId) { h ^= ch; h *= 1099511628211UL; }
        return new Rng(runSeed ^ (h * 0x9E3779B97F4A7C15UL));
    }

    /// <summary>Uniform in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>
    /// Bell-shaped noise with mean 0 and SD 1: four 16-bit uniforms from one draw, summed (Irwin–Hall)
    /// and scaled, so bounded by ±√12 ≈ 3.46. Enough for the model's small noise terms, from integer
    /// arithmetic (no platform log or cos) and one draw per value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextNoise()
    {
        ulong x = Next();
        double sum = (double)((x & 0xFFFF) + (x >> 16 & 0xFFFF) + (x >> 32 & 0xFFFF) + (x >> 48));
        return (sum - 4 * 32767.5) * NoiseScale;
    }

    private const double NoiseScale = 1.7320508075688772 / 65536; // √3 / 2^16: one 16-bit uniform has SD ≈ 2^16/√12

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next()
    {
        // On locals: the state lives in a heap object, and xor-ing its fields in place chains each step
        // through memory (the generator was the slowest part of a partner-hour).
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        // BitOperations' rotation is an intrinsic (one instruction). A rotation of our own was a call in
        // PartnerMind.Decide, which inlines so much that the JIT stopped inlining there: two calls a draw.
        ulong result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t; s3 = BitOperations.RotateLeft(s3, 45);
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
