using System.Collections.Immutable;
using System.Globalization;
using Simulation.Model;
using Words = Simulation.Scenarios.Text;

namespace Simulation.Scenarios;

/// <summary>
/// Command-line changes to a loaded scenario (the "change one thing" of a what-if).
/// <c>--set</c> takes <c>ID.KEY=VALUE</c> for a partner — KEY is <c>anxiety</c>, <c>avoidance</c>
/// (1–7), <c>wound</c> (early|late), <c>name</c>, or any parameter of <see cref="ParameterCatalog"/>
/// (stored in <see cref="PartnerSpec.Overrides"/>, range-checked) — or <c>KEY=VALUE</c> for the run:
/// <c>closeness</c> (0–1), <c>seed</c> (whole number) and <c>length</c> (a duration).
/// Problems are diagnostics at path <c>--set</c> (or <c>--length</c>), line 1, column = the
/// 1-based character position in that argument.
/// </summary>
public static class ScenarioChanges
{
    private static readonly string[] PartnerKeys = ["anxiety", "avoidance", "wound", "name"];
    private static readonly string[] RunKeys = ["closeness", "seed", "length"];

    /// <summary>A --set's key and value, trimmed (<c>will.avoidance</c>, <c>3</c>; <c>stretch</c>, <c>both@week3</c> for a what-if's
    /// <c>stretch=…</c>); the value is empty when there is no <c>=</c>.</summary>
    public static (string Key, string Value) Split(string set)
    {
        int eq = set.IndexOf('=');
        return eq < 0 ? (set.Trim(), "") : (set[..eq].Trim(), set[(eq + 1)..].Trim());
    }

    /// <summary>Whether a --set key makes another run of the same couple, as --seed and --length do, rather than a what-if.</summary>
    public static bool IsAnotherRun(string key) => key is "seed" or "length";

    /// <summary>Applies <c>--set</c> changes in order. Throws <see cref="ScenarioException"/> listing every bad one.</summary>
    /// <param name="place">Where a problem was, for its message, from the set and the column in it: by default
    /// <c>in `SET`</c>; a command that builds sets from its own arguments names those (<c>sweep --vary</c>).</param>
    public static Scenario WithSets(Scenario s, IEnumerable<string> sets, Func<string, int, string>? place = null)
    {
        var problems = new List<Diagnostic>();
        var spec = s.Spec;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            void Fail(int column, string message) =>
                problems.Add(new Diagnostic(new SourceLocation("--set", 1, column), $"{message} ({place?.Invoke(set, column) ?? $"in `{Words.Q(set)}`"})"));

            int eq = set.IndexOf('=');
            if (eq <= 0)
            {
                Fail(1, "expected ID.KEY=VALUE (e.g. `alma.anxiety=3`) or KEY=VALUE for closeness, seed or length");
                continue;
            }
            string lhs = set[..eq];
            string value = set[(eq + 1)..];
            int valueColumn = eq + 2;
            // The last would win unseen, and a what-if's folder would name both values.
            if (!keys.Add(lhs.Trim()))
            {
                Fail(1, $"`{Words.Q(lhs.Trim())}` is set twice; set each key once");
                continue;
            }
            if (value.Trim().Length == 0)
            {
                Fail(valueColumn, "the value is missing after `=`");
                continue;
            }
            int dot = lhs.IndexOf('.');
            if (dot < 0)
            {
                spec = SetRun(spec, lhs, value, valueColumn, Fail) ?? spec;
                continue;
            }
            string id = lhs[..dot];
            string key = lhs[(dot + 1)..];
            var ids = spec.Partners.Select(p => p.Id).ToArray();
            int index = Array.IndexOf(ids, id);
            if (index < 0)
            {
                Fail(1, $"unknown partner `{Words.Q(id)}`{Words.DidYouMean(id, ids)}; the partners are {Words.List(ids)}");
                continue;
            }
            var partner = spec.Partners[index];
            var changed = SetPartner(partner, key, value, dot + 2, valueColumn, Fail);
            if (changed is not null)
                spec = spec with { Partners = spec.Partners.SetItem(index, changed) };
        }
        if (problems.Count > 0)
            throw new ScenarioException(problems);
        return s with { Spec = spec };
    }

    /// <summary>Sets the run length (<c>--length 4w</c>). Happenings and interventions must still fall inside the run.</summary>
    public static Scenario WithLength(Scenario s, string length)
    {
        var hours = ParseDurationHours(length);
        return s with { Spec = CheckLength(s.Spec, hours, "--length", out var late) ?? throw new ScenarioException([late!]) };
    }

    /// <summary>
    /// A seed as the command line gives it (<c>--seed N</c>): a whole number from 0 to 2^64−1.
    /// Throws <see cref="ScenarioException"/> at path <c>--seed</c> otherwise, in the words a scenario's <c>seed</c> gets.
    /// </summary>
    public static ulong ParseSeed(string text) =>
        Words.SeedProblem(text, out var seed, "--seed") is { } problem ? throw ScenarioException.One("--seed", 1, 1, problem) : seed;

    /// <summary>
    /// A command's changes in the order the command line applies them: --set, then --length, then --stretch
    /// (checked against the final length). What a sweep's workers and an ensemble's sides are run with.
    /// </summary>
    public static Scenario WithChanges(Scenario s, IReadOnlyCollection<string> sets, string? length, IReadOnlyCollection<string> stretches)
    {
        if (sets.Count > 0) s = WithSets(s, sets);
        if (length is not null) s = WithLength(s, length);
        if (stretches.Count > 0) s = ScenarioStretches.WithStretches(s, stretches);
        return s;
    }

    /// <summary>Sets the run seed.</summary>
    public static Scenario WithSeed(Scenario s, ulong seed) => s with { Spec = s.Spec with { Seed = seed } };

    /// <summary>
    /// Hours in a duration: a whole number and a unit, <c>h</c>, <c>d</c>, <c>w</c> or <c>y</c> (365 days),
    /// e.g. <c>36h</c>, <c>3d</c>, <c>4w</c>. Throws <see cref="ScenarioException"/> at path <c>--length</c> otherwise.
    /// </summary>
    public static int ParseDurationHours(string text)
    {
        var hours = ParseLength(text, "--length", 0, out var problem);
        if (problem is not null)
            throw new ScenarioException([problem]);
        return hours;
    }

    private static int ParseLength(string text, string path, int offset, out Diagnostic? problem)
    {
        problem = null;
        var h = Words.ParseDuration(text, out var why, out int pos);
        if (h is null)
            problem = new Diagnostic(new SourceLocation(path, 1, offset + pos + 1), why!);
        else if (h == 0)
            problem = new Diagnostic(new SourceLocation(path, 1, offset + 1), "a run must last at least one hour");
        else if (h > CoupleSpec.MaxHours)
            problem = new Diagnostic(new SourceLocation(path, 1, offset + 1),
                $"`{Words.Q(text)}` is longer than the model allows (ten years, {CoupleSpec.MaxHours}h)");
        return problem is null ? (int)h!.Value : 0;
    }

    /// <summary>The spec with the new length, or null when a happening or intervention would fall after the end.</summary>
    private static CoupleSpec? CheckLength(CoupleSpec spec, int hours, string path, out Diagnostic? problem)
    {
        problem = null;
        var end = spec.Start.AddHours(hours);
        var late = spec.Happenings.Select(h => (h.At, What: $"the {h.Kind.ToString().ToLowerInvariant()} event"))
            .Concat(spec.Interventions.Select(i => (i.At, What: $"the {i.Kind.ToString().ToLowerInvariant()} intervention")))
            .Where(x => x.At >= end)
            .OrderBy(x => x.At)
            .FirstOrDefault();
        if (late.What is not null)
        {
            problem = new Diagnostic(new SourceLocation(path, 1, 1),
                $"the run would end at {Words.Time(end)}, before {late.What} at {Words.Time(late.At)}");
            return null;
        }
        return spec with { Hours = hours };
    }

    private static CoupleSpec? SetRun(CoupleSpec spec, string key, string value, int valueColumn, Action<int, string> fail)
    {
        switch (key)
        {
            case "closeness":
                return Number(value, valueColumn, "closeness", 0, 1, fail) is { } c ? spec with { Closeness = c } : null;
            case "seed":
                if (Words.SeedProblem(value, out var seed) is not { } notSeed)
                    return spec with { Seed = seed };
                fail(valueColumn, notSeed);
                return null;
            case "length":
            {
                int hours = ParseLength(value, "--set", valueColumn - 1, out var problem);
                if (problem is not null)
                {
                    fail(problem.Location.Column, problem.Message);
                    return null;
                }
                var changed = CheckLength(spec, hours, "--set", out var late);
                if (changed is null)
                    fail(valueColumn, late!.Message);
                return changed;
            }
            default:
                fail(1, $"unknown setting `{Words.Q(key)}`{Words.DidYouMean(key, RunKeys)}; use ID.KEY=VALUE for a partner, or closeness, seed or length");
                return null;
        }
    }

    /// <summary>
    /// The value <paramref name="key"/> (named as <c>--set</c> names it: <c>will.avoidance</c>, <c>closeness</c>) has in
    /// <paramref name="s"/>, in the form <c>--set</c> takes (<c>5.5</c>, <c>late</c>; a derived parameter as derived);
    /// null for the seed, the length and a key <c>--set</c> does not take. What a sweep's charts mark as the scenario's own.
    /// </summary>
    public static string? ValueOf(Scenario s, string key)
    {
        static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        int dot = key.IndexOf('.');
        if (dot < 0) return key == "closeness" ? N(s.Spec.Closeness) : null;
        var partner = s.Spec.Partners.FirstOrDefault(p => p.Id == key[..dot]);
        string what = key[(dot + 1)..];
        return partner is null ? null : what switch
        {
            "anxiety" => N(partner.Anxiety),
            "avoidance" => N(partner.Avoidance),
            "wound" => partner.Wound == Wound.Early ? "early" : "late",
            "name" => partner.Name,
            _ => ParameterCatalog.TryGet(what, out var info) ? N(info.Get(PartnerParameters.Derive(partner))) : null,
        };
    }

    private static PartnerSpec? SetPartner(PartnerSpec partner, string key, string value, int keyColumn, int valueColumn, Action<int, string> fail)
    {
        switch (key)
        {
            case "anxiety":
                return Number(value, valueColumn, "anxiety", 1, 7, fail) is { } a ? partner with { Anxiety = a } : null;
            case "avoidance":
                return Number(value, valueColumn, "avoidance", 1, 7, fail) is { } v ? partner with { Avoidance = v } : null;
            case "wound":
                if (value is "early" or "late")
                    return partner with { Wound = value == "early" ? Wound.Early : Wound.Late };
                fail(valueColumn, $"`wound` must be `early` or `late`, not `{Words.Q(value)}`{Words.DidYouMean(value, ["early", "late"])}");
                return null;
            case "name":
                if (Words.TextProblem(value, "name", lines: false) is not { } notText)
                    return partner with { Name = value };
                fail(valueColumn, notText);
                return null;
        }
        if (ParameterCatalog.TryGet(key, out var info))
        {
            return Number(value, valueColumn, key, info.Min, info.Max, fail) is { } x
                ? partner with { Overrides = partner.Overrides.SetItem(key, x) }
                : null;
        }
        var known = PartnerKeys.Concat(ParameterCatalog.All.Select(p => p.Name)).ToArray();
        fail(keyColumn, $"unknown key `{Words.Q(key)}`{Words.DidYouMean(key, known)}; use anxiety, avoidance, wound, name or a parameter such as `responsiveness` (`couplesim explain SCENARIO --parameters` lists them all)");
        return null;
    }

    private static double? Number(string value, int column, string key, double min, double max, Action<int, string> fail)
    {
        if (Words.NumberProblem(value, key, min, max, scale: null, out var x) is { } problem)
        {
            fail(column, problem);
            return null;
        }
        return x;
    }
}
