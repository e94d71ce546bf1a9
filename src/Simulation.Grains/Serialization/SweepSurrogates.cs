using System.Collections.Immutable;
using Simulation.Sweeps;

namespace Simulation.Grains.Serialization;

// Orleans surrogates for what a sweep's workers send back (see HourSurrogates.cs for why surrogates).

[GenerateSerializer, Alias("couplesim.PartnerFigures")]
public struct PartnerFiguresSurrogate
{
    [Id(0)] public int Bids;
    [Id(1)] public int Protests;
    [Id(2)] public double TimeWithdrawn;
    [Id(3)] public double MeanDistress;
    [Id(4)] public int GiveUps;
}

[RegisterConverter]
public sealed class PartnerFiguresConverter : IConverter<PartnerFigures, PartnerFiguresSurrogate>
{
    public PartnerFigures ConvertFromSurrogate(in PartnerFiguresSurrogate s) => new(s.Bids, s.Protests, s.TimeWithdrawn, s.MeanDistress, s.GiveUps);

    public PartnerFiguresSurrogate ConvertToSurrogate(in PartnerFigures p) =>
        new() { Bids = p.Bids, Protests = p.Protests, TimeWithdrawn = p.TimeWithdrawn, MeanDistress = p.MeanDistress, GiveUps = p.GiveUps };
}

[GenerateSerializer, Alias("couplesim.RunFigures")]
public struct RunFiguresSurrogate
{
    [Id(0)] public int Run;
    [Id(1)] public double MeanCloseness;
    [Id(2)] public double PositiveShare;
    [Id(3)] public int Interactions;
    [Id(4)] public ImmutableArray<PartnerFigures> Partners;
    [Id(5)] public ImmutableArray<bool> Claims;
}

[RegisterConverter]
public sealed class RunFiguresConverter : IConverter<RunFigures, RunFiguresSurrogate>
{
    public RunFigures ConvertFromSurrogate(in RunFiguresSurrogate s) => new(s.Run, s.MeanCloseness, s.PositiveShare, s.Interactions, s.Partners, s.Claims);

    public RunFiguresSurrogate ConvertToSurrogate(in RunFigures r) => new()
    {
        Run = r.Run, MeanCloseness = r.MeanCloseness, PositiveShare = r.PositiveShare, Interactions = r.Interactions,
        Partners = r.Partners, Claims = r.Claims,
    };
}
