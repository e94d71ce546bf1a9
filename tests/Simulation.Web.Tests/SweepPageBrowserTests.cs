using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Reports;
using Simulation.Reports.Charts;
using Simulation.Scenarios;
using Simulation.Sweeps;

namespace Simulation.Web.Tests;

/// <summary>sweep.html as a projector's browser lays it out (Chromium at 1280 px, the README's projector width).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SweepPageBrowserTests(BrowserFixture fx)
{
    [Theory]
    [InlineData("will.avoidance=1:7:1")]
    [InlineData("will.avoidance=1:7:0.5", "alma.anxiety=1:7:0.5")] // a second key's column, values such as 5.5
    public async Task The_grid_point_table_with_seven_claims_fits_1280_px_without_scrolling(params string[] vary)
    {
        // A real sweep of alma-will (seven claims) of four-week runs: their counts (130.8 ±17.4) are as wide as a student's.
        var scenario = ScenarioLoader.Load(Path.Combine(WorkshopHost.RepoScenarios, "alma-will.yaml"));
        var plan = SweepPlan.Parse(scenario, vary, "1-2");
        var figures = RunFigure.For(plan.Scenario);
        ImmutableArray<RunFigures> runs = [.. Enumerable.Range(0, plan.Runs).Select(r => RunFigures.Of(r, plan.ScenarioOf(r), CoupleSimulation.Run(plan.ScenarioOf(r).Spec)))];
        var sweep = new SweepResult(plan, figures, RunFigure.Named(figures, "mean_closeness"), runs, SweepSummary.Of(plan, figures, runs), "couplesim sweep alma-will.yaml");
        Assert.Equal(7, plan.Scenario.Expect.Length);
        string html = SweepPage.Write(sweep, SweepChart.Render(sweep, plan.Scenario.Title, ChartSize.Default).Svg);

        // 1280 px less a desktop browser's scroll bar
        var context = await fx.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1265, Height = 720 } });
        try
        {
            var page = await context.NewPageAsync();
            await page.SetContentAsync(html);
            int[] widths = await page.EvaluateAsync<int[]>("() => { const w = document.querySelector('.wide'); return [w.scrollWidth, w.clientWidth, document.documentElement.scrollWidth, innerWidth]; }");
            Assert.True(widths[0] <= widths[1], $"the table is {widths[0]} px wide in a {widths[1]} px box: its last columns scroll out of sight");
            Assert.True(widths[2] <= widths[3], $"the page is {widths[2]} px wide on a {widths[3]} px screen");
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, $"sweep-page-1280-{vary.Length}-keys.png"), FullPage = true });
        }
        finally { await context.CloseAsync(); }
    }
}
