using System.Collections.Immutable;
using Simulation.Model;

namespace Simulation.Grains.Serialization;

// Orleans surrogates for what a fork copies and what a run gives back (see HourSurrogates.cs for why surrogates).

[GenerateSerializer, Alias("couplesim.Rng")]
public struct RngSurrogate
{
    [Id(0)] public ulong S0;
    [Id(1)] public ulong S1;
    [Id(2)] public ulong S2;
    [Id(3)] public ulong S3;
}

[RegisterConverter]
public sealed class RngConverter : IConverter<Rng, RngSurrogate>
{
    public Rng ConvertFromSurrogate(in RngSurrogate s) => Rng.FromState((s.S0, s.S1, s.S2, s.S3));

    public RngSurrogate ConvertToSurrogate(in Rng rng)
    {
        var (s0, s1, s2, s3) = rng.State;
        return new() { S0 = s0, S1 = s1, S2 = s2, S3 = s3 };
    }
}

[GenerateSerializer, Alias("couplesim.PartnerMindState")]
public struct PartnerMindStateSurrogate
{
    [Id(0)] public PartnerSpec Spec;
    [Id(1)] public string PartnerId;
    [Id(2)] public double AnxietyNow;
    [Id(3)] public double Stance;
    [Id(4)] public double Distress;
    [Id(5)] public double Engulfment;
    [Id(6)] public double Hurt;
    [Id(7)] public bool Withdrawn;
    [Id(8)] public bool TurnedAwayInAnger;
    [Id(9)] public double ExpectedAnswer;
    [Id(10)] public double ExpectedAnswerLong;
    [Id(11)] public int Unanswered;
    [Id(12)] public int AngryHours;
    [Id(13)] public int RepairWindow;
    [Id(14)] public int CallbackDue;
    [Id(15)] public double AngerStrength;
    [Id(16)] public double Awareness;
    [Id(17)] public bool FlightMode;
    [Id(18)] public Rng Random;
    [Id(19)] public double DerivedAnxiety;
    [Id(20)] public double Ease;
    [Id(21)] public int RestHours;
    [Id(22)] public int InconsolableHours;
    [Id(23)] public bool SentAway;
    [Id(24)] public bool Reachable;
    [Id(25)] public double Practice;
    [Id(26)] public double Experience;
}

[RegisterConverter]
public sealed class PartnerMindStateConverter : IConverter<PartnerMindState, PartnerMindStateSurrogate>
{
    public PartnerMindState ConvertFromSurrogate(in PartnerMindStateSurrogate s) => new(
        s.Spec, s.PartnerId, s.AnxietyNow, s.Stance, s.Distress, s.Engulfment, s.Hurt, s.Withdrawn, s.TurnedAwayInAnger,
        s.ExpectedAnswer, s.ExpectedAnswerLong, s.Unanswered, s.AngryHours, s.RepairWindow, s.CallbackDue, s.AngerStrength,
        s.Awareness, s.FlightMode, s.Random, s.DerivedAnxiety, s.Ease, s.RestHours,
        s.InconsolableHours, s.SentAway, s.Reachable, s.Practice, s.Experience);

    public PartnerMindStateSurrogate ConvertToSurrogate(in PartnerMindState m) => new()
    {
        Spec = m.Spec, PartnerId = m.PartnerId, AnxietyNow = m.AnxietyNow, Stance = m.Stance, Distress = m.Distress,
        Engulfment = m.Engulfment, Hurt = m.Hurt, Withdrawn = m.Withdrawn, TurnedAwayInAnger = m.TurnedAwayInAnger,
        ExpectedAnswer = m.ExpectedAnswer, ExpectedAnswerLong = m.ExpectedAnswerLong, Unanswered = m.Unanswered,
        AngryHours = m.AngryHours, RepairWindow = m.RepairWindow, CallbackDue = m.CallbackDue, AngerStrength = m.AngerStrength,
        Awareness = m.Awareness, FlightMode = m.FlightMode, Random = m.Random, DerivedAnxiety = m.DerivedAnxiety,
        Ease = m.Ease, RestHours = m.RestHours,
        InconsolableHours = m.InconsolableHours, SentAway = m.SentAway, Reachable = m.Reachable, Practice = m.Practice, Experience = m.Experience,
    };
}

[GenerateSerializer, Alias("couplesim.RelationshipState")]
public struct RelationshipStateSurrogate
{
    [Id(0)] public int Tick;
    [Id(1)] public double Closeness;
    [Id(2)] public Rng Random;
    [Id(3)] public ImmutableArray<PartnerView> Views;
    [Id(4)] public ImmutableArray<Intervention> Interventions;
}

[RegisterConverter]
public sealed class RelationshipStateConverter : IConverter<RelationshipState, RelationshipStateSurrogate>
{
    public RelationshipState ConvertFromSurrogate(in RelationshipStateSurrogate s) => new(s.Tick, s.Closeness, s.Random, s.Views, s.Interventions);

    public RelationshipStateSurrogate ConvertToSurrogate(in RelationshipState r) =>
        new() { Tick = r.Tick, Closeness = r.Closeness, Random = r.Random, Views = r.Views, Interventions = r.Interventions };
}

/// <summary>A timeline as its columns: the closeness per hour, and both partners' snapshots per hour, side by side.</summary>
[GenerateSerializer, Alias("couplesim.Timeline")]
public struct TimelineSurrogate
{
    [Id(0)] public DateTime Start;
    [Id(1)] public double[] Closeness;
    [Id(2)] public PartnerSnapshot[] Partners;
}

[RegisterConverter]
public sealed class TimelineConverter : IConverter<Timeline, TimelineSurrogate>
{
    public Timeline ConvertFromSurrogate(in TimelineSurrogate s)
    {
        if (s.Partners.Length != 2 * s.Closeness.Length)
            throw new ArgumentException($"a timeline of {s.Closeness.Length} hours needs {2 * s.Closeness.Length} snapshots, not {s.Partners.Length}");
        var builder = new Timeline.Builder(s.Start);
        for (int t = 0; t < s.Closeness.Length; t++) builder.Add(s.Closeness[t], s.Partners[2 * t], s.Partners[2 * t + 1]);
        return builder.ToTimeline();
    }

    public TimelineSurrogate ConvertToSurrogate(in Timeline timeline)
    {
        int hours = timeline.Length;
        var closeness = new double[hours];
        var partners = new PartnerSnapshot[2 * hours];
        for (int t = 0; t < hours; t++)
        {
            closeness[t] = timeline.Closeness(t);
            partners[2 * t] = timeline.Partner(t, 0);
            partners[2 * t + 1] = timeline.Partner(t, 1);
        }
        return new() { Start = hours > 0 ? timeline.Time(0) : default, Closeness = closeness, Partners = partners };
    }
}

/// <summary>The derived parameters by their catalog names, so a parameter added to the catalog travels without a change here.</summary>
[GenerateSerializer, Alias("couplesim.PartnerParameters")]
public struct PartnerParametersSurrogate
{
    [Id(0)] public ImmutableDictionary<string, double> Values;
}

[RegisterConverter]
public sealed class PartnerParametersConverter : IConverter<PartnerParameters, PartnerParametersSurrogate>
{
    public PartnerParameters ConvertFromSurrogate(in PartnerParametersSurrogate s)
    {
        var p = new PartnerParameters();
        foreach (var (name, value) in s.Values) p = ParameterCatalog.Get(name).With(p, value);
        return p;
    }

    public PartnerParametersSurrogate ConvertToSurrogate(in PartnerParameters p)
    {
        var values = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var info in ParameterCatalog.All) values[info.Name] = info.Get(p);
        return new() { Values = values.ToImmutable() };
    }
}

[GenerateSerializer, Alias("couplesim.ResolvedPartner")]
public struct ResolvedPartnerSurrogate
{
    [Id(0)] public PartnerSpec Spec;
    [Id(1)] public PartnerParameters Parameters;
}

[RegisterConverter]
public sealed class ResolvedPartnerConverter : IConverter<ResolvedPartner, ResolvedPartnerSurrogate>
{
    public ResolvedPartner ConvertFromSurrogate(in ResolvedPartnerSurrogate s) => new(s.Spec, s.Parameters);

    public ResolvedPartnerSurrogate ConvertToSurrogate(in ResolvedPartner r) => new() { Spec = r.Spec, Parameters = r.Parameters };
}

[GenerateSerializer, Alias("couplesim.RunResult")]
public struct RunResultSurrogate
{
    [Id(0)] public CoupleSpec Spec;
    [Id(1)] public ImmutableArray<ResolvedPartner> Partners;
    [Id(2)] public Timeline Timeline;
    [Id(3)] public ImmutableArray<SimEvent> Events;
}

[RegisterConverter]
public sealed class RunResultConverter : IConverter<RunResult, RunResultSurrogate>
{
    public RunResult ConvertFromSurrogate(in RunResultSurrogate s) => new(s.Spec, s.Partners, s.Timeline, s.Events);

    public RunResultSurrogate ConvertToSurrogate(in RunResult r) =>
        new() { Spec = r.Spec, Partners = r.Partners, Timeline = r.Timeline, Events = r.Events };
}
