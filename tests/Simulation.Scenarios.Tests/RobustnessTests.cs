using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

/// <summary>Odd input gives diagnostics, never another exception.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> OddInputs() =>
    [
        "---", "~", "[]", "42", "{", "a: b: c", "&a [*a]", "partners: &p [*p, *p]",
        "notes: &n {what: *n, notice: *n, try: *n}", "*nothing", "name: x\n<<: {}", "\t", "\0",
        "? [a, b]\n: c", "name: [1, 2]\ntitle: {a: b}", "partners: ~\nschedule: 5\nevents: [1]\nexpect: [x]",
        new string('[', 500) + new string(']', 500),
        "partners:\n  - {id: a, anxiety: NaN, avoidance: Infinity}\n  - {id: b, anxiety: 1e400, avoidance: -0}",
        "start: 9999-12-31T23:00\nlength: 10y\nname: x\ntitle: t\nsummary: s\nnotes: {what: a, notice: b, try: c}\n" +
            "partners: [{id: a, anxiety: 4, avoidance: 4}, {id: b, anxiety: 4, avoidance: 4}]\nevents: [{at: 9999-12-31T23:30, who: a, kind: away}]",
        "expect:\n  - {pattern: withdraws-after, who: a, day: sun, time: \"25:00\", within: 0h}\n  - pattern: [stable]\n  - {}",
    ];

    [Theory]
    [MemberData(nameof(OddInputs))]
    public void Odd_input_gives_diagnostics_only(string text)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "odd.yaml"));
        Assert.NotEmpty(ex.Diagnostics);
        Assert.All(ex.Diagnostics, d =>
        {
            Assert.Equal("odd.yaml", d.Location.Path);
            Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1);
            Assert.DoesNotContain('\n', d.Message);
        });
    }
}
