using System.Collections.Immutable;

namespace Simulation.Model;

/// <summary>A partner as the run resolved them: the spec and the parameters actually used.</summary>
public sealed record ResolvedPartner(PartnerSpec Spec, PartnerParameters Parameters)
{
    /// <summary>Adult attachment style name from the two axes (midpoint 4 on the ECR-R scale).</summary>
    public string StyleName => AttachmentStyle.Name(Spec.Anxiety, Spec.Avoidance);
}

/// <summary>Style names from ECR-R scores.</summary>
public static class AttachmentStyle
{
    /// <summary>secure, preoccupied, dismissing or fearful (scores above 4 count as high).</summary>
    public static string Name(double anxiety, double avoidance) => (anxiety > 4, avoidance > 4) switch
    {
        (false, false) => "secure",
        (true, false) => "preoccupied",
        (false, true) => "dismissing",
        (true, true) => "fearful",
    };

    /// <summary>Hendrix' term: maximiser (anxious), minimiser (avoidant), swings between both (fearful), or none.</summary>
    public static string Hendrix(double anxiety, double avoidance) => (anxiety > 4, avoidance > 4) switch
    {
        (false, false) => "neither",
        (true, false) => "maximiser",
        (false, true) => "minimiser",
        (true, true) => "swings between both",
    };
}

/// <summary>A finished run: the spec, the resolved partners, one record per hour and the events.</summary>
public sealed record RunResult(
    CoupleSpec Spec,
    ImmutableArray<ResolvedPartner> Partners,
    Timeline Timeline,
    ImmutableArray<SimEvent> Events);
