using System.CommandLine;
using Simulation.Reports;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>compare A [B]</c>: a what-if. Two scenarios, or one scenario and <c>--set</c>/<c>--stretch</c> changes for the
/// second run; both on the same seed, overlaid in compare.svg (and compare.png) and set side by side in compare.html.
/// </summary>
public sealed class CompareCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var first = new Argument<string>("A") { Description = "The scenario as it is (run A)." };
        var second = new Argument<string?>("B") { Description = "A second scenario (run B); without it, B is A with the --set changes.", Arity = ArgumentArity.ZeroOrOne };
        var options = new CommonOptions();
        var grains = new GrainOptions();
        var seeds = new Option<string?>("--seeds")
        {
            HelpName = "A-B",
            Description = "Compare over many seeds (A-B or A,B,C), the same for both: each side's mean with its interval, and each figure's change with its interval and how often it went the same way.",
        };
        var command = new Command("compare", "What if? Run two versions on the same seed (or --seeds) and show where and how they differ (compare.svg, compare.png, compare.html).");
        command.Arguments.Add(first);
        command.Arguments.Add(second);
        options.AddTo(command);
        command.Options.Add(seeds);
        grains.AddTo(command);
        command.SetAction(CliApp.Guarded(context, async (p, ct) =>
        {
            // The silo starts now and comes up while the input is read (it is stopped while the files are written).
            await using var simulate = Simulate.Start(grains.Choice(p), ct);
            string pathA = p.GetValue(first)!;
            string? pathB = p.GetValue(second);
            // `--set will.avoidance 3`: the 3 became the second file; say what run says of it rather than "3: no such file"
            if (pathB is not null && !File.Exists(pathB) && OptionErrors.SplitValue([.. p.Tokens.Select(t => t.Value)], pathB) is { } split)
                throw ScenarioException.One(split.Option, 1, 1, split.Message);
            var sets = options.Sets(p);
            var stretches = options.Stretches(p);
            var changes = options.Changes(p);
            if (pathB is null && changes.Length == 0)
                throw ScenarioException.One("couplesim", 1, 1, // a missing argument, reported where the others are (README)
                    "`couplesim compare` needs a second scenario or at least one --set or --stretch change (e.g. --set will.responsiveness=0.8, --stretch both@week3)");

            if (p.GetValue(seeds) is { } seedList)
                return await EnsembleAsync(context, simulate, options, p, pathA, pathB, sets, stretches, seedList, ct);

            // A is the scenario as written (with --length/--seed); B gets the changes
            var a = options.Apply(ScenarioLoader.Load(pathA), p, withSets: false);
            var b = pathB is null ? a : options.Apply(ScenarioLoader.Load(pathB), p, withSets: false);
            if (sets.Length > 0) b = ScenarioChanges.WithSets(b, sets);
            if (stretches.Length > 0) b = ScenarioStretches.WithStretches(b, stretches);
            b = ScenarioChanges.WithSeed(b, a.Spec.Seed); // the same seed, so only the change differs
            var (labelA, labelB) = Labels(a, b, pathB is null, sets, stretches);
            var size = options.ChartSize(p);
            // each what-if its own folder (out/alma-will-what-if-will.responsiveness=0.8): a second one never replaces the first
            string folder = CommonOptions.RunFolder(FolderBase(a, b, pathB is null), options.FolderChanges(p, a));
            string dir = CommonOptions.CheckOut(p.GetValue(options.Out) ?? Path.Combine("out", folder),
                [ComparisonWriter.ChartFile, ComparisonWriter.ImageFile, ComparisonWriter.PageFile, .. new[] { "a_", "b_" }.SelectMany(x => new[] { x + ReportWriter.TimelineFile, x + ReportWriter.EventsFile })]);

            // the chart code compiles on the other core while the runs simulate
            var warm = Task.Run(Reports.Charts.Figure.WarmUp, ct);
            var runs = await simulate.RunAsync(context, [("A: " + labelA, a.Spec), ("B: " + labelB, b.Spec)], ct);
            await warm;
            var ra = ScenarioReports.For(a, runs[0]) with { Label = labelA };
            var rb = ScenarioReports.For(b, runs[1]) with { Label = labelB };
            ComparisonWriter.Write(ra, rb, dir, size: size, cancellationToken: ct);

            var o = context.Output;
            o.WriteLine($"What if? {a.Title}");
            o.WriteLine($"  A: {labelA}");
            o.WriteLine($"  B: {labelB}");
            // allowed (a what-if across couples can teach), but a trainer should not mistake it for a change to one couple
            // partners are paired by id, so the same ids listed in another order are the same couple
            bool sameCouple = ComparisonWriter.SameCouple(runs[0], runs[1]);
            if (!sameCouple)
                o.WriteLine($"  Note: the two scenarios have different couples (A: {Couple(a)}; B: {Couple(b)}); only partners with the same id are compared figure by figure.");
            if (ComparisonWriter.CalendarNote(runs[0], runs[1]) is { } calendar) o.WriteLine($"  Note: {calendar}");
            o.WriteLine($"Wrote {Printable.Line(Path.TrimEndingDirectorySeparator(dir))}{Path.DirectorySeparatorChar}: {ComparisonWriter.ChartFile}, {ComparisonWriter.ImageFile}, {ComparisonWriter.PageFile}, a_/b_ timeline.csv and events.csv");
            var div = ComparisonWriter.FindDivergence(runs[0], runs[1]);
            // two couples part from the start: their first different event says nothing (the note above says why)
            if (sameCouple) o.WriteLine(div is null ? "  The runs are identical." : $"  Where they part: {div.Description}");
            o.WriteLine($"  Mean closeness  A {RunText.Fixed(ra.Metrics.MeanCloseness)}  B {RunText.Fixed(rb.Metrics.MeanCloseness)}");
            o.WriteLine($"  Positive share  A {RunText.Percent(ra.Metrics.PositiveShare)}  B {RunText.Percent(rb.Metrics.PositiveShare)}");
            if (div is not null) o.WriteLine($"  One seed: {ComparisonWriter.OneSeedNote}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// The sides' labels: A as written (or its name), B by its name with its changes. Printable: the labels also
    /// reach the progress bar, which writes to the terminal directly.
    /// </summary>
    private static (string A, string B) Labels(Scenario a, Scenario b, bool oneScenario,
        System.Collections.Immutable.ImmutableArray<string> sets, System.Collections.Immutable.ImmutableArray<string> stretches)
    {
        var (nameA, nameB) = oneScenario ? (a.Name, a.Name) : Names(a, b, withFile: true);
        return (oneScenario ? $"{nameA} as written" : Printable.Line(nameA),
                Printable.Line(nameB + (sets.Length + stretches.Length > 0 ? " with " + string.Join(", ", sets.Concat(stretches.Select(x => "stretch " + x))) : "")));
    }

    /// <summary>The output folder's name before its changes: <c>NAME-what-if</c>, or <c>A-vs-B</c> for two scenarios.</summary>
    private static string FolderBase(Scenario a, Scenario b, bool oneScenario)
    {
        if (oneScenario) return $"{CommonOptions.FolderName(a)}-what-if";
        var (nameA, nameB) = Names(a, b, withFile: false);
        return $"{CommonOptions.Safe(nameA)}-vs-{CommonOptions.Safe(nameB)}"; // file names may hold spaces ("my copy.yaml")
    }

    /// <summary>
    /// Two scenarios by name; when both files give the same <c>name:</c> (a student's edited copy), by their
    /// file names, so the sides, the page and the folder can be told apart: "alma-will (my-copy.yaml)", or in
    /// a folder's name "alma-will-vs-my-copy".
    /// </summary>
    private static (string A, string B) Names(Scenario a, Scenario b, bool withFile)
    {
        if (a.Name != b.Name) return (a.Name, b.Name);
        string fileA = Path.GetFileName(a.SourcePath), fileB = Path.GetFileName(b.SourcePath);
        if (fileA == fileB) (fileA, fileB) = (a.SourcePath, b.SourcePath); // the same file name in two folders
        if (fileA == fileB) return (a.Name, b.Name); // the same file on both sides
        return withFile
            ? ($"{a.Name} ({fileA})", $"{b.Name} ({fileB})")
            : (Path.GetFileNameWithoutExtension(a.SourcePath), Path.GetFileNameWithoutExtension(b.SourcePath));
    }

    /// <summary>
    /// <c>compare A --set … --seeds A-B</c> (or <c>compare A B --seeds …</c>): both sides on every seed, run as a
    /// sweep's batches on worker grains; compare.svg/png/html and runs.csv into out/NAME-what-if-CHANGES,seeds-A-B.
    /// </summary>
    private static async Task<int> EnsembleAsync(CliContext context, Simulate simulate, CommonOptions options, ParseResult p,
        string pathA, string? pathB, System.Collections.Immutable.ImmutableArray<string> sets,
        System.Collections.Immutable.ImmutableArray<string> stretches, string seedList, CancellationToken ct)
    {
        options.CheckSeedsAlone(p, "both sides run");
        options.CheckOneValueEach(p);
        // the workers get the very text the loader checked (the file is read once)
        var loadedA = ScenarioLoader.Load(pathA, out string textA);
        string textB = textA;
        var loadedB = pathB is null ? loadedA : ScenarioLoader.Load(pathB, out textB);
        // B's changes as the workers apply them (ScenarioChanges.WithChanges)
        string? length = p.GetValue(options.Length);
        var a = ScenarioChanges.WithChanges(loadedA, [], length, []);
        var b = ScenarioChanges.WithChanges(loadedB, sets, length, stretches);
        if (a.Spec.Partners.Select(x => x.Id).SequenceEqual(b.Spec.Partners.Select(x => x.Id)) is false)
            throw ScenarioException.One(pathB ?? pathA, 1, 1, "an ensemble compares the same couple: both scenarios need the same partner ids, in the same order");
        var seedsPlan = Sweeps.SweepPlan.ParseSeeds(seedList);
        var (labelA, labelB) = Labels(a, b, pathB is null, sets, stretches);
        var size = options.ChartSize(p);
        string folder = CommonOptions.RunFolder(FolderBase(a, b, pathB is null), [.. options.FolderChanges(p, a), $"seeds-{seedList}"]);
        string dir = CommonOptions.CheckOut(p.GetValue(options.Out) ?? Path.Combine("out", folder), EnsembleFiles.Names);

        Grains.SweepWork Work(string text, string path, System.Collections.Immutable.ImmutableArray<string> baseSets,
            System.Collections.Immutable.ImmutableArray<string> baseStretches, Scenario s) =>
            new(new Grains.SweepBatch(text, path, baseSets, length, [.. seedsPlan.Select((seed, k) => new Grains.SweepJob(k, [], seed))], WithCloseness: true)
            {
                BaseStretches = baseStretches,
            }, s.Spec.Hours);
        var warm = Task.Run(Reports.Charts.Figure.WarmUp, ct);
        var (outcomes, silos, took) = await simulate.SweepAsync(context, $"Comparing {a.Name} over {seedsPlan.Length} seeds",
            [Work(textA, pathA, [], [], a), Work(textB, pathB ?? pathA, sets, stretches, b)], ct);
        await warm;
        var ensemble = new Sweeps.Ensemble(
            new Sweeps.EnsembleSide(labelA, a, outcomes[0].Figures, outcomes[0].Closeness),
            new Sweeps.EnsembleSide(labelB, b, outcomes[1].Figures, outcomes[1].Closeness), seedsPlan);
        var written = EnsembleFiles.Write(ensemble, SweepInput.Command(p), dir, size, ct);

        var o = context.Output;
        o.WriteLine($"What if? {a.Title}, over {RunText.Plural(seedsPlan.Length, "seed")}");
        o.WriteLine($"  A: {labelA}");
        o.WriteLine($"  B: {labelB}");
        o.WriteLine($"Ran {2 * seedsPlan.Length} runs in {took.TotalSeconds:0.0} s on {RunText.Plural(silos, "silo")}");
        o.WriteLine($"Wrote {Printable.Line(Path.TrimEndingDirectorySeparator(dir))}{Path.DirectorySeparatorChar}: {string.Join(", ", written.Select(Path.GetFileName))}");
        foreach (var c in ensemble.Changes().Take(2))
            o.WriteLine($"  {c.Figure.Label,-15} A {RunText.Figure(c.Figure, c.A.Mean)}  B {RunText.Figure(c.Figure, c.B.Mean)}  change {RunText.FigureChange(c.Figure, c.Change.Mean)} " +
                        $"(95% interval {RunText.FigureChange(c.Figure, c.Change.Low, c.Change.Mean)} to {RunText.FigureChange(c.Figure, c.Change.High, c.Change.Mean)}), the same way on {c.SameWay} of {c.Seeds} seeds");
        // What a what-if most often changes for a class: whether the cycle still shows. Each side's claims are its own
        // scenario's; with one scenario they are the same claims, side by side.
        static int Shown(Sweeps.EnsembleSide side, int claim) => side.Runs.Count(r => r.Claims[claim]);
        if (a.Expect.SequenceEqual(b.Expect))
            foreach (var (claim, c) in a.Expect.Select((e, c) => (e, c)))
                o.WriteLine($"  Claim {c + 1}, \"{ClaimSentences.For(claim, a.Spec)}\": shown on {Shown(ensemble.A, c)} of {seedsPlan.Length} seeds in A, {Shown(ensemble.B, c)} in B");
        o.WriteLine($"  Every figure's change and each side's claims: {Printable.Line(Path.Combine(dir, ComparisonWriter.PageFile))}");
        return ExitCodes.Ok;
    }

    /// <summary>A scenario's partners as the note on different couples names them: "Alma (alma) and Will (will)".</summary>
    private static string Couple(Scenario s) => string.Join(" and ", s.Spec.Partners.Select(x => $"{Printable.Line(x.Name)} ({x.Id})"));
}
