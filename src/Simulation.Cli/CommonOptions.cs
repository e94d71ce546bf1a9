using System.CommandLine;
using System.Collections.Immutable;
using Simulation.Reports.Charts;
using Simulation.Scenarios;

namespace Simulation.Cli;

/// <summary>Options shared by run and compare.</summary>
public sealed class CommonOptions
{
    public Option<ulong?> Seed { get; } = new("--seed") { HelpName = "N", Description = "Random seed (default: the scenario's). Same seed, same results." };
    public Option<string?> Length { get; } = new("--length") { HelpName = "4w", Description = "Run length: a whole number and h, d, w or y (e.g. 36h, 3d, 4w, 1y)." };
    public Option<string[]> Set { get; } = new("--set")
    {
        HelpName = "ID.KEY=VALUE",
        Description = "Change one thing: ID.KEY=VALUE for a partner (anxiety, avoidance, wound or any derived parameter, e.g. will.responsiveness=0.8) or KEY=VALUE for closeness, seed, length. Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };
    public Option<string?> Out { get; } = new("--out") { HelpName = "DIR", Description = "Output directory." };
    public Option<string?> Size { get; } = new("--size") { HelpName = "WxH", Description = "Size of the charts (PNG and SVG) in pixels (default: 1920x1080)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Seed);
        command.Options.Add(Length);
        command.Options.Add(Set);
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

    /// <summary>Applies --set, then --length, then --seed (so the flags win over a set of the same key).</summary>
    public Scenario Apply(Scenario s, ParseResult p, bool withSets = true)
    {
        var sets = Sets(p);
        if (withSets && sets.Length > 0) s = ScenarioChanges.WithSets(s, sets);
        if (p.GetValue(Length) is { } length) s = ScenarioChanges.WithLength(s, length);
        if (p.GetValue(Seed) is { } seed) s = ScenarioChanges.WithSeed(s, seed);
        return s;
    }

    /// <summary>Checks an output directory before anything runs: neither it nor a folder above it may be a file.</summary>
    public static string CheckOut(string dir)
    {
        for (var d = new DirectoryInfo(Path.GetFullPath(dir)); d is not null; d = d.Parent)
        {
            if (File.Exists(d.FullName))
                throw ScenarioException.One("--out", 1, 1, d.FullName == Path.GetFullPath(dir)
                    ? $"`{dir}` is a file, not a directory"
                    : $"cannot write into `{dir}`: `{d.FullName}` is a file");
            if (d.Exists) break;
        }
        return dir;
    }
}
