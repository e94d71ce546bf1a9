using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Scenarios;

namespace Simulation.Sweeps;

/// <summary>One partner's figures in one run (as <see cref="PartnerMetrics"/> defines them).</summary>
public sealed record PartnerFigures(int Bids, int Protests, double TimeWithdrawn, double MeanDistress, int GiveUps);

/// <summary>
/// What a sweep keeps of one run: its figures and whether each teaching claim showed — a few numbers,
/// not the timeline, so a batch of runs comes back from a worker grain in a small message.
/// </summary>
/// <param name="Run">The run's place in its sweep (see <see cref="SweepPlan"/>).</param>
/// <param name="Partners">In scenario order.</param>
/// <param name="Claims">One per claim of the scenario's <c>expect:</c>, in order: shown or not.</param>
public sealed record RunFigures(
    int Run, double MeanCloseness, double PositiveShare, int Interactions,
    ImmutableArray<PartnerFigures> Partners, ImmutableArray<bool> Claims)
{
    /// <summary>The figures of a finished run of <paramref name="scenario"/>, and its claims' verdicts.</summary>
    public static RunFigures Of(int run, Scenario scenario, RunResult result)
    {
        var m = RunMetrics.Compute(result);
        return new RunFigures(run, m.MeanCloseness, m.PositiveShare, m.Interactions,
            [.. m.Partners.Select(p => new PartnerFigures(p.Bids, p.Protests, p.TimeWithdrawn, p.MeanDistress, p.GiveUps))],
            Expectations.Verdicts(scenario, result));
    }
}

/// <summary>A figure the sweep tables and charts show: its column name, its words, and how to read it off a run.</summary>
/// <param name="Count">A whole number per run (bids, protests …), written without decimals in runs.csv.</param>
/// <param name="Share">A share of 0 to 1 (positive share, time withdrawn), shown as a percentage.</param>
/// <param name="HigherIsBetter">Whether more of it is the warmer, calmer side (closeness, interactions that went
/// well), less of it (protests, distress, time withdrawn, give-ups), or neither (how many interactions or bids).</param>
public sealed record RunFigure(string Column, string Label, string Meaning, Func<RunFigures, double> Read, bool Count = false, bool Share = false, bool? HigherIsBetter = null, bool UpToOne = false)
{
    /// <summary>The highest a run's value (and so a mean's interval) can reach; every figure is 0 or more.</summary>
    public double Highest => Share || UpToOne ? 1 : double.PositiveInfinity;

    /// <summary>The figures of a scenario's runs, in table order: the couple's, then each partner's.</summary>
    public static ImmutableArray<RunFigure> For(Scenario scenario)
    {
        var list = new List<RunFigure>
        {
            new("mean_closeness", "Mean closeness", "closeness averaged over every hour (0 apart, 1 close)", f => f.MeanCloseness, HigherIsBetter: true, UpToOne: true),
            new("positive_share", "Positive share", "share of interactions that went well (answered, soothed or accepted)", f => f.PositiveShare, Share: true, HigherIsBetter: true),
            new("interactions", "Interactions", "bids, protests, call-backs and repairs that got an answer or a refusal", f => f.Interactions, Count: true),
        };
        foreach (var (p, i) in scenario.Spec.Partners.Select((p, i) => (p, i)))
        {
            list.Add(new($"{p.Id}_bids", $"{p.Name}'s bids", $"calm reaches for contact by {p.Name}", f => f.Partners[i].Bids, Count: true));
            list.Add(new($"{p.Id}_protests", $"{p.Name}'s protests", $"distressed, demanding bids by {p.Name}", f => f.Partners[i].Protests, Count: true, HigherIsBetter: false));
            list.Add(new($"{p.Id}_time_withdrawn", $"{p.Name} withdrawn", $"share of hours {p.Name} spent withdrawn", f => f.Partners[i].TimeWithdrawn, Share: true, HigherIsBetter: false));
            list.Add(new($"{p.Id}_mean_distress", $"{p.Name}'s distress", $"{p.Name}'s distress averaged over every hour", f => f.Partners[i].MeanDistress, HigherIsBetter: false));
            list.Add(new($"{p.Id}_give_ups", $"{p.Name}'s give-ups", $"times {p.Name} gave up pursuing and turned angry", f => f.Partners[i].GiveUps, Count: true, HigherIsBetter: false));
        }
        return [.. list];
    }

    /// <summary>The figure whose column is <paramref name="column"/>, or a one-line problem at <c>--map</c>.</summary>
    public static RunFigure Named(ImmutableArray<RunFigure> figures, string column) =>
        figures.FirstOrDefault(f => f.Column == column)
        ?? throw ScenarioException.One("--map", 1, 1,
            $"no figure `{Printable.Quote(column)}`{Spelling.DidYouMean(column, figures.Select(f => f.Column))}; the figures are {string.Join(", ", figures.Select(f => $"`{f.Column}`"))}");
}
