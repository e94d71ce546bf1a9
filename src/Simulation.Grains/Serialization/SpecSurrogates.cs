using System.Collections.Immutable;
using Simulation.Model;

namespace Simulation.Grains.Serialization;

// Orleans surrogates for what a run is started from (see HourSurrogates.cs for why surrogates).

[GenerateSerializer, Alias("couplesim.PartnerSpec")]
public struct PartnerSpecSurrogate
{
    [Id(0)] public string Id;
    [Id(1)] public string Name;
    [Id(2)] public double Anxiety;
    [Id(3)] public double Avoidance;
    [Id(4)] public Wound Wound;
    [Id(5)] public ImmutableDictionary<string, double> Overrides;
}

[RegisterConverter]
public sealed class PartnerSpecConverter : IConverter<PartnerSpec, PartnerSpecSurrogate>
{
    public PartnerSpec ConvertFromSurrogate(in PartnerSpecSurrogate s) =>
        new(s.Id, s.Name, s.Anxiety, s.Avoidance, s.Wound) { Overrides = s.Overrides };

    public PartnerSpecSurrogate ConvertToSurrogate(in PartnerSpec p) => new()
    {
        Id = p.Id, Name = p.Name, Anxiety = p.Anxiety, Avoidance = p.Avoidance, Wound = p.Wound, Overrides = p.Overrides,
    };
}

[GenerateSerializer, Alias("couplesim.ScheduleWindow")]
public struct ScheduleWindowSurrogate
{
    [Id(0)] public ImmutableArray<string> Who;
    [Id(1)] public ImmutableArray<DayOfWeek> Days;
    [Id(2)] public TimeOnly From;
    [Id(3)] public TimeOnly To;
    [Id(4)] public double? Stress;
    [Id(5)] public double? Availability;
    [Id(6)] public double? Leisure;
    [Id(7)] public bool Asleep;
    [Id(8)] public DateTime? Since;
    [Id(9)] public DateTime? Until;
}

[RegisterConverter]
public sealed class ScheduleWindowConverter : IConverter<ScheduleWindow, ScheduleWindowSurrogate>
{
    public ScheduleWindow ConvertFromSurrogate(in ScheduleWindowSurrogate s) => new(s.Who, s.Days, s.From, s.To)
    {
        Stress = s.Stress, Availability = s.Availability, Leisure = s.Leisure, Asleep = s.Asleep, Since = s.Since, Until = s.Until,
    };

    public ScheduleWindowSurrogate ConvertToSurrogate(in ScheduleWindow w) => new()
    {
        Who = w.Who, Days = w.Days, From = w.From, To = w.To, Stress = w.Stress, Availability = w.Availability,
        Leisure = w.Leisure, Asleep = w.Asleep, Since = w.Since, Until = w.Until,
    };
}

[GenerateSerializer, Alias("couplesim.Happening")]
public struct HappeningSurrogate
{
    [Id(0)] public DateTime At;
    [Id(1)] public ImmutableArray<string> Who;
    [Id(2)] public HappeningKind Kind;
    [Id(3)] public double Strength;
    [Id(4)] public int Hours;
}

[RegisterConverter]
public sealed class HappeningConverter : IConverter<Happening, HappeningSurrogate>
{
    public Happening ConvertFromSurrogate(in HappeningSurrogate s) => new(s.At, s.Who, s.Kind) { Strength = s.Strength, Hours = s.Hours };

    public HappeningSurrogate ConvertToSurrogate(in Happening h) =>
        new() { At = h.At, Who = h.Who, Kind = h.Kind, Strength = h.Strength, Hours = h.Hours };
}

[GenerateSerializer, Alias("couplesim.Intervention")]
public struct InterventionSurrogate
{
    [Id(0)] public DateTime At;
    [Id(1)] public ImmutableArray<string> Who;
    [Id(2)] public InterventionKind Kind;
    [Id(3)] public double Strength;
}

[RegisterConverter]
public sealed class InterventionConverter : IConverter<Intervention, InterventionSurrogate>
{
    public Intervention ConvertFromSurrogate(in InterventionSurrogate s) => new(s.At, s.Who, s.Kind, s.Strength);

    public InterventionSurrogate ConvertToSurrogate(in Intervention i) => new() { At = i.At, Who = i.Who, Kind = i.Kind, Strength = i.Strength };
}

[GenerateSerializer, Alias("couplesim.CoupleSpec")]
public struct CoupleSpecSurrogate
{
    [Id(0)] public string Name;
    [Id(1)] public DateTime Start;
    [Id(2)] public int Hours;
    [Id(3)] public ulong Seed;
    [Id(4)] public double Closeness;
    [Id(5)] public ImmutableArray<PartnerSpec> Partners;
    [Id(6)] public ImmutableArray<ScheduleWindow> Schedule;
    [Id(7)] public ImmutableArray<Happening> Happenings;
    [Id(8)] public ImmutableArray<Intervention> Interventions;
}

[RegisterConverter]
public sealed class CoupleSpecConverter : IConverter<CoupleSpec, CoupleSpecSurrogate>
{
    public CoupleSpec ConvertFromSurrogate(in CoupleSpecSurrogate s) =>
        new(s.Name, s.Start, s.Hours, s.Seed, s.Closeness, s.Partners, s.Schedule, s.Happenings, s.Interventions);

    public CoupleSpecSurrogate ConvertToSurrogate(in CoupleSpec c) => new()
    {
        Name = c.Name, Start = c.Start, Hours = c.Hours, Seed = c.Seed, Closeness = c.Closeness,
        Partners = c.Partners, Schedule = c.Schedule, Happenings = c.Happenings, Interventions = c.Interventions,
    };
}
