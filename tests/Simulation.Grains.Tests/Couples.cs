using System.Collections.Immutable;
using Simulation.Model;
using static System.DayOfWeek;

namespace Simulation.Grains.Tests;

/// <summary>Couples built in code, for properties that must hold whatever the scenario.</summary>
internal static class Couples
{
    public static readonly DateTime Start = new(2026, 3, 7, 8, 0, 0);

    private static readonly ImmutableArray<DayOfWeek> All = [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday];
    private static readonly ImmutableArray<DayOfWeek> Weekdays = [Monday, Tuesday, Wednesday, Thursday, Friday];

    public static ImmutableArray<ScheduleWindow> Week(string a, string b) =>
    [
        new([a, b], [Saturday, Sunday], new(8, 0), new(18, 0)) { Leisure = 1 },
        new([a, b], All, new(23, 0), new(7, 0)) { Asleep = true },
        new([b], Weekdays, new(9, 0), new(17, 0)) { Availability = 0.3 },
        new([b], [Sunday], new(18, 0), new(9, 0)) { Stress = 0.7 },
    ];

    public static CoupleSpec Make(double a1, double v1, double a2, double v2, ulong seed, int hours = 24 * 14,
        Wound wound = Wound.Late, string first = "ann", string second = "bob") =>
        new($"{first}-{second}", Start, hours, seed, 0.5,
            [new PartnerSpec(first, "Ann", a1, v1, wound), new PartnerSpec(second, "Bob", a2, v2, wound)],
            Week(first, second),
            [new Happening(Start.AddDays(5).AddHours(12), [first], HappeningKind.Rejection)],
            [new Intervention(Start.AddDays(9), [first, second], InterventionKind.Stretch, 0.7)]);

    /// <summary>The same couple with the two partners listed the other way round.</summary>
    public static CoupleSpec Swapped(CoupleSpec spec) => spec with { Partners = [spec.Partners[1], spec.Partners[0]] };
}
