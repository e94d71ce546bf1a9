using Orleans.Serialization.Cloning;
using Simulation.Model;

namespace Simulation.Grains.Serialization;

// The model's values are immutable (records with init-only members and immutable collections; a Timeline
// only ever grows past its own length). A local grain call deep-copies its arguments and results unless
// told otherwise; for our own messages [Immutable] says so, for the model's types these copiers do:
// without them a year's result was copied hour by hour through its surrogates on every GetResult.

[RegisterCopier] public sealed class CoupleSpecCopier : ShallowCopier<CoupleSpec>;
[RegisterCopier] public sealed class PartnerSpecCopier : ShallowCopier<PartnerSpec>;
[RegisterCopier] public sealed class ScheduleWindowCopier : ShallowCopier<ScheduleWindow>;
[RegisterCopier] public sealed class HappeningCopier : ShallowCopier<Happening>;
[RegisterCopier] public sealed class InterventionCopier : ShallowCopier<Intervention>;
[RegisterCopier] public sealed class SimEventCopier : ShallowCopier<SimEvent>;
[RegisterCopier] public sealed class PartnerMoveCopier : ShallowCopier<PartnerMove>;
[RegisterCopier] public sealed class SettlementCopier : ShallowCopier<Settlement>;
[RegisterCopier] public sealed class PartnerMindStateCopier : ShallowCopier<PartnerMindState>;
[RegisterCopier] public sealed class RelationshipStateCopier : ShallowCopier<RelationshipState>;
[RegisterCopier] public sealed class TimelineCopier : ShallowCopier<Timeline>;
[RegisterCopier] public sealed class PartnerParametersCopier : ShallowCopier<PartnerParameters>;
[RegisterCopier] public sealed class ResolvedPartnerCopier : ShallowCopier<ResolvedPartner>;
[RegisterCopier] public sealed class RunResultCopier : ShallowCopier<RunResult>;
[RegisterCopier] public sealed class PartnerFiguresCopier : ShallowCopier<Simulation.Sweeps.PartnerFigures>;
[RegisterCopier] public sealed class RunFiguresCopier : ShallowCopier<Simulation.Sweeps.RunFigures>;
