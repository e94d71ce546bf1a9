using System.Globalization;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace Simulation.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class BrowserTests(BrowserFixture fx)
{
    private const string ClosenessPoints = "(document.querySelector('[data-role=closeness]')?.points.length ?? 0)";

    [Fact]
    public async Task Shows_the_scenario_notes_and_names_styles_as_the_sliders_move()
    {
        await OnPageAsync(async page =>
        {
            await Expect(page, "#title", "Alma and Will: the Sunday-evening cycle");
            Assert.StartsWith("Lower Will's avoidance", await page.TextContentAsync("#try"));
            // the notes' `commands` are set as code, not shown with their backticks
            Assert.Equal("couplesim check scenarios/alma-will.yaml --seeds 1-50", await page.Locator("#notice code").TextContentAsync());
            Assert.DoesNotContain("`", await page.TextContentAsync("#notice"));
            Assert.True(await page.Locator("#scenario option").CountAsync() > 1, "the whole library is offered");
            Assert.True(await page.Locator("#problems").IsHiddenAsync(), await page.TextContentAsync("#problems"));
            var will = page.Locator(".card[data-partner=will]");
            Assert.Equal("dismissing", await will.Locator(".style").TextContentAsync());
            Assert.Equal("Hendrix: minimiser", await will.Locator(".hendrix").TextContentAsync());
            await will.Locator("input[data-trait=avoidance]").FillAsync("2");
            Assert.Equal("secure", await will.Locator(".style").TextContentAsync());
            await will.Locator("input[data-trait=anxiety]").FillAsync("6");
            Assert.Equal("preoccupied", await will.Locator(".style").TextContentAsync());
            Assert.Equal("Hendrix: maximiser", await will.Locator(".hendrix").TextContentAsync());
            Assert.Equal("preoccupied", await page.Locator(".card[data-partner=alma] .style").TextContentAsync());
            Assert.Empty(fx.Offsite);
        });
    }

    [Fact]
    public async Task Plays_captions_stretches_branches_and_exports()
    {
        await OnPageAsync(async page =>
        {
            await Expect(page, "#title", "Alma and Will: the Sunday-evening cycle");
            await page.SelectOptionAsync("#speed", "12");

            // Play: the chart grows and events are captioned as they happen.
            await page.Keyboard.PressAsync(" ");
            await page.WaitForFunctionAsync($"() => {ClosenessPoints} >= 24");
            await page.WaitForSelectorAsync("#ticker li");
            await page.WaitForFunctionAsync($"() => {ClosenessPoints} >= 48");
            await page.Keyboard.PressAsync(" ");
            await page.WaitForFunctionAsync("() => document.querySelector('#play').textContent.includes('Play')");
            int points = await page.EvaluateAsync<int>($"() => {ClosenessPoints}");
            Assert.InRange(points, 48, 24 * 28);
            Assert.Matches(@"^(Sat|Sun|Mon|Tue) \d\d:\d\d — ", await page.Locator("#ticker li").Last.TextContentAsync());
            Assert.True(await page.Locator("[data-role=lane-will] path, [data-role=lane-alma] circle").CountAsync() > 0, "event markers on the lanes");

            // Step with the arrow key: one hour more.
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync($"() => {ClosenessPoints} === {points + 1}");

            // Stretch now, on this run.
            await page.ClickAsync("#interventions button[data-who=will]");
            await page.WaitForFunctionAsync("() => (document.querySelector('#ticker li')?.textContent ?? '').endsWith('Will stretches')");

            // Branch from here with Alma stretching too, then play both on.
            await page.SelectOptionAsync("#branch-change", "stretch:alma,will");
            await page.ClickAsync("#branch");
            await page.WaitForFunctionAsync("() => (document.querySelector('#ticker li')?.textContent ?? '').includes('branch: Alma and Will stretch')");
            await page.ClickAsync("#play");
            await page.WaitForFunctionAsync("() => (document.querySelector('[data-role=closeness-branch]')?.points.length ?? 0) >= 30");
            await page.ClickAsync("#play");
            await page.WaitForFunctionAsync("() => document.querySelector('#play').textContent.includes('Play')");
            Assert.True(await page.Locator("[data-role=difference] polygon").CountAsync() > 10, "the difference between the runs is shaded");
            Assert.Equal(1, await page.Locator("[data-role=closeness]").CountAsync());
            // Drawn as compare.png draws run B: dashed blue-violet, its hours shaded bluish green (closer) or pink (further apart).
            Assert.Equal("#332288", await page.GetAttributeAsync("[data-role=closeness-branch]", "stroke"));
            Assert.False(string.IsNullOrEmpty(await page.GetAttributeAsync("[data-role=closeness-branch]", "stroke-dasharray")), "the branch's closeness is dashed");
            var fills = await page.EvaluateAsync<string[]>("() => [...new Set([...document.querySelectorAll('[data-role=difference] polygon')].map(p => p.getAttribute('fill')))]");
            Assert.Subset(new HashSet<string> { "#009E73", "#CC79A7" }, fills.ToHashSet());
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "branch-normal.png") });

            // Export the chart as SVG: the same two curves, self-contained.
            var svgDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-svg"));
            Assert.Equal("alma-will-closeness.svg", svgDownload.SuggestedFilename);
            await svgDownload.SaveAsAsync(Path.Combine(fx.Screenshots, "exported-chart.svg"));
            var svg = XDocument.Load(await svgDownload.PathAsync());
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(ns + "svg", svg.Root!.Name);
            var lines = svg.Descendants(ns + "polyline").Select(p => (string?)p.Attribute("data-role")).ToArray();
            Assert.Contains("closeness", lines);
            Assert.Contains("closeness-branch", lines);
            Assert.Contains("stance-will-branch", lines);
            Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "branch: Alma and Will stretch");
            Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "Alma and Will: the Sunday-evening cycle — branch: Alma and Will stretch");
            // The clock never runs into the title: drawn, the export's title and clock do not overlap, with this
            // branch's label and with one too long to leave room (then the clock leads the line below).
            const string Clash = """
                (longer) => {
                  const label = state.branch.label;
                  if (longer) state.branch.label = label + ', and a much longer description of the change that was made here';
                  const host = document.createElement('div');
                  host.innerHTML = exportSvgText(1).text.replace(/^<\?xml[^>]*>/, '');
                  document.body.appendChild(host);
                  const box = (role) => host.querySelector(`[data-role=${role}]`)?.getBBox();
                  const t = box('export-title'), c = box('export-clock'), s = host.querySelector('[data-role=export-subtitle]').textContent;
                  host.remove();
                  state.branch.label = label;
                  if (!c) return s.startsWith(document.getElementById('clock').textContent) ? 'below' : 'the clock is on neither line';
                  return t.x + t.width < c.x ? 'beside' : `title ends at ${t.x + t.width}, clock starts at ${c.x}`;
                }
                """;
            Assert.Equal("beside", await page.EvaluateAsync<string>(Clash, false));
            Assert.Equal("below", await page.EvaluateAsync<string>(Clash, true));
            // A title longer than the whole line is cut with "…" inside the chart's width; the file's <title> keeps it whole.
            const string Overlong = """
                () => {
                  const label = state.branch.label;
                  state.branch.label = label + ', and then ' + 'a much longer description of the change, '.repeat(6);
                  const host = document.createElement('div');
                  host.innerHTML = exportSvgText(1).text.replace(/^<\?xml[^>]*>/, '');
                  document.body.appendChild(host);
                  const svg = host.querySelector('svg'), t = host.querySelector('[data-role=export-title]');
                  const width = svg.viewBox.baseVal.width, box = t.getBBox();
                  const result = [t.textContent.endsWith('…'), box.x + box.width <= width - 12, svg.querySelector('title').textContent.endsWith('change, ')].join(' ');
                  host.remove();
                  state.branch.label = label;
                  return result;
                }
                """;
            Assert.Equal("true true true", await page.EvaluateAsync<string>(Overlong));

            // Export the run as CSV: the timeline so far, header in the contract's layout.
            var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
            var csv = await File.ReadAllLinesAsync(await csvDownload.PathAsync());
            Assert.StartsWith("tick,time,closeness,alma_stance,", csv[0]);
            int shown = await page.EvaluateAsync<int>($"() => {ClosenessPoints}");
            Assert.True(csv.Length - 1 >= shown, $"{csv.Length - 1} rows for {shown} plotted hours");
            Assert.Equal("0", csv[1].Split(',')[0]);
            Assert.True(double.TryParse(csv[^1].Split(',')[2], NumberStyles.Float, CultureInfo.InvariantCulture, out _));

            var branchCsv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-branch-csv"));
            Assert.Matches(@"^alma-will-[0-9a-f]{12}-timeline\.csv$", branchCsv.SuggestedFilename);

            // Projector mode: key p; big type in the page and in the chart.
            await page.Keyboard.PressAsync("p");
            Assert.True(await page.EvaluateAsync<bool>("() => document.body.classList.contains('projector')"));
            Assert.Equal("22px", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontSize"));
            Assert.Equal("22", await page.Locator("#chart g[font-size]").First.GetAttributeAsync("font-size"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "branch-projector.png") });
            await page.ClickAsync("#projector");
            Assert.False(await page.EvaluateAsync<bool>("() => document.body.classList.contains('projector')"));
            Assert.Empty(fx.Offsite);
        });
    }

    [Fact]
    public async Task Moved_sliders_can_be_tried_as_a_branch()
    {
        await OnPageAsync(async page =>
        {
            await Expect(page, "#title", "Alma and Will: the Sunday-evening cycle");
            for (int i = 0; i < 5; i++) await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync($"() => {ClosenessPoints} === 5");
            Assert.True(await page.Locator("#branch-change option[value=traits]").IsDisabledAsync());

            var will = page.Locator(".card[data-partner=will]");
            await will.Locator("input[data-trait=avoidance]").FillAsync("3");
            Assert.Equal("changed: start a new run, or branch with these values", await will.Locator(".pending").TextContentAsync());
            await page.SelectOptionAsync("#branch-change", "traits");
            await page.ClickAsync("#branch");
            await page.WaitForFunctionAsync("() => document.querySelector('#ticker li')?.textContent?.endsWith('branch: Will now avoidance 3') ?? false");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync("() => (document.querySelector('[data-role=closeness-branch]')?.points.length ?? 0) === 2");
            Assert.Empty(fx.Offsite);
        });
    }

    [Fact]
    public async Task A_released_run_is_said_plainly_and_Play_starts_afresh()
    {
        await fx.RunAsync(async page =>
        {
            await Expect(page, "#title", "Alma and Will: the Sunday-evening cycle");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync($"() => {ClosenessPoints} === 1");
            string id = (await page.GetAttributeAsync("#export-csv", "href"))!.Split('/')[3];
            Assert.Equal(System.Net.HttpStatusCode.NoContent, (await fx.Host.Http.DeleteAsync($"api/runs/{id}")).StatusCode);

            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync("() => document.querySelector('#status').textContent.startsWith('This run was released')");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync($"() => {ClosenessPoints} === 1");
            Assert.NotEqual(id, (await page.GetAttributeAsync("#export-csv", "href"))!.Split('/')[3]);
        }, nameof(A_released_run_is_said_plainly_and_Play_starts_afresh), failedLoadsExpected: true);
    }

    [Fact]
    public async Task Screenshots_mid_run_in_both_modes()
    {
        await OnPageAsync(async page =>
        {
            await Expect(page, "#title", "Alma and Will: the Sunday-evening cycle");
            await page.SelectOptionAsync("#speed", "42");
            await page.ClickAsync("#play");
            await page.WaitForFunctionAsync($"() => {ClosenessPoints} >= 200");
            await page.ClickAsync("#play");
            await page.WaitForFunctionAsync("() => document.querySelector('#play').textContent.includes('Play')");
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "midrun-normal.png") });
            await page.Keyboard.PressAsync("p");
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "midrun-projector.png") });
            Assert.True(new FileInfo(Path.Combine(fx.Screenshots, "midrun-projector.png")).Length > 10_000);
        });
    }

    private Task OnPageAsync(Func<IPage, Task> test, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        fx.RunAsync(test, name);

    [Fact]
    public async Task The_trainers_story_pause_on_Sunday_evening_branch_where_Will_stretches()
    {
        await OnPageAsync(async page =>
        {
            await Expect(page, "#title", "Alma and Will: the Sunday-evening cycle");
            // Hour by hour to Sunday 18:00 (the 35th hour from Saturday 08:00).
            for (int i = 0; i < 35; i++) await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync("() => document.querySelector('#clock').textContent.startsWith('Sun 8 Mar · 18:00')");
            Assert.Equal(35, await page.EvaluateAsync<int>($"() => {ClosenessPoints}"));

            await page.SelectOptionAsync("#branch-change", "stretch:will");
            await page.ClickAsync("#branch");
            await page.WaitForFunctionAsync("() => (document.querySelector('#ticker li')?.textContent ?? '').endsWith('Sun 19:00 — branch: Will stretches')");
            await page.SelectOptionAsync("#speed", "42");
            await page.Keyboard.PressAsync(" ");
            await page.WaitForFunctionAsync("() => (document.querySelector('[data-role=closeness-branch]')?.points.length ?? 0) >= 24 * 7");
            await page.Keyboard.PressAsync(" ");
            await page.WaitForFunctionAsync("() => document.querySelector('#play').textContent.includes('Play')");
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "story-normal.png") });
            await page.Keyboard.PressAsync("p");
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "story-projector.png") });
            await page.SetViewportSizeAsync(1280, 720);
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "story-projector-720p.png") });

            // Both runs went on from the fork; the branch is drawn from the fork on, the difference shaded.
            int main = await page.EvaluateAsync<int>($"() => {ClosenessPoints}");
            int branch = await page.EvaluateAsync<int>("() => document.querySelector('[data-role=closeness-branch]').points.length");
            Assert.Equal(main - 35 + 1, branch);  // joined to the hour before the fork
            Assert.True(await page.Locator("[data-role=difference] polygon").CountAsync() > 0);
            Assert.Empty(fx.Offsite);
        });
    }

    private static async Task Expect(IPage page, string selector, string text) =>
        await page.WaitForFunctionAsync("([s, t]) => document.querySelector(s)?.textContent === t", new[] { selector, text });
}
