using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Simulation.Model;
using Words = Simulation.Scenarios.Text;

namespace Simulation.Scenarios;

/// <summary>
/// Validates a positioned YAML tree and resolves it into a <see cref="Scenario"/>. It reports every
/// problem it can find (one diagnostic each) and only returns a scenario when there are none.
/// Checks that depend on an earlier value (times inside the run, partner ids) run only once that
/// value was read cleanly, so one mistake does not cascade into many lines.
/// </summary>
internal sealed partial class ScenarioReader(string path)
{
    private static readonly string[] TopKeys =
        ["name", "title", "summary", "notes", "start", "length", "seed", "closeness",
         "partners", "schedule", "events", "interventions", "expect"];
    private static readonly string[] NoteKeys = ["what", "notice", "try"];
    private static readonly string[] PartnerKeys = ["id", "name", "anxiety", "avoidance", "wound"];
    private static readonly string[] WindowKeys = ["who", "days", "from", "to", "stress", "availability", "leisure", "asleep", "since", "until"];
    private static readonly string[] EventKeys = ["at", "who", "kind", "strength", "hours"];
    private static readonly string[] InterventionKeys = ["at", "who", "kind", "strength"];
    // The YAML words are the enums' names in lower case (rejection, stress, awareness, away; stretch).
    private static readonly string[] EventKinds = [.. Enum.GetNames<HappeningKind>().Select(n => n.ToLowerInvariant())];
    private static readonly string[] InterventionKinds = [.. Enum.GetNames<InterventionKind>().Select(n => n.ToLowerInvariant())];
    private static readonly string[] WoundNames = ["early", "late"];

    /// <summary>Default seed when a scenario gives none.</summary>
    public const ulong DefaultSeed = 1;
    /// <summary>Default initial closeness.</summary>
    public const double DefaultCloseness = 0.5;

    private readonly List<Diagnostic> diagnostics = [];
    // Keys an unknown key was taken to be a misspelling of, per mapping: their absence is not reported again.
    private readonly Dictionary<YMapping, HashSet<string>> suggested = [];
    private List<string> partnerIds = [];
    private DateTime? start;
    private int? hours;

    public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

    /// <summary>Problems found beyond those kept (only a count is kept past <see cref="KeptDiagnostics"/>).</summary>
    public int Uncounted { get; private set; }

    // Enough to sort and show the first ScenarioLimits.MaxDiagnostics by position; past this only a count.
    private const int KeptDiagnostics = 1000;
    // Past this many problems no "did you mean" is looked for: only the first few are shown anyway.
    private const int SuggestedDiagnostics = 100;

    public void Error(int line, int column, string message)
    {
        if (diagnostics.Count >= KeptDiagnostics)
            Uncounted++;
        else
            diagnostics.Add(new Diagnostic(new SourceLocation(path, line, column), message));
    }

    private string? Suggest(string given, IEnumerable<string> candidates) =>
        diagnostics.Count >= SuggestedDiagnostics ? null : Words.Suggest(given, candidates);

    private string DidYouMean(string given, IEnumerable<string> candidates) => Words.DidYouMean(Suggest(given, candidates));

    private void Error(YNode node, string message) => Error(node.Line, node.Column, message);

    public Scenario? Read(string text, string sha256)
    {
        if (text.Trim().Length == 0)
        {
            Error(1, 1, "the file is empty");
            return null;
        }
        var root = YamlTree.Build(text, Error, out bool syntaxError);
        if (syntaxError)
            return null;
        if (root is null || root is YScalar { IsNull: true })
        {
            Error(1, 1, "the file is empty");
            return null;
        }
        if (root is not YMapping top)
        {
            Error(root, $"a scenario is a mapping of keys (name, title, partners, …), not {root.KindName}");
            return null;
        }

        var f = Fields(top, "the scenario", TopKeys);
        // What the model needs is required; the words for people (title, summary, notes) are not, so a
        // quick what-if file runs without them. The library's own files carry all three (a test checks).
        Require(top, f, "the scenario", "name", "start", "length", "partners");

        string? name = f.TryGetValue("name", out var n) ? Text(n, "name") : null;
        if (name is not null && !IdPattern().IsMatch(name))
            Error(f["name"], $"`name` must use only a-z, 0-9 and `-`, starting with a letter or digit (it names the output folder); got `{Q(name)}`");
        string? title = f.TryGetValue("title", out var t) ? Text(t, "title") : name;
        string? summary = f.TryGetValue("summary", out var s) ? Text(s, "summary") : "";
        ScenarioNotes? notes = f.TryGetValue("notes", out var no) ? Notes(no) : new ScenarioNotes("", "", "");

        if (f.TryGetValue("start", out var st))
        {
            start = Time(st, "start", checkInRun: false);
            if (start is { } early && Words.StartProblem(early) is { } outOfCalendar)
            {
                Error(st, $"`start`: {outOfCalendar}");
                start = null;
            }
        }
        if (f.TryGetValue("length", out var le))
            hours = Length(le);
        ulong seed = f.TryGetValue("seed", out var se) ? Seed(se) ?? DefaultSeed : DefaultSeed;
        double closeness = f.TryGetValue("closeness", out var cl) ? Number(cl, "closeness", 0, 1) ?? DefaultCloseness : DefaultCloseness;

        var partners = f.TryGetValue("partners", out var pa) ? Partners(pa) : [];
        var schedule = f.TryGetValue("schedule", out var sc) ? List(sc, "schedule", ScenarioLimits.MaxScheduleWindows, Window) : [];
        var happenings = f.TryGetValue("events", out var ev) ? List(ev, "events", ScenarioLimits.MaxEvents, Happening) : [];
        var interventions = f.TryGetValue("interventions", out var iv) ? List(iv, "interventions", ScenarioLimits.MaxInterventions, Intervention) : [];
        var expect = f.TryGetValue("expect", out var ex) ? List(ex, "expect", ScenarioLimits.MaxClaims, Expectation) : [];

        if (diagnostics.Count > 0)
            return null;

        var spec = new CoupleSpec(name!, start!.Value, hours!.Value, seed, closeness, partners,
            schedule, happenings, interventions);
        return new Scenario(name!, title!, summary!, notes!, spec, expect, path, sha256);
    }

    // ---- structure helpers -------------------------------------------------------------

    /// <summary>The entries of a mapping by key; unknown keys are reported with a suggestion.</summary>
    private Dictionary<string, YNode> Fields(YMapping map, string context, IReadOnlyCollection<string> known,
        Func<string, bool>? alsoKnown = null, IEnumerable<string>? suggestFrom = null)
    {
        var result = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (known.Contains(key.Value) || (alsoKnown?.Invoke(key.Value) ?? false))
                result[key.Value] = value;
            else
            {
                var guess = Suggest(key.Value, suggestFrom ?? known);
                if (guess is not null)
                    Suggested(map).Add(guess);
                Error(key, $"unknown key `{Q(key.Value)}` in {context}{Words.DidYouMean(guess)}");
            }
        }
        return result;
    }

    private void Require(YMapping map, Dictionary<string, YNode> fields, string context, params string[] keys)
    {
        foreach (var key in keys.Where(k => !fields.ContainsKey(k) && !Suggested(map).Contains(k)))
            Error(map, $"{context} is missing the required key `{key}`");
    }

    private HashSet<string> Suggested(YMapping map)
    {
        if (!suggested.TryGetValue(map, out var set))
            suggested[map] = set = new HashSet<string>(StringComparer.Ordinal);
        return set;
    }

    private ImmutableArray<T> List<T>(YNode node, string key, int max, Func<YMapping, T?> item) where T : class
    {
        if (node is YScalar { IsNull: true })
            return [];
        if (node is not YSequence seq)
        {
            Error(node, $"`{key}` must be a list (one `- …` per entry), not {node.KindName}");
            return [];
        }
        if (seq.Items.Count > max)
        {
            // each entry costs time in every run (claims are checked over the whole run): refuse, unread
            Error(node, $"`{key}` has {seq.Items.Count} entries; a scenario may have at most {max}");
            return [];
        }
        var result = ImmutableArray.CreateBuilder<T>();
        foreach (var entry in seq.Items)
        {
            if (entry is not YMapping map)
            {
                Error(entry, $"each entry of `{key}` must be a mapping like `{{key: value, …}}`, not {entry.KindName}");
                continue;
            }
            if (item(map) is { } value)
                result.Add(value);
        }
        return result.ToImmutable();
    }

    // ---- values ------------------------------------------------------------------------

    private YScalar? Scalar(YNode node, string key, string expected)
    {
        if (node is YScalar s && !s.IsNull)
            return s;
        Error(node, $"`{key}` must be {expected}, not {node.KindName}");
        return null;
    }

    /// <summary>Text for people; only the notes may run over several lines.</summary>
    private string? Text(YNode node, string key, bool lines = false)
    {
        var s = Scalar(node, key, "text");
        if (s is null)
            return null;
        if (s.Value.Trim().Length == 0)
        {
            Error(node, $"`{key}` must not be empty");
            return null;
        }
        if (Words.TextProblem(s.Value, key, lines) is { } problem)
        {
            Error(node, problem);
            return null;
        }
        return s.Value;
    }

    private double? Number(YNode node, string key, double min, double max, string? scale = null)
    {
        var s = Scalar(node, key, "a number");
        if (s is null)
            return null;
        if (Words.NumberProblem(s.Value, key, min, max, scale, out var x) is { } problem)
        {
            Error(node, problem);
            return null;
        }
        return x;
    }

    private bool? Bool(YNode node, string key)
    {
        var s = Scalar(node, key, "true or false");
        if (s is null)
            return null;
        if (Words.TryParseBool(s.Value, out var b))
            return b;
        Error(node, $"`{key}` must be true or false, not `{Q(s.Value)}`");
        return null;
    }

    private DateTime? Time(YNode node, string key, bool checkInRun, bool endInclusive = false)
    {
        var s = Scalar(node, key, "a local time like `2026-03-07T08:00`");
        if (s is null)
            return null;
        var t = Words.ParseLocalTime(s.Value, out var problem);
        if (t is null)
        {
            Error(node, $"`{key}`: {problem}");
            return null;
        }
        if (checkInRun && start is { } st && hours is { } h)
        {
            var end = st.AddHours(h);
            bool inside = t >= st && (endInclusive ? t <= end : t < end);
            if (!inside)
            {
                Error(node, $"`{key}` {Q(s.Value)} lies outside the run ({Words.Time(st)} to {Words.Time(end)})");
                return null;
            }
        }
        return t;
    }

    private int? Length(YNode node)
    {
        var s = Scalar(node, "length", "a duration like `4w`, `3d` or `36h`");
        if (s is null)
            return null;
        var h = Words.ParseDuration(s.Value, out var problem, out int pos);
        if (h is null)
        {
            Error(node.Line, node.Column + (s.Plain ? pos : 0), $"`length`: {problem}");
            return null;
        }
        if (h == 0)
        {
            Error(node, "`length` must be at least one hour");
            return null;
        }
        if (h > CoupleSpec.MaxHours)
        {
            Error(node, $"`length` {Q(s.Value)} is longer than the model allows (ten years, {CoupleSpec.MaxHours}h)");
            return null;
        }
        return (int)h;
    }

    private ulong? Seed(YNode node)
    {
        var s = Scalar(node, "seed", "a whole number");
        if (s is null)
            return null;
        if (Words.SeedProblem(s.Value, out var seed) is { } problem)
        {
            Error(node, problem);
            return null;
        }
        return seed;
    }

    private ScenarioNotes? Notes(YNode node)
    {
        if (node is not YMapping map)
        {
            Error(node, $"`notes` must be a mapping `{{what: …, notice: …, try: …}}`, not {node.KindName}");
            return null;
        }
        var f = Fields(map, "`notes`", NoteKeys);
        string? what = f.TryGetValue("what", out var w) ? Text(w, "what", lines: true) : "";
        string? notice = f.TryGetValue("notice", out var n) ? Text(n, "notice", lines: true) : "";
        string? tryIt = f.TryGetValue("try", out var t) ? Text(t, "try", lines: true) : "";
        return what is null || notice is null || tryIt is null ? null : new ScenarioNotes(what, notice, tryIt);
    }

    // ---- partners ----------------------------------------------------------------------

    private ImmutableArray<PartnerSpec> Partners(YNode node)
    {
        if (node is not YSequence seq)
        {
            Error(node, $"`partners` must be a list of two partners, not {node.KindName}");
            return [];
        }
        if (seq.Items.Count != 2)
            Error(node, $"a couple needs exactly two partners; found {seq.Items.Count}");

        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<PartnerSpec>();
        foreach (var entry in seq.Items)
        {
            if (entry is not YMapping map)
            {
                Error(entry, $"a partner must be a mapping like `{{id: alma, anxiety: 6, avoidance: 2}}`, not {entry.KindName}");
                continue;
            }
            var f = Fields(map, "a partner", PartnerKeys, k => ParameterCatalog.TryGet(k, out _),
                PartnerKeys.Concat(ParameterCatalog.All.Select(p => p.Name)));
            Require(map, f, "a partner", "id", "anxiety", "avoidance");

            string? id = null;
            if (f.TryGetValue("id", out var idNode) && Text(idNode, "id") is { } idText)
            {
                if (!IdPattern().IsMatch(idText))
                    Error(idNode, $"a partner id must use only a-z, 0-9 and `-`, starting with a letter or digit; got `{Q(idText)}`");
                else if (firstSeen.TryGetValue(idText, out int line))
                    Error(idNode, $"duplicate partner id `{idText}` (first used at line {line})");
                else
                {
                    firstSeen[idText] = idNode.Line;
                    partnerIds.Add(idText);
                    id = idText;
                }
            }
            string? name = f.TryGetValue("name", out var nm) ? Text(nm, "name") : id;
            double? anxiety = f.TryGetValue("anxiety", out var an) ? Number(an, "anxiety", 1, 7, " (ECR-R scale)") : null;
            double? avoidance = f.TryGetValue("avoidance", out var av) ? Number(av, "avoidance", 1, 7, " (ECR-R scale)") : null;
            Wound wound = Wound.Late;
            bool woundOk = true;
            if (f.TryGetValue("wound", out var wo))
            {
                var w = Word(wo, "wound", WoundNames);
                woundOk = w is not null;
                wound = w == "early" ? Wound.Early : Wound.Late;
            }
            var overrides = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in f.Where(kv => ParameterCatalog.TryGet(kv.Key, out _)))
            {
                var info = ParameterCatalog.Get(key);
                if (Number(value, key, info.Min, info.Max, $" ({info.Meaning})") is { } x)
                    overrides[key] = x;
            }
            if (id is not null && name is not null && anxiety is not null && avoidance is not null && woundOk)
                result.Add(new PartnerSpec(id, name, anxiety.Value, avoidance.Value, wound) { Overrides = overrides.ToImmutable() });
        }
        return result.ToImmutable();
    }

    private string? Word(YNode node, string key, string[] allowed)
    {
        var s = Scalar(node, key, $"one of {Words.List(allowed)}");
        if (s is null)
            return null;
        if (allowed.Contains(s.Value))
            return s.Value;
        Error(node, $"`{key}` must be one of {Words.List(allowed)}, not `{Q(s.Value)}`{DidYouMean(s.Value, allowed)}");
        return null;
    }

    /// <summary>`both`, one partner id, or a list of ids; resolved to ids in the order given.</summary>
    private ImmutableArray<string>? Who(YNode node)
    {
        const string key = "who";
        if (node is YScalar { IsNull: false, Value: "both" })
            return [.. partnerIds];
        List<YNode> items = node switch
        {
            YSequence seq => seq.Items,
            YScalar { IsNull: false } s => [s],
            _ => [],
        };
        if (items.Count == 0)
        {
            Error(node, $"`{key}` must name `both`, a partner id or a list of ids");
            return null;
        }
        var ids = ImmutableArray.CreateBuilder<string>();
        bool ok = true;
        foreach (var item in items)
        {
            if (PartnerId(item, key) is not { } id)
                ok = false;
            else if (ids.Contains(id))
            {
                Error(item, $"partner `{id}` is listed twice in `{key}`");
                ok = false;
            }
            else
                ids.Add(id);
        }
        return ok ? ids.ToImmutable() : null;
    }

    private string? PartnerId(YNode node, string key)
    {
        var s = Scalar(node, key, "a partner id");
        if (s is null)
            return null;
        // Without a clean partner list there is nothing to check against; that problem is already reported.
        if (partnerIds.Count == 0 || partnerIds.Contains(s.Value))
            return s.Value;
        Error(node, $"unknown partner `{Q(s.Value)}` in `{key}`{DidYouMean(s.Value, partnerIds)}; the partners are {Words.List(partnerIds)}");
        return null;
    }

    // ---- schedule, events, interventions ------------------------------------------------

    private ScheduleWindow? Window(YMapping map)
    {
        var f = Fields(map, "a schedule window", WindowKeys);
        Require(map, f, "a schedule window", "who", "from", "to");
        var who = f.TryGetValue("who", out var w) ? Who(w) : null;
        var days = f.TryGetValue("days", out var d) ? Days(d) : [.. Words.Days.Select(x => x.Day)];
        TimeOnly? from = f.TryGetValue("from", out var fr) ? Clock(fr, "from") : null;
        TimeOnly? to = f.TryGetValue("to", out var tn) ? Clock(tn, "to") : null;
        if (from is not null && to is not null && from == to)
        {
            Error(tn!, $"`to` equals `from` ({from:HH\\:mm}): the window would be empty; `to` before `from` wraps past midnight");
            to = null;
        }
        double? stress = f.TryGetValue("stress", out var x1) ? Number(x1, "stress", 0, 1) : null;
        double? availability = f.TryGetValue("availability", out var x2) ? Number(x2, "availability", 0, 1) : null;
        double? leisure = f.TryGetValue("leisure", out var x3) ? Number(x3, "leisure", 0, 1) : null;
        bool? asleep = f.TryGetValue("asleep", out var x4) ? Bool(x4, "asleep") : false;
        if (!f.ContainsKey("stress") && !f.ContainsKey("availability") && !f.ContainsKey("leisure") && !f.ContainsKey("asleep"))
            Error(map, "a schedule window must set at least one of `stress`, `availability`, `leisure` or `asleep`");
        DateTime? since = f.TryGetValue("since", out var si) ? Time(si, "since", checkInRun: true) : null;
        DateTime? until = f.TryGetValue("until", out var un) ? Time(un, "until", checkInRun: true, endInclusive: true) : null;
        if (since is not null && until is not null && until <= since)
        {
            Error(un!, "`until` must come after `since`");
            until = null;
        }
        bool failed = who is null || days is null || from is null || to is null || asleep is null
            || (f.ContainsKey("stress") && stress is null) || (f.ContainsKey("availability") && availability is null)
            || (f.ContainsKey("leisure") && leisure is null)
            || (f.ContainsKey("since") && since is null) || (f.ContainsKey("until") && until is null);
        if (failed)
            return null;
        return new ScheduleWindow(who!.Value, days!.Value, from!.Value, to!.Value)
        {
            Stress = stress, Availability = availability, Leisure = leisure, Asleep = asleep!.Value,
            Since = since, Until = until,
        };
    }

    private ImmutableArray<DayOfWeek>? Days(YNode node)
    {
        var allNames = Words.Days.Select(d => d.Name).Concat(Words.DayWords).ToArray();
        List<YNode> items = node switch
        {
            YSequence seq => seq.Items,
            _ => [node],
        };
        if (items.Count == 0)
        {
            Error(node, "`days` must list at least one day");
            return null;
        }
        var set = new HashSet<DayOfWeek>();
        bool ok = true;
        foreach (var item in items)
        {
            var s = Scalar(item, "days", "day names (mon … sun) or one of weekdays, weekend, all, daily");
            if (s is null)
            {
                ok = false;
                continue;
            }
            if (Words.ParseDay(s.Value) is { } day)
                set.Add(day);
            else if (Words.ParseDayWord(s.Value) is { } many)
                set.UnionWith(many);
            else
            {
                Error(item, $"unknown day `{Q(s.Value)}`{DidYouMean(s.Value, allNames)}; use mon, tue, wed, thu, fri, sat, sun, weekdays, weekend, all or daily");
                ok = false;
            }
        }
        return ok ? [.. set.OrderBy(Words.DayOrder)] : null;
    }

    private TimeOnly? Clock(YNode node, string key)
    {
        var s = Scalar(node, key, "a clock time like \"18:00\"");
        if (s is null)
            return null;
        if (Words.ParseClock(s.Value) is { } t)
            return t;
        Error(node, $"`{key}` must be a clock time like \"18:00\", not `{Q(s.Value)}`");
        return null;
    }

    private Happening? Happening(YMapping map)
    {
        var f = Fields(map, "an event", EventKeys);
        Require(map, f, "an event", "at", "who", "kind");
        DateTime? at = f.TryGetValue("at", out var a) ? Time(a, "at", checkInRun: true) : null;
        var who = f.TryGetValue("who", out var w) ? Who(w) : null;
        var kind = f.TryGetValue("kind", out var k) ? Word(k, "kind", EventKinds) : null;
        double? strength = f.TryGetValue("strength", out var s) ? Number(s, "strength", 0, 1) : 1.0;
        double? h = f.TryGetValue("hours", out var hn) ? Number(hn, "hours", 1, CoupleSpec.MaxHours) : 6;
        if (h is not null && h != Math.Floor(h.Value))
        {
            Error(hn!, "`hours` must be a whole number of hours");
            h = null;
        }
        if (at is null || who is null || kind is null || strength is null || h is null)
            return null;
        return new Happening(at.Value, who.Value, Enum.Parse<HappeningKind>(kind, ignoreCase: true)) { Strength = strength.Value, Hours = (int)h.Value };
    }

    private Intervention? Intervention(YMapping map)
    {
        var f = Fields(map, "an intervention", InterventionKeys);
        Require(map, f, "an intervention", "at", "who", "kind");
        DateTime? at = f.TryGetValue("at", out var a) ? Time(a, "at", checkInRun: true) : null;
        var who = f.TryGetValue("who", out var w) ? Who(w) : null;
        var kind = f.TryGetValue("kind", out var k) ? Word(k, "kind", InterventionKinds) : null;
        double? strength = f.TryGetValue("strength", out var s) ? Number(s, "strength", 0, 1) : 1.0;
        if (at is null || who is null || kind is null || strength is null)
            return null;
        return new Intervention(at.Value, who.Value, Enum.Parse<InterventionKind>(kind, ignoreCase: true), strength.Value);
    }

    // ---- expectations ------------------------------------------------------------------

    private Expectation? Expectation(YMapping map)
    {
        var patternEntry = map.Entries.FirstOrDefault(e => e.Key.Value == "pattern");
        if (patternEntry.Key is null)
        {
            Error(map, "an expectation is missing the required key `pattern`");
            return null;
        }
        var names = Patterns.All.Select(p => p.Name).ToArray();
        var patternName = Scalar(patternEntry.Value, "pattern", "a pattern name");
        if (patternName is null)
            return null;
        var spec = Patterns.Find(patternName.Value);
        if (spec is null)
        {
            Error(patternEntry.Value, $"unknown pattern `{Q(patternName.Value)}`{DidYouMean(patternName.Value, names)}; known patterns: {Words.List(names)}");
            return null;
        }

        var args = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var given = new Dictionary<string, YNode>(StringComparer.Ordinal);
        bool ok = true;
        var argNames = spec.Args.Select(a => a.Name).ToArray();
        foreach (var (key, value) in map.Entries.Where(e => e.Key.Value != "pattern"))
        {
            var arg = spec.Arg(key.Value);
            if (arg is null)
            {
                var guess = Suggest(key.Value, argNames);
                if (guess is not null)
                    Suggested(map).Add(guess);
                Error(key, $"pattern `{spec.Name}` has no argument `{Q(key.Value)}`{Words.DidYouMean(guess)}; it takes {Words.List(argNames)}");
                ok = false;
                continue;
            }
            given[key.Value] = value;
            if (Arg(value, arg) is { } text)
                args[key.Value] = text;
            else
                ok = false;
        }
        foreach (var missing in spec.Required.Where(r => !given.ContainsKey(r) && !Suggested(map).Contains(r)))
        {
            Error(map, $"pattern `{spec.Name}` needs the argument `{missing}`");
            ok = false;
        }
        foreach (var group in spec.ExactlyOne.Where(g => g.Count(given.ContainsKey) != 1))
        {
            Error(map, $"pattern `{spec.Name}` needs exactly one of {Words.List(group)}");
            ok = false;
        }
        foreach (var group in spec.AtMostOne.Where(g => g.Count(given.ContainsKey) > 1))
        {
            Error(map, $"pattern `{spec.Name}` takes only one of {Words.List(group)}");
            ok = false;
        }
        if (ok && args.TryGetValue("pursuer", out var p) && args.TryGetValue("distancer", out var d) && p == d)
        {
            Error(given["distancer"], "`pursuer` and `distancer` must be different partners");
            ok = false;
        }
        if (ok && args.TryGetValue("from", out var from) && args.TryGetValue("until", out var until)
            && Words.ParseLocalTime(until, out _) <= Words.ParseLocalTime(from, out _))
        {
            Error(given["until"], "`until` must come after `from`");
            ok = false;
        }
        return ok ? new Expectation(spec.Name, args.ToImmutable(), new SourceLocation(path, map.Line, map.Column)) : null;
    }

    /// <summary>Checks one argument's value; returns its text as stored in <see cref="Scenarios.Expectation.Args"/>.</summary>
    private string? Arg(YNode node, ArgSpec arg)
    {
        switch (arg.Kind)
        {
            case ArgKind.Partner:
                return PartnerId(node, arg.Name);
            case ArgKind.Number:
                return Number(node, arg.Name, arg.Min, arg.Max) is not null ? ((YScalar)node).Value : null;
            case ArgKind.Count:
            {
                var x = Number(node, arg.Name, arg.Min, arg.Max);
                if (x is null)
                    return null;
                if (x != Math.Floor(x.Value))
                {
                    Error(node, $"`{arg.Name}` must be a whole number");
                    return null;
                }
                return ((YScalar)node).Value;
            }
            case ArgKind.Duration:
            {
                var s = Scalar(node, arg.Name, "a duration like `72h` or `1w`");
                if (s is null)
                    return null;
                var h = Words.ParseDuration(s.Value, out var problem, out int pos);
                if (h is null)
                {
                    Error(node.Line, node.Column + (s.Plain ? pos : 0), $"`{arg.Name}`: {problem}");
                    return null;
                }
                if (h > CoupleSpec.MaxHours)
                {
                    Error(node, $"`{arg.Name}` is longer than any run ({CoupleSpec.MaxHours}h)");
                    return null;
                }
                if (h < arg.Min)
                {
                    Error(node, $"`{arg.Name}` must be at least {Words.Num(arg.Min)}h");
                    return null;
                }
                if (h > arg.Max)
                {
                    Error(node, $"`{arg.Name}` must be at most {Words.Num(arg.Max)}h");
                    return null;
                }
                return s.Value;
            }
            case ArgKind.Time:
                return Time(node, arg.Name, checkInRun: true, endInclusive: arg.Name == "until") is not null ? ((YScalar)node).Value : null;
            case ArgKind.Day:
            {
                var s = Scalar(node, arg.Name, "a day name (mon … sun)");
                if (s is null)
                    return null;
                if (Words.ParseDay(s.Value) is not null)
                    return s.Value.ToLowerInvariant();
                Error(node, $"unknown day `{Q(s.Value)}`{DidYouMean(s.Value, Words.Days.Select(x => x.Name))}; use mon, tue, wed, thu, fri, sat or sun");
                return null;
            }
            case ArgKind.Clock:
                return Clock(node, arg.Name) is not null ? ((YScalar)node).Value : null;
            default:
                return Bool(node, arg.Name) is { } b ? (b ? "true" : "false") : null;
        }
    }

    private static string Q(string text) => Words.Q(text);

    // A leading `-` would read as an option in a shell (out/-x) and as a formula in a spreadsheet.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();
}
