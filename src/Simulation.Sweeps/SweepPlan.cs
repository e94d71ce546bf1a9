using System.Collections.Immutable;
using System.Globalization;
using Simulation.Scenarios;

namespace Simulation.Sweeps;

/// <summary>One varied key, named as in <c>--set</c> (<c>will.avoidance</c>, <c>closeness</c>), and its values in order, as the tables write them.</summary>
public sealed record Axis(string Key, ImmutableArray<string> Values);

/// <summary>One point of the grid: its place in the grid and one value per axis.</summary>
public sealed record GridPoint(int Index, ImmutableArray<string> Values);

/// <summary>
/// What a sweep runs: the scenario (with <c>--length</c> applied), the varied keys and the seeds. Every
/// grid point is run on every seed; run <c>i</c> is point <c>i / seeds</c> on seed <c>i % seeds</c>, so a
/// run's place never depends on where or when it ran (BehaviorSpace's and Mesa's batch runs, with the seeds
/// written down).
/// </summary>
public sealed partial record SweepPlan(Scenario Scenario, ImmutableArray<Axis> Axes, ImmutableArray<ulong> Seeds)
{
    /// <summary>Most values one key may take: a chart's cells and ticks are unreadable past about 200 (1:7:0.03 is 201).</summary>
    public const int MaxValues = 201;
    /// <summary>Most grid points a sweep may have.</summary>
    public const int MaxPoints = 10_000;
    /// <summary>Most seeds per grid point.</summary>
    public const int MaxSeeds = 10_000;
    /// <summary>Most runs in one sweep (points × seeds).</summary>
    public const int MaxRuns = 200_000;
    /// <summary>Most simulated hours in one sweep (runs × hours): about ten minutes on one 2-core machine.</summary>
    public const long MaxHours = 2_000_000_000;

    /// <summary>The seeds when none are given: ten, since one seed cannot tell chance from the change.</summary>
    public const string DefaultSeeds = "1-10";

    /// <summary>The grid: every combination of the axes' values, the first axis changing slowest.</summary>
    public ImmutableArray<GridPoint> Points { get; } = Grid(Axes);

    public int Runs => Points.Length * Seeds.Length;

    /// <summary>Hours simulated over the whole sweep.</summary>
    public long Hours => (long)Runs * Scenario.Spec.Hours;

    public GridPoint PointOf(int run) => Points[run / Seeds.Length];

    public ulong SeedOf(int run) => Seeds[run % Seeds.Length];

    /// <summary>Run <paramref name="run"/>'s <c>--set</c> changes (one per axis).</summary>
    public ImmutableArray<string> SetsOf(int run) => SetsAt(PointOf(run));

    public ImmutableArray<string> SetsAt(GridPoint point) => [.. Axes.Select((a, i) => $"{a.Key}={point.Values[i]}")];

    /// <summary>The scenario of run <paramref name="run"/>: the point's values set, on its seed.</summary>
    public Scenario ScenarioOf(int run) => ScenarioChanges.WithSeed(ScenarioChanges.WithSets(Scenario, SetsOf(run)), SeedOf(run));

    /// <summary>
    /// Reads <c>--vary</c> (<c>ID.KEY=FROM:TO:STEP</c> or <c>KEY=v1,v2,v3</c>, repeatable) and <c>--seeds</c>
    /// (<c>A-B</c>, or <c>A,B,C</c>), checks every value against the scenario as <c>--set</c> would, and the
    /// limits. Throws <see cref="ScenarioException"/> with every problem at <c>--vary</c> / <c>--seeds</c>.
    /// </summary>
    public static SweepPlan Parse(Scenario scenario, IReadOnlyList<string> vary, string? seeds)
    {
        var problems = new List<Diagnostic>();
        if (vary.Count == 0)
            problems.Add(Problem("--vary", 1, "a sweep varies at least one key, e.g. --vary will.avoidance=1:7:1"));
        var axes = new List<Axis>();
        foreach (var text in vary)
        {
            if (ParseAxis(scenario, text, problems) is not { } axis) continue;
            if (axes.Any(a => a.Key == axis.Key))
                problems.Add(Problem("--vary", 1, $"`{Printable.Quote(axis.Key)}` is varied twice"));
            else axes.Add(axis);
        }
        var seedList = ParseSeeds(seeds ?? DefaultSeeds, problems);
        if (problems.Count > 0) throw new ScenarioException(problems);

        long points = axes.Aggregate(1L, (n, a) => n * a.Values.Length);
        if (points > MaxPoints)
            problems.Add(Problem("--vary", 1, $"the grid has {points:N0} points; a sweep takes at most {MaxPoints:N0} (vary fewer keys or take bigger steps)"));
        else if (points * seedList.Length > MaxRuns)
            problems.Add(Problem("--seeds", 1, $"{points:N0} points × {seedList.Length:N0} seeds is {points * seedList.Length:N0} runs; a sweep takes at most {MaxRuns:N0}"));
        else if (points * seedList.Length * scenario.Spec.Hours > MaxHours)
            problems.Add(Problem("--length", 1, $"{points * seedList.Length:N0} runs of {scenario.Spec.Hours:N0} hours is {points * seedList.Length * scenario.Spec.Hours:N0} simulated hours; a sweep takes at most {MaxHours:N0} (shorter runs, fewer seeds or points)"));
        if (problems.Count > 0) throw new ScenarioException(problems);
        return new SweepPlan(scenario, [.. axes], seedList);
    }

    private static Axis? ParseAxis(Scenario scenario, string text, List<Diagnostic> problems)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
        {
            problems.Add(Problem("--vary", eq <= 0 ? 1 : eq + 2, $"expected ID.KEY=FROM:TO:STEP (e.g. will.avoidance=1:7:1) or KEY=v1,v2,v3 (got `{Printable.Quote(text)}`)"));
            return null;
        }
        string key = text[..eq], spec = text[(eq + 1)..];
        int at = eq + 2; // column of the values in the argument
        // Every run of a sweep has the same seeds and the same length: its intervals, limits and words count on both.
        if (key.Trim() == "seed")
        {
            problems.Add(Problem("--vary", 1, "a sweep runs every grid point on every seed of --seeds; give the seeds there (e.g. --seeds 1-10)"));
            return null;
        }
        if (key.Trim() == "length")
        {
            problems.Add(Problem("--vary", 1, "a sweep's runs all have one length (--length 8w); sweep each length on its own to compare them"));
            return null;
        }
        if (key.Trim().EndsWith(".name", StringComparison.Ordinal))
        {
            problems.Add(Problem("--vary", key.IndexOf('.') + 2, "a partner's name changes nothing in the runs; vary a trait (anxiety, avoidance, wound) or a parameter"));
            return null;
        }
        ImmutableArray<string> values;
        if (spec.Contains(':'))
        {
            var parts = spec.Split(':');
            if (parts.Length != 3 || !parts.All(p => decimal.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                problems.Add(Problem("--vary", at, $"a range is FROM:TO:STEP, three numbers (got `{Printable.Quote(spec)}`)"));
                return null;
            }
            var (from, to, step) = (Dec(parts[0]), Dec(parts[1]), Dec(parts[2]));
            if (step <= 0 || to < from)
            {
                problems.Add(Problem("--vary", at, $"a range goes up from FROM to TO in steps above 0 (got `{Printable.Quote(spec)}`)"));
                return null;
            }
            // too many values first: a step that fits the count is the fix, and the message names one that divides TO − FROM too
            if ((to - from) / MaxValues >= step) // (to − from) / step ≥ MaxValues, without dividing by a step tiny enough to overflow
            {
                string count = (to - from) / 1_000_000 >= step ? "more than 1,000,000" : $"{(to - from) / step + 1:N0}";
                problems.Add(Problem("--vary", at, $"`{Printable.Quote(spec)}` has {count} values; a key takes at most {MaxValues}, more than a chart can tell apart (take a step of {Format(LeastStep(to - from))} or more)"));
                return null;
            }
            if ((to - from) % step != 0) // the grid would stop short of TO without a word
            {
                problems.Add(Problem("--vary", at, $"`{Printable.Quote(spec)}` does not reach {Format(to)} (the last value would be {Format(from + Math.Floor((to - from) / step) * step)}); take a step that divides TO − FROM"));
                return null;
            }
            // decimal steps, so 0.1 + 0.2 is 0.3 and the last value is TO itself when the steps reach it
            var list = ImmutableArray.CreateBuilder<string>();
            for (decimal v = from; v <= to; v += step) list.Add(Format(v));
            values = list.ToImmutable();
        }
        else if (RangeLike().Match(spec) is { Success: true } m) // the --seeds style, or a ".." range: its words alone would say "not a number"
        {
            problems.Add(Problem("--vary", at, $"a range is FROM:TO:STEP, e.g. `{Printable.Quote(key)}={m.Groups[1].Value}:{m.Groups[2].Value}:1` (got `{Printable.Quote(spec)}`)"));
            return null;
        }
        else
        {
            values = [.. spec.Split(',').Select(v => v.Trim())];
            if (values.Any(v => v.Length == 0))
            {
                problems.Add(Problem("--vary", at, $"an empty value in `{Printable.Quote(spec)}`"));
                return null;
            }
            if (values.Length > MaxValues)
            {
                problems.Add(Problem("--vary", at, $"{values.Length:N0} values; a key takes at most {MaxValues}, more than a chart can tell apart"));
                return null;
            }
            if (values.Distinct(StringComparer.Ordinal).Count() != values.Length)
            {
                problems.Add(Problem("--vary", at, $"a value is listed twice in `{Printable.Quote(spec)}`"));
                return null;
            }
        }

        // Each value must be one --set would take; its problem is reported at the value's place here.
        foreach (var value in values)
        {
            // a mistake in the key is shown in the --vary as typed; one in a value as the --set it would be
            try { ScenarioChanges.WithSets(scenario, [$"{key}={value}"], (set, column) => column <= key.Length ? $"in `{Printable.Quote(text)}`" : $"as `{Printable.Quote(set)}`"); }
            catch (ScenarioException ex)
            {
                foreach (var d in ex.Diagnostics)
                    problems.Add(new Diagnostic(new SourceLocation("--vary", 1, d.Location.Column <= key.Length ? d.Location.Column : at), d.Message));
                return null;
            }
        }
        return new Axis(key, values);
    }

    /// <summary>
    /// The smallest step of at most four decimals that divides <paramref name="span"/> into at most <see cref="MaxValues"/> values
    /// (1:3.01 → 0.015): a suggested step the range check then accepts. Rounded up to four decimals when none divides it.
    /// </summary>
    private static decimal LeastStep(decimal span)
    {
        for (int n = MaxValues - 1; n >= 1; n--)
        {
            decimal step = span / n;
            if (step * 10_000 == Math.Floor(step * 10_000)) return step;
        }
        return Math.Ceiling(span / (MaxValues - 1) * 10_000) / 10_000;
    }

    /// <summary>Reads <c>--seeds</c> (<c>A-B</c>, or <c>A,B,C</c>); throws <see cref="ScenarioException"/> at <c>--seeds</c> otherwise.</summary>
    public static ImmutableArray<ulong> ParseSeeds(string text)
    {
        var problems = new List<Diagnostic>();
        var seeds = ParseSeeds(text, problems);
        return problems.Count > 0 ? throw new ScenarioException(problems) : seeds;
    }

    private static ImmutableArray<ulong> ParseSeeds(string text, List<Diagnostic> problems)
    {
        var seeds = new List<ulong>();
        int column = 1;
        foreach (var part in text.Split(','))
        {
            var range = part.Split('-');
            if (range.Length == 1 && ulong.TryParse(range[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var one))
                seeds.Add(one);
            else if (range.Length == 2 && ulong.TryParse(range[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                     && ulong.TryParse(range[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var b) && a <= b)
            {
                if (b - a >= MaxSeeds)
                {
                    problems.Add(Problem("--seeds", column, $"`{Printable.Quote(part)}` is more than {MaxSeeds:N0} seeds"));
                    return [];
                }
                for (ulong s = a; ; s++) { seeds.Add(s); if (s == b) break; }
            }
            else
            {
                problems.Add(Problem("--seeds", column, $"expected seeds as A-B or A,B,C with whole numbers, A ≤ B (got `{Printable.Quote(part)}`)"));
                return [];
            }
            column += part.Length + 1;
        }
        if (seeds.Count > MaxSeeds)
            problems.Add(Problem("--seeds", 1, $"{seeds.Count:N0} seeds; a sweep takes at most {MaxSeeds:N0}"));
        else if (seeds.Distinct().Count() != seeds.Count)
            problems.Add(Problem("--seeds", 1, "a seed is listed twice"));
        else if (seeds.Count == 1) // its "interval" would be the value itself, and look certain
            problems.Add(Problem("--seeds", 1, $"`{Printable.Quote(text)}` is one seed; a mean over seeds and its 95% interval need at least two (e.g. --seeds 1-10)"));
        return [.. seeds];
    }

    private static ImmutableArray<GridPoint> Grid(ImmutableArray<Axis> axes)
    {
        var points = ImmutableArray.CreateBuilder<GridPoint>();
        int count = axes.Aggregate(1, (n, a) => n * a.Values.Length);
        for (int i = 0; i < count; i++)
        {
            var values = new string[axes.Length];
            for (int k = axes.Length - 1, rest = i; k >= 0; k--)
            {
                values[k] = axes[k].Values[rest % axes[k].Values.Length];
                rest /= axes[k].Values.Length;
            }
            points.Add(new GridPoint(i, [.. values]));
        }
        return points.ToImmutable();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:-|\.\.|–)\s*([0-9]+(?:\.[0-9]+)?)\s*$")]
    private static partial System.Text.RegularExpressions.Regex RangeLike();

    private static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A value as the tables and <c>--set</c> write it: plain, no trailing zeros (3, 0.25).</summary>
    private static string Format(decimal v) => v.ToString("0.############################", CultureInfo.InvariantCulture);

    private static Diagnostic Problem(string path, int column, string message) => new(new SourceLocation(path, 1, column), message);
}
