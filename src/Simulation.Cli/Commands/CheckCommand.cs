using System.CommandLine;
using Simulation.Reports;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary>
/// <c>check [FILE…] [--seed N | --seeds A-B] [--length L] [--set …]</c>: run scenarios and verify their <c>expect:</c>
/// claims; exit 1 if any fails (with --seeds: if any shows on half the seeds or fewer). The options apply to every file.
/// </summary>
public sealed class CheckCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario files (default: scenarios/*.yaml).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("check", "Run scenarios and verify their expect: claims (exit code 1 if any claim fails).");
        command.Arguments.Add(files);
        var options = new CommonOptions();
        var grains = new GrainOptions();
        command.Options.Add(options.Seed);
        command.Options.Add(options.Length);
        command.Options.Add(options.Set);
        var seeds = new Option<string?>("--seeds")
        {
            HelpName = "A-B",
            Description = "Try every claim on each of these seeds (A-B or A,B,C, e.g. 1-20): a claim holds when it shows on most of them, as a pattern should.",
        };
        command.Options.Add(seeds);
        grains.AddTo(command);
        command.SetAction(CliApp.Guarded(context, async (p, ct) =>
        {
            OptionErrors.RefuseOptionsAsFiles(command, p.GetValue(files) ?? []); // a typed mistake needs no silo
            // The silo starts now and comes up while the input is read (it is stopped while the files are written).
            await using var simulate = Simulate.Start(grains.Choice(p), ct);
            var paths = p.GetValue(files) is { Length: > 0 } given ? given.ToList() : [.. ScenarioLibrary.Find(ScenarioLibrary.Folder)];
            if (paths.Count == 0)
                throw ScenarioException.One(ScenarioLibrary.Folder, 1, 1, $"no scenario files given and none in {ScenarioLibrary.Folder}/");

            // load them all first: one broken file stops the check before anything runs
            var scenarios = new List<Scenario>();
            var texts = new List<string>(); // each file's text as read, for the workers of --seeds
            var problems = new List<Diagnostic>();
            foreach (var f in paths)
            {
                try
                {
                    var s = ScenarioLoader.Load(f, out string text);
                    try { scenarios.Add(options.Apply(s, p)); }
                    // an option's problem with one of several files ("unknown partner `will`") says which file
                    catch (ScenarioException e) { problems.AddRange(e.Diagnostics.Select(d => paths.Count > 1 ? new Diagnostic(d.Location, $"{f}: {d.Message}") : d)); continue; }
                    texts.Add(text);
                }
                catch (ScenarioException e) { problems.AddRange(e.Diagnostics); }
            }
            if (problems.Count > 0) throw new ScenarioException(problems);
            if (p.GetValue(seeds) is { } seedList) return await OverSeedsAsync(context, simulate, options, p, scenarios, texts, seedList, ct);

            var runs = await simulate.RunAsync(context, [.. scenarios.Select(s => (s.Name, s.Spec))], ct);
            int failed = 0, claims = 0;
            // a what-if's claims are tried on the changed couple: say so, lest a claim not shown read as a mistake in the file
            var changes = options.Changes(p);
            string with = changes.Length > 0 ? $" with {Printable.Line(string.Join(", ", changes))}" : "";
            for (int i = 0; i < scenarios.Count; i++)
            {
                var s = scenarios[i];
                var results = Expectations.Evaluate(s, runs[i]);
                context.Output.WriteLine($"{Printable.Line(s.SourcePath)} ({s.Name}, seed {s.Spec.Seed}, {RunText.Length(s.Spec.Hours)}){with}");
                if (results.Length == 0) context.Output.WriteLine("  (no claims)");
                foreach (var r in results)
                {
                    claims++;
                    var claim = ScenarioReports.Outcome(r).Claim;
                    if (!r.Passed)
                    {
                        failed++;
                        context.Error.WriteLine($"{r.Expectation.Location}: error: claim not shown{with}: {claim}: {r.Detail}");
                    }
                    context.Output.WriteLine($"  {(r.Passed ? "✔" : "✘")} {claim}: {r.Detail}");
                }
            }
            context.Output.WriteLine(failed == 0
                ? $"All {claims} claims shown in {RunText.Plural(scenarios.Count, "scenario")}."
                : $"{failed} of {claims} claims not shown.");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
        }));
        return command;
    }

    /// <summary>
    /// <c>check --seeds A-B</c>: every scenario on every seed, as a sweep's batches on worker grains (verdicts only), and
    /// each claim's share of the seeds. A claim holds when it shows on more than half: "most seeds", as the notes put it.
    /// </summary>
    private static async Task<int> OverSeedsAsync(CliContext context, Simulate simulate, CommonOptions options, ParseResult p,
        List<Scenario> scenarios, List<string> texts, string seedList, CancellationToken ct)
    {
        options.CheckSeedsAlone(p, "every scenario runs");
        var seedsPlan = Sweeps.SweepPlan.ParseSeeds(seedList);
        long hours = scenarios.Sum(s => (long)s.Spec.Hours) * seedsPlan.Length;
        if (hours > Sweeps.SweepPlan.MaxHours)
            throw ScenarioException.One("--seeds", 1, 1, $"{scenarios.Count * seedsPlan.Length:N0} runs make {hours:N0} simulated hours; a check takes at most {Sweeps.SweepPlan.MaxHours:N0} (fewer seeds or files, or shorter runs)");

        // the workers get the very text the loader checked, with the same --set and --length
        var sets = options.Sets(p);
        string? length = p.GetValue(options.Length);
        var works = scenarios.Select((s, i) => new Grains.SweepWork(new Grains.SweepBatch(texts[i], s.SourcePath, sets, length,
            [.. seedsPlan.Select((seed, k) => new Grains.SweepJob(k, [], seed))]), s.Spec.Hours)).ToList();
        var (outcomes, _, _) = await simulate.SweepAsync(context, $"Checking {RunText.Plural(scenarios.Count, "scenario")} over {RunText.Plural(seedsPlan.Length, "seed")}", works, ct);

        var changes = options.Changes(p);
        string with = changes.Length > 0 ? $" with {Printable.Line(string.Join(", ", changes))}" : "";
        int failed = 0, claims = 0, n = seedsPlan.Length;
        for (int i = 0; i < scenarios.Count; i++)
        {
            var s = scenarios[i];
            context.Output.WriteLine($"{Printable.Line(s.SourcePath)} ({s.Name}, seeds {Printable.Line(seedList.Trim())}, {RunText.Length(s.Spec.Hours)}){with}");
            if (s.Expect.Length == 0) context.Output.WriteLine("  (no claims)");
            for (int c = 0; c < s.Expect.Length; c++)
            {
                claims++;
                int shown = outcomes[i].Figures.Count(r => r.Claims[c]);
                bool holds = 2 * shown > n;
                string claim = ClaimSentences.For(s.Expect[c], s.Spec);
                if (!holds)
                {
                    failed++;
                    context.Error.WriteLine($"{s.Expect[c].Location}: error: claim not shown on most seeds{with} ({shown} of {n}): {claim}");
                }
                context.Output.WriteLine($"  {(holds ? "✔" : "✘")} {claim}: shown on {shown} of {n} seeds");
            }
        }
        context.Output.WriteLine(failed == 0
            ? $"All {claims} claims shown on most of {RunText.Plural(n, "seed")} in {RunText.Plural(scenarios.Count, "scenario")}."
            : $"{failed} of {claims} claims not shown on most of {RunText.Plural(n, "seed")}.");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }
}
