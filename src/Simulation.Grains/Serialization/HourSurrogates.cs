using System.Collections.Immutable;
using Simulation.Model;

namespace Simulation.Grains.Serialization;

// The model stays free of Orleans (no attributes in Simulation.Model), so the model types that travel in
// grain calls get Orleans surrogates here: a [GenerateSerializer] struct per type and a [RegisterConverter]
// to and from it (the Orleans docs' pattern for types one does not own). This file: the hourly messages.
// A test round-trips every message type through the serializer (tests/Simulation.Grains.Tests).

[GenerateSerializer, Alias("couplesim.Circumstances")]
public struct CircumstancesSurrogate
{
    [Id(0)] public double Stress;
    [Id(1)] public double Availability;
    [Id(2)] public double Leisure;
    [Id(3)] public bool Asleep;
}

[RegisterConverter]
public sealed class CircumstancesConverter : IConverter<Circumstances, CircumstancesSurrogate>
{
    public Circumstances ConvertFromSurrogate(in CircumstancesSurrogate s) => new(s.Stress, s.Availability, s.Leisure, s.Asleep);

    public CircumstancesSurrogate ConvertToSurrogate(in Circumstances c) =>
        new() { Stress = c.Stress, Availability = c.Availability, Leisure = c.Leisure, Asleep = c.Asleep };
}

[GenerateSerializer, Alias("couplesim.PartnerView")]
public struct PartnerViewSurrogate
{
    [Id(0)] public double Stance;
    [Id(1)] public bool Withdrawn;
    [Id(2)] public Reach Reach;
    [Id(3)] public double Pursuit;
    [Id(4)] public bool Angry;
}

[RegisterConverter]
public sealed class PartnerViewConverter : IConverter<PartnerView, PartnerViewSurrogate>
{
    public PartnerView ConvertFromSurrogate(in PartnerViewSurrogate s) => new(s.Stance, s.Withdrawn, s.Reach, s.Pursuit, s.Angry);

    public PartnerViewSurrogate ConvertToSurrogate(in PartnerView v) =>
        new() { Stance = v.Stance, Withdrawn = v.Withdrawn, Reach = v.Reach, Pursuit = v.Pursuit, Angry = v.Angry };
}

[GenerateSerializer, Alias("couplesim.TickContext")]
public struct TickContextSurrogate
{
    [Id(0)] public int Tick;
    [Id(1)] public DateTime Time;
    [Id(2)] public double Closeness;
    [Id(3)] public Circumstances Own;
    [Id(4)] public PartnerView Partner;
    [Id(5)] public double Stretch;
    [Id(6)] public double Awareness;
    [Id(7)] public double Rejecting;
}

[RegisterConverter]
public sealed class TickContextConverter : IConverter<TickContext, TickContextSurrogate>
{
    public TickContext ConvertFromSurrogate(in TickContextSurrogate s) =>
        new(s.Tick, s.Time, s.Closeness, s.Own, s.Partner, s.Stretch, s.Awareness, s.Rejecting);

    public TickContextSurrogate ConvertToSurrogate(in TickContext c) => new()
    {
        Tick = c.Tick, Time = c.Time, Closeness = c.Closeness, Own = c.Own, Partner = c.Partner,
        Stretch = c.Stretch, Awareness = c.Awareness, Rejecting = c.Rejecting,
    };
}

[GenerateSerializer, Alias("couplesim.Readiness")]
public struct ReadinessSurrogate
{
    [Id(0)] public bool Reachable;
    [Id(1)] public bool AnswersBid;
    [Id(2)] public bool AnswersProtest;
    [Id(3)] public bool AcceptsRepair;
    [Id(4)] public bool AcceptsCallback;
}

[RegisterConverter]
public sealed class ReadinessConverter : IConverter<Readiness, ReadinessSurrogate>
{
    public Readiness ConvertFromSurrogate(in ReadinessSurrogate s) =>
        new(s.Reachable, s.AnswersBid, s.AnswersProtest, s.AcceptsRepair, s.AcceptsCallback);

    public ReadinessSurrogate ConvertToSurrogate(in Readiness r) => new()
    {
        Reachable = r.Reachable, AnswersBid = r.AnswersBid, AnswersProtest = r.AnswersProtest,
        AcceptsRepair = r.AcceptsRepair, AcceptsCallback = r.AcceptsCallback,
    };
}

[GenerateSerializer, Alias("couplesim.PartnerMove")]
public struct PartnerMoveSurrogate
{
    [Id(0)] public double Stance;
    [Id(1)] public bool Withdrawn;
    [Id(2)] public double Pursuit;
    [Id(3)] public Reach Reach;
    [Id(4)] public string Reason;
    [Id(5)] public bool Soothable;
    [Id(6)] public Readiness Readiness;
    [Id(7)] public ImmutableArray<SimEvent> Events;
    [Id(8)] public bool Angry;
}

[RegisterConverter]
public sealed class PartnerMoveConverter : IConverter<PartnerMove, PartnerMoveSurrogate>
{
    public PartnerMove ConvertFromSurrogate(in PartnerMoveSurrogate s) =>
        new(s.Stance, s.Withdrawn, s.Pursuit, s.Reach, s.Reason, s.Soothable, s.Readiness, s.Events, s.Angry);

    public PartnerMoveSurrogate ConvertToSurrogate(in PartnerMove m) => new()
    {
        Stance = m.Stance, Withdrawn = m.Withdrawn, Pursuit = m.Pursuit, Reach = m.Reach, Reason = m.Reason,
        Soothable = m.Soothable, Readiness = m.Readiness, Events = m.Events, Angry = m.Angry,
    };
}

[GenerateSerializer, Alias("couplesim.TickOutcome")]
public struct TickOutcomeSurrogate
{
    [Id(0)] public int Tick;
    [Id(1)] public DateTime Time;
    [Id(2)] public Reach OwnReach;
    [Id(3)] public Outcome OwnOutcome;
    [Id(4)] public Outcome Response;
    [Id(5)] public double Rejected;
}

[RegisterConverter]
public sealed class TickOutcomeConverter : IConverter<TickOutcome, TickOutcomeSurrogate>
{
    public TickOutcome ConvertFromSurrogate(in TickOutcomeSurrogate s) =>
        new(s.Tick, s.Time, s.OwnReach, s.OwnOutcome, s.Response, s.Rejected);

    public TickOutcomeSurrogate ConvertToSurrogate(in TickOutcome o) => new()
    {
        Tick = o.Tick, Time = o.Time, OwnReach = o.OwnReach, OwnOutcome = o.OwnOutcome, Response = o.Response, Rejected = o.Rejected,
    };
}

[GenerateSerializer, Alias("couplesim.PartnerSnapshot")]
public struct PartnerSnapshotSurrogate
{
    [Id(0)] public double Stance;
    [Id(1)] public double Distress;
    [Id(2)] public double Hurt;
    [Id(3)] public bool Withdrawn;
    [Id(4)] public double Anxiety;
    [Id(5)] public double Avoidance;
    [Id(6)] public Circumstances Circumstances;
}

[RegisterConverter]
public sealed class PartnerSnapshotConverter : IConverter<PartnerSnapshot, PartnerSnapshotSurrogate>
{
    public PartnerSnapshot ConvertFromSurrogate(in PartnerSnapshotSurrogate s) =>
        new(s.Stance, s.Distress, s.Hurt, s.Withdrawn, s.Anxiety, s.Avoidance, s.Circumstances);

    public PartnerSnapshotSurrogate ConvertToSurrogate(in PartnerSnapshot p) => new()
    {
        Stance = p.Stance, Distress = p.Distress, Hurt = p.Hurt, Withdrawn = p.Withdrawn,
        Anxiety = p.Anxiety, Avoidance = p.Avoidance, Circumstances = p.Circumstances,
    };
}

[GenerateSerializer, Alias("couplesim.Settlement")]
public struct SettlementSurrogate
{
    [Id(0)] public PartnerSnapshot Snapshot;
    [Id(1)] public ImmutableArray<SimEvent> Events;
}

[RegisterConverter]
public sealed class SettlementConverter : IConverter<Settlement, SettlementSurrogate>
{
    public Settlement ConvertFromSurrogate(in SettlementSurrogate s) => new(s.Snapshot, s.Events);

    public SettlementSurrogate ConvertToSurrogate(in Settlement s) => new() { Snapshot = s.Snapshot, Events = s.Events };
}

[GenerateSerializer, Alias("couplesim.SimEvent")]
public struct SimEventSurrogate
{
    [Id(0)] public int Tick;
    [Id(1)] public DateTime Time;
    [Id(2)] public string Actor;
    [Id(3)] public string Kind;
    [Id(4)] public string Target;
    [Id(5)] public string Outcome;
    [Id(6)] public string Reason;
    [Id(7)] public string Tone;
}

[RegisterConverter]
public sealed class SimEventConverter : IConverter<SimEvent, SimEventSurrogate>
{
    public SimEvent ConvertFromSurrogate(in SimEventSurrogate s) => new(s.Tick, s.Time, s.Actor, s.Kind, s.Target, s.Outcome, s.Reason, s.Tone ?? "");

    public SimEventSurrogate ConvertToSurrogate(in SimEvent e) => new()
    {
        Tick = e.Tick, Time = e.Time, Actor = e.Actor, Kind = e.Kind, Target = e.Target, Outcome = e.Outcome, Reason = e.Reason, Tone = e.Tone,
    };
}
