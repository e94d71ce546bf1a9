using System.CommandLine;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Simulation.Reports;
using Simulation.Reports.Charts;
using Simulation.Scenarios;

namespace Simulation.Cli;

/// <summary>Options shared by run and compare.</summary>
public sealed class CommonOptions
{
    public Option<string?> Seed { get; } = new("--seed") { HelpName = "N", Description = "Random seed (default: the scenario's). Same seed, same results." };
    public Option<string?> Length { get; } = new("--length") { HelpName = "4w", Description = "Run length: a whole number and h, d, w or y (e.g. 36h, 3d, 4w, 1y)." };
    public Option<string[]> Set { get; } = new("--set")
    {
        HelpName = "ID.KEY=VALUE",
        Description = "Change one thing: ID.KEY=VALUE for a partner (anxiety, avoidance, wound or any derived parameter, e.g. will.responsiveness=0.8) or KEY=VALUE for closeness, seed, length. Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };
    public Option<string[]> Stretch { get; } = new("--stretch")
    {
        HelpName = "WHO@WHEN[:STRENGTH]",
        Description = "Add stretching: WHO a partner id or both; WHEN a local time (2026-03-21T08:00), weekN or dayN from the start, or +DURATION (+36h); STRENGTH 0-1 (default 1). E.g. --stretch both@week3. Repeatable.",
        Arity = ArgumentArity.OneOrMore,
    };
    public Option<string?> Out { get; } = new("--out") { HelpName = "DIR", Description = "Output directory." };
    public Option<string?> Size { get; } = new("--size") { HelpName = "WxH", Description = "Size of the charts (PNG and SVG) in pixels (default: 1920x1080)." };

    public CommonOptions()
    {
        // checked while parsing, in the words a scenario's `seed:` gets (not "cannot parse as UInt64")
        Seed.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1)
            {
                try { ScenarioChanges.ParseSeed(r.Tokens[0].Value); }
                catch (ScenarioException e) { r.AddError(e.Diagnostics[0].Message); }
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Seed);
        command.Options.Add(Length);
        command.Options.Add(Set);
        command.Options.Add(Stretch);
        command.Options.Add(Out);
        command.Options.Add(Size);
    }

    /// <summary>The charts' size from --size (1920×1080 without it); a bad size is a one-line error.</summary>
    public ChartSize ChartSize(ParseResult p)
    {
        if (p.GetValue(Size) is not { } text) return Reports.Charts.ChartSize.Default;
        if (!Reports.Charts.ChartSize.TryParse(text, out var size, out string error)) throw ScenarioException.One("--size", 1, 1, error);
        return size;
    }

    public ImmutableArray<string> Sets(ParseResult p) => [.. p.GetValue(Set) ?? []];

    /// <summary>The --set changes to the couple: all but <c>seed</c> and <c>length</c>, which make another run of the same
    /// couple as --seed and --length do, not a what-if.</summary>
    public ImmutableArray<string> CoupleSets(ParseResult p) => [.. Sets(p).Where(set => !ScenarioChanges.IsAnotherRun(ScenarioChanges.Split(set).Key))];

    /// <summary>The --stretch values (none for a command without the option, such as check).</summary>
    public ImmutableArray<string> Stretches(ParseResult p) => p.GetResult(Stretch) is null ? [] : [.. p.GetValue(Stretch) ?? []];

    /// <summary>What a what-if changes, for its folder name and label: the --set values, then <c>stretch=…</c> for each --stretch.</summary>
    public ImmutableArray<string> Changes(ParseResult p) => [.. Sets(p), .. Stretches(p).Select(x => "stretch=" + x)];

    /// <summary>The <see cref="Changes(ParseResult)"/> with each stretch's WHO as the partner's id (<see cref="ScenarioStretches.Canonical"/>): one
    /// run, one folder and one title, however the room wrote the name.</summary>
    public ImmutableArray<string> Changes(ParseResult p, Scenario s) => [.. Sets(p), .. Stretches(p).Select(x => "stretch=" + ScenarioStretches.Canonical(s.Spec, x))];

    /// <summary>
    /// The arguments after the file that give compare's B this run (<c>--set will.avoidance=3 --seed 5</c>): the --set
    /// changes, a <c>--set seed=…</c> or <c>length=…</c> as the flag compare keeps for both sides (compare runs B on A's
    /// seed), the --stretch values, and --seed and --length as given.
    /// </summary>
    public ImmutableArray<string> CompareArguments(ParseResult p)
    {
        var args = ImmutableArray.CreateBuilder<string>();
        foreach (string set in Sets(p))
        {
            var (key, value) = ScenarioChanges.Split(set);
            if (ScenarioChanges.IsAnotherRun(key)) args.AddRange($"--{key}", value);
            else args.AddRange("--set", set);
        }
        foreach (string stretch in Stretches(p)) args.AddRange("--stretch", stretch);
        if (p.GetValue(Seed) is { } seed) args.AddRange("--seed", seed.Trim());
        if (p.GetValue(Length) is { } length) args.AddRange("--length", length.Trim());
        return args.ToImmutable();
    }

    /// <summary>
    /// What names a run's folder: the <see cref="Changes(ParseResult, Scenario)"/>, then <c>seed=N</c> and <c>length=L</c> for --seed and
    /// --length as typed. A run on another seed or of another length is another run: a student who tries
    /// <c>--seed 5</c> keeps the run on the scenario's own seed to compare it with.
    /// </summary>
    public ImmutableArray<string> FolderChanges(ParseResult p, Scenario s) =>
    [
        .. Changes(p, s),
        .. p.GetValue(Seed) is { } seed ? [$"seed={seed.Trim()}"] : ImmutableArray<string>.Empty,
        .. p.GetValue(Length) is { } length ? [$"length={length.Trim()}"] : ImmutableArray<string>.Empty,
    ];

    /// <summary>
    /// --seeds runs every seed it names, so a --seed or a --set seed=… beside it would be ignored: refused, at its place.
    /// <paramref name="what"/> says what runs on every seed ("both sides", "every scenario").
    /// </summary>
    public void CheckSeedsAlone(ParseResult p, string what)
    {
        if (p.GetValue(Seed) is not null)
            throw ScenarioException.One("--seed", 1, 1, "give --seed (one run each) or --seeds (many), not both");
        if (SetOf(p, "seed") is { } seedSet)
            throw ScenarioException.One("--set", 1, 1, $"{what} on every seed of --seeds, so `{Printable.Quote(seedSet)}` would be ignored; give the seeds there");
    }

    /// <summary>
    /// A run key given by --set and by its own option as well (<c>--set seed=5 --seed 6</c>): one value would run and
    /// the folder would be named after the other. Problems at the option's place.
    /// </summary>
    public void CheckOneValueEach(ParseResult p)
    {
        if (SetOf(p, "seed") is { } seedSet && p.GetValue(Seed) is { } seed)
            throw ScenarioException.One("--seed", 1, 1, $"the seed is given twice (`--set {Printable.Quote(seedSet)}` and `--seed {Printable.Quote(seed)}`); give one");
        if (SetOf(p, "length") is { } lengthSet && p.GetValue(Length) is { } length)
            throw ScenarioException.One("--length", 1, 1, $"the length is given twice (`--set {Printable.Quote(lengthSet)}` and `--length {Printable.Quote(length)}`); give one");
    }

    /// <summary>The --set that sets <paramref name="key"/> (<c>seed</c>, <c>will.avoidance</c>), as given; null when none does.</summary>
    public string? SetOf(ParseResult p, string key) =>
        Sets(p).FirstOrDefault(set => ScenarioChanges.Split(set).Key == key.Trim());

    /// <summary>
    /// Applies --set, then --length, then --seed (so the flags win over a set of the same key), then
    /// --stretch (checked against the run's final length).
    /// </summary>
    public Scenario Apply(Scenario s, ParseResult p, bool withSets = true)
    {
        CheckOneValueEach(p);
        var sets = Sets(p);
        if (withSets && sets.Length > 0) s = ScenarioChanges.WithSets(s, sets);
        if (p.GetValue(Length) is { } length) s = ScenarioChanges.WithLength(s, length);
        if (p.GetValue(Seed) is { } seed) s = ScenarioChanges.WithSeed(s, ScenarioChanges.ParseSeed(seed));
        if (withSets && Stretches(p) is { Length: > 0 } stretches) s = ScenarioStretches.WithStretches(s, stretches);
        return s;
    }

    /// <summary>
    /// Checks an output folder before anything runs: not empty, neither it nor a folder above it a
    /// file, and no folder in it named like one of <paramref name="files"/>. Problems are at <c>--out:1:1</c>.
    /// </summary>
    public static string CheckOut(string dir, IEnumerable<string> files)
    {
        try
        {
            OutputFiles.Check(dir, files);
        }
        catch (OutputException e)
        {
            throw ScenarioException.One("--out", 1, 1, e.Message);
        }
        return dir;
    }

    /// <summary>
    /// What a scenario's output folders are named after: its name, or for a file named otherwise its file's name
    /// (<c>my-copy.yaml</c> → <c>my-copy</c>). A student's edited copy that kept <c>name: alma-will</c> would
    /// otherwise write into out/alma-will/ and replace the run the trainer made of the original.
    /// </summary>
    public static string FolderName(Scenario s)
    {
        string file = Path.GetFileNameWithoutExtension(s.SourcePath);
        return file.Length == 0 || file == s.Name ? s.Name : Safe(file);
    }

    /// <summary>Only letters, digits and <c>. = , + - _ @</c> are kept: no path separators, spaces or control characters.</summary>
    public static string Safe(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '=' or ',' or '+' or '-' or '_' or '@' ? c : '_');
        return sb.ToString();
    }

    /// <summary>Longest folder name made from a scenario name and its --set changes; longer ones are cut and end in a hash.</summary>
    public const int MaxFolderName = 100;

    /// <summary>
    /// The folder under out/ for a run: the scenario's name, and with --set changes the name, a dash
    /// and the changes joined by commas (<c>alma-will-will.avoidance=3</c>,
    /// <c>alma-will-will.avoidance=3,alma.wound=late</c>), so a what-if never overwrites the
    /// baseline. Only letters, digits and <c>. = , + - _ @</c> are kept (anything else becomes
    /// <c>_</c>: no path separators, spaces or control characters); a name over
    /// <see cref="MaxFolderName"/> characters is cut and ends in 8 hex digits of the changes' SHA-256.
    /// </summary>
    public static string RunFolder(string name, IReadOnlyList<string> sets)
    {
        if (sets.Count == 0) return name;
        string joined = string.Join(",", sets);
        string folder = name + "-" + Safe(joined);
        if (folder.Length > MaxFolderName)
        {
            string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..8];
            folder = folder[..(MaxFolderName - 9)] + "-" + hash;
        }
        // Windows drops a trailing dot from a folder name
        return folder.EndsWith('.') ? folder[..^1] + "_" : folder;
    }
}
