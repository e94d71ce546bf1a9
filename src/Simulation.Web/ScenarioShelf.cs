using System.Diagnostics;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Web;

/// <summary>A scenario as the page offers it, with the spec a run starts from.</summary>
internal sealed record ShelfScenario(ScenarioInfo Info, CoupleSpec Spec);

/// <summary>What the scenario folder holds right now: usable scenarios and one line per unreadable file.</summary>
internal sealed record ShelfListing(IReadOnlyList<ShelfScenario> Scenarios, IReadOnlyList<string> Problems);

/// <summary>
/// The scenario library behind the page, cached: a trainer can edit a file during the break and
/// reload the page, but a request does not read every file. At most once per
/// <see cref="DefaultCheckEvery"/> (or as told) the folder is listed and each file's size and time looked at; only a
/// new or changed file is read again (the loader is bounded: one bad or huge file costs a
/// fraction of a second once, and only marks itself broken).
/// </summary>
internal sealed class ScenarioShelf
{
    /// <summary>How stale the listing may be: a changed file shows on the next listing after this.</summary>
    public static readonly TimeSpan DefaultCheckEvery = TimeSpan.FromSeconds(1);

    private readonly string? _directory;
    private readonly Func<ShelfListing>? _load;
    private readonly TimeSpan _checkEvery;
    private readonly Lock _refresh = new();
    private readonly Dictionary<string, (FileStamp Stamp, ShelfScenario? Scenario, IReadOnlyList<string> Problems)> _files = new(StringComparer.Ordinal);
    private volatile ShelfListing? _listing;
    private long _checkedAt;
    private int _reads;

    /// <summary>The library in <paramref name="directory"/>, checked for changes at most once per <paramref name="checkEvery"/>.</summary>
    public ScenarioShelf(string directory, TimeSpan? checkEvery = null)
    {
        _directory = directory;
        _checkEvery = checkEvery ?? DefaultCheckEvery;
    }

    /// <summary>A shelf that asks <paramref name="load"/> on every listing (tests: a library that fails).</summary>
    public ScenarioShelf(Func<ShelfListing> load)
    {
        _load = load;
        _checkEvery = TimeSpan.Zero;
    }

    /// <summary>Scenario files read so far (a file is read when it is new or has changed).</summary>
    public int Reads => Volatile.Read(ref _reads);

    public ShelfListing List()
    {
        if (_load is not null) return _load();
        var listing = _listing;
        if (listing is not null && Stopwatch.GetElapsedTime(Volatile.Read(ref _checkedAt)) < _checkEvery) return listing;
        // One request looks at the folder; the others meanwhile take the listing as it was.
        if (listing is not null && !_refresh.TryEnter()) return listing;
        if (listing is null) _refresh.Enter();
        try
        {
            if (_listing is { } fresh && Stopwatch.GetElapsedTime(Volatile.Read(ref _checkedAt)) < _checkEvery) return fresh;
            _listing = Refresh();
            Volatile.Write(ref _checkedAt, Stopwatch.GetTimestamp());
            return _listing;
        }
        finally { _refresh.Exit(); }
    }

    private ShelfListing Refresh()
    {
        string directory = _directory!;
        var scenarios = new List<ShelfScenario>();
        var problems = new List<string>();
        if (!Directory.Exists(directory)) problems.Add($"{Printable.Line(directory)}: error: no such scenario folder");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in ScenarioLibrary.Find(directory))
        {
            seen.Add(path);
            var stamp = FileStamp.Of(path);
            if (!_files.TryGetValue(path, out var file) || file.Stamp != stamp)
            {
                Interlocked.Increment(ref _reads);
                file = ScenarioLoader.TryLoad(path, out var scenario, out var diagnostics)
                    ? (stamp, WorkshopServer.Shelve(scenario!), [])
                    : (stamp, null, diagnostics.Select(d => d.ToString()).ToArray());
                _files[path] = file;
            }
            if (file.Scenario is not { } s)
            {
                problems.AddRange(file.Problems);
                continue;
            }
            if (scenarios.Any(x => x.Info.Name == s.Info.Name))
            {
                problems.Add($"{Printable.Line(path)}:1:1: error: scenario name '{s.Info.Name}' is used by another file; this one is not offered");
                continue;
            }
            scenarios.Add(s);
        }
        foreach (var gone in _files.Keys.Where(k => !seen.Contains(k)).ToArray()) _files.Remove(gone);
        return new ShelfListing(scenarios, problems);
    }

    /// <summary>What tells a changed file from the one read: its size and last write time (a missing file has neither).</summary>
    private readonly record struct FileStamp(long Length, DateTime Written)
    {
        public static FileStamp Of(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : default;
            }
            catch (IOException) { return default; }
            catch (UnauthorizedAccessException) { return default; }
        }
    }
}
