using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace Simulation.Web.Tests;

/// <summary>
/// The workshop page's second pass (issue 16), in Debian's Chromium against the repository's
/// library: runs freed and counted, no races, long runs, the projector at 720p and 1080p, the
/// controls, exports. Every test also fails on any console error or uncaught exception.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTests(BrowserFixture fx)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string ClosenessPoints = "(document.querySelector('[data-role=closeness]')?.points.length ?? 0)";
    private const string BranchPoints = "(document.querySelector('[data-role=closeness-branch]')?.points.length ?? 0)";
    private const string Idle = "async () => { await state.queue; await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }";

    private Task OnPageAsync(Func<IPage, Task> test, string query = "?scenario=alma-will", int width = 1600, int height = 1000,
        bool touch = false, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        fx.RunAsync(test, name, width, height, query, touch);

    private async Task<RunsInfo> ServerRuns() => (await fx.Host.Http.GetFromJsonAsync<RunsInfo>("api/runs", Json))!;

    private async Task FreeAll() => await fx.Host.Http.DeleteAsync("api/runs");

    private static async Task Pause(IPage page)
    {
        await page.EvaluateAsync("() => pause()");
        await page.EvaluateAsync(Idle);
    }

    private static async Task PlayUntil(IPage page, string condition, string speed = "12")
    {
        await page.SelectOptionAsync("#speed", speed);
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync($"() => {condition}", null, new() { Timeout = 60_000 });
        await Pause(page);
    }

    private static async Task<string> RunId(IPage page, string which = "main") =>
        await page.EvaluateAsync<string>($"() => state.{which}.info.id");

    // ---------- runs you can see and free ----------

    [Fact]
    public async Task Switching_scenario_while_playing_repeatedly_never_races()
    {
        await FreeAll();
        await OnPageAsync(async page =>
        {
            await page.WaitForFunctionAsync("() => state.scenario !== null");
            string[] order = ["min-max-escalation", "alma-will", "stretching", "secure-secure", "max-max-standoff"];
            var rng = new Random(16);
            await page.SelectOptionAsync("#speed", "12");
            for (int i = 0; i < 12; i++)
            {
                await page.Keyboard.PressAsync(" ");                       // play
                await page.WaitForTimeoutAsync(rng.Next(30, 450));
                if (i % 3 == 1)
                {
                    // Branch while playing, when there is something to branch from.
                    await page.EvaluateAsync("() => { if (!document.getElementById('branch').disabled) document.getElementById('branch').click(); }");
                    await page.WaitForTimeoutAsync(rng.Next(0, 200));
                }
                if (i % 4 == 3) { await page.Keyboard.PressAsync(" "); await page.Keyboard.PressAsync(" "); }  // pause, play
                await page.SelectOptionAsync("#scenario", order[i % order.Length]);
                if (i % 2 == 0) await page.Keyboard.PressAsync(" ");      // play again at once, on the new scenario
                await page.WaitForTimeoutAsync(rng.Next(0, 300));
            }
            await Pause(page);

            // The page shows the last scenario picked, its own run if any, and no other scenario's words.
            string picked = order[11 % order.Length];
            var title = await page.EvaluateAsync<string>("() => state.scenario.title");
            Assert.Equal(title, await page.TextContentAsync("#title"));
            string status = (await page.TextContentAsync("#status"))!;
            Assert.DoesNotContain("Cannot read", status);
            Assert.False(await page.EvaluateAsync<bool>("() => document.getElementById('status').classList.contains('error')"), status);
            await PlayUntil(page, $"{ClosenessPoints} >= 24");
            var info = (await fx.Host.Http.GetFromJsonAsync<RunInfo>($"api/runs/{await RunId(page)}", Json))!;
            Assert.Equal(picked, info.Scenario);

            // Nothing leaked: the server holds this page's run (and branch) only.
            int mine = await page.EvaluateAsync<int>("() => [state.main, state.branch].filter(Boolean).length");
            Assert.Equal(mine, (await ServerRuns()).Count);
        });
    }

    [Fact]
    public async Task A_closing_tab_frees_its_runs_and_the_page_shows_the_count()
    {
        await FreeAll();
        var page = await fx.OpenAsync();
        await page.WaitForFunctionAsync("() => state.scenario !== null");
        for (int i = 0; i < 3; i++) await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync($"() => {ClosenessPoints} === 3");
        await page.SelectOptionAsync("#branch-change", "stretch:will");
        await page.ClickAsync("#branch");
        await page.WaitForFunctionAsync("() => state.branch !== null");
        Assert.Equal(2, (await ServerRuns()).Count);
        await page.WaitForFunctionAsync($"() => document.getElementById('run-count').textContent === 'runs on the server: 2 of {BrowserFixture.MaxRuns}'");

        // The tab goes away (pagehide → navigator.sendBeacon); the server lets both runs go.
        await page.CloseAsync();
        await WaitForRuns(0);

        // Leaving the page for another frees them too.
        var other = await fx.OpenAsync();
        await other.WaitForFunctionAsync("() => state.scenario !== null");
        await other.Keyboard.PressAsync("ArrowRight");
        await other.WaitForFunctionAsync($"() => {ClosenessPoints} === 1");
        await WaitForRuns(1);
        await other.GotoAsync("about:blank");
        await WaitForRuns(0);
        await other.Context.CloseAsync();
    }

    private async Task WaitForRuns(int count)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        int now;
        while ((now = (await ServerRuns()).Count) != count && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.Equal(count, now);
    }

    [Fact]
    public async Task At_the_limit_the_page_says_what_to_do_and_free_all_ends_every_run()
    {
        await FreeAll();
        for (int i = 0; i < BrowserFixture.MaxRuns; i++)
            Assert.True((await fx.Host.Http.PostAsJsonAsync("api/runs", new { scenario = "alma-will" })).IsSuccessStatusCode);
        await fx.RunAsync(async page =>
        {
            await page.WaitForFunctionAsync("() => state.scenario !== null");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('Free all runs')");
            string status = (await page.TextContentAsync("#status"))!;
            Assert.StartsWith($"the server holds {BrowserFixture.MaxRuns} runs, its limit: press \u201cFree all runs\u201d", status);
            Assert.Contains("close workshop tabs you no longer use", status);
            Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('free-all').classList.contains('attention')"));
            await page.WaitForFunctionAsync($"() => document.getElementById('run-count').textContent === 'runs on the server: {BrowserFixture.MaxRuns} of {BrowserFixture.MaxRuns}'");

            // Two presses: the first asks, the second frees every tab's runs.
            await page.ClickAsync("#free-all");
            Assert.Equal("Free every tab's runs? Press again", await page.TextContentAsync("#free-all"));
            Assert.Equal(BrowserFixture.MaxRuns, (await ServerRuns()).Count);
            await page.ClickAsync("#free-all");
            await page.WaitForFunctionAsync($"() => document.getElementById('status').textContent === 'Freed {BrowserFixture.MaxRuns} runs (every tab\\'s). Press Play to start again.'");
            Assert.Equal(0, (await ServerRuns()).Count);
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync($"() => {ClosenessPoints} === 1");
            await page.WaitForFunctionAsync($"() => document.getElementById('run-count').textContent === 'runs on the server: 1 of {BrowserFixture.MaxRuns}'");
        }, nameof(At_the_limit_the_page_says_what_to_do_and_free_all_ends_every_run), failedLoadsExpected: true);  // the refused run is a 429
    }

    // ---------- long runs and slow change ----------

    [Fact]
    public async Task A_year_has_month_labels_distress_and_traits_and_stays_light()
    {
        await FreeAll();
        await OnPageAsync(async page =>
        {
            await page.WaitForFunctionAsync("() => state.scenario?.name === 'secure-calms-anxious'");
            Assert.True(await page.IsCheckedAsync("#show-traits"));
            await page.SelectOptionAsync("#window", "0");
            await PlayUntil(page, "state.main?.finished === true", speed: "168");
            int days = await page.EvaluateAsync<int>("() => new Set(state.main.ticks.map(t => t.time.slice(0, 10))).size");
            Assert.InRange(days, 364, 366);

            // Distress on the report's scale: at least 0–2, so a calmer couple does not fill the panel as a stormy one does.
            double highest = await page.EvaluateAsync<double>("() => Math.max(...state.main.ticks.flatMap(t => t.partners.map(p => p.distress)))");
            double top = double.Parse((await page.TextContentAsync("[data-role=top-of-distress]"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(top >= 2 && top >= highest && top <= 1.5 * Math.Max(2, highest * 1.05), $"distress axis to {top} for a highest of {highest:0.00}");

            // Months on the axis, not "Sun 4, Sun 25".
            var labels = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-role=time-axis] text')].map(t => t.textContent)");
            Assert.True(labels.Count(l => Regex.IsMatch(l, @"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?$")) >= 10, string.Join(", ", labels));
            Assert.Contains("Jan 2026", labels);
            Assert.DoesNotContain(labels, l => Regex.IsMatch(l, @"^(Sun|Mon|Tue|Wed|Thu|Fri|Sat)\b"));

            // Drawn as the report draws a long run: a point a day; markers counted per day and kind, or per
            // week when a day is narrower than a marker (so one marker per kind, lane and bucket, no more).
            Assert.InRange(await page.EvaluateAsync<int>($"() => {ClosenessPoints}"), days - 1, days + 1);
            Assert.InRange(await page.EvaluateAsync<int>("() => document.querySelector('[data-role=anxiety-nora]').points.length"), days - 1, days + 1);
            int bucket = int.Parse((await page.GetAttributeAsync("[data-role=lane-nora]", "data-bucket-days"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(7, bucket);  // a year on 1,300 px: a day is 3.6 px, a week 25
            int distinct = await page.EvaluateAsync<int>($"() => {{ const h = parseTime(state.main.info.start).getUTCHours(); return new Set(state.main.events.flatMap(e => e.marks.map(m => `${{Math.floor(Math.floor((e.tick + h) / 24) / {bucket})}}|${{m.partner}}|${{m.kind}}`))).size; }}");
            Assert.Equal(distinct, await page.Locator("#chart .mark").CountAsync());
            Assert.InRange(distinct, 50, 53 * 9 * 2);
            Assert.True(await page.Locator("[data-role=closeness-range]").CountAsync() == 1);

            // The drift of the traits is visible: the anxiety line spans as much of its panel as the data moved.
            double drift = await page.EvaluateAsync<double>("() => { const t = state.main.ticks; return t[0].partners[0].anxiety - t[t.length - 1].partners[0].anxiety; }");
            double span = await page.EvaluateAsync<double>("() => { const ys = [...document.querySelector('[data-role=anxiety-nora]').points].map(p => p.y); return Math.max(...ys) - Math.min(...ys); }");
            if (Math.Abs(drift) > 0.3) Assert.True(span > 10, $"anxiety moved {drift:0.00} but its line spans {span:0.0} px");
            Console.WriteLine($"secure-calms-anxious: Nora's anxiety moved {drift:0.00} over the year; its line spans {span:0} px");

            // Responsive: a redraw of the whole year, timed in the page (recorded in docs/performance.md, not asserted).
            double ms = await page.EvaluateAsync<double>("() => { const t = performance.now(); for (let i = 0; i < 10; i++) renderNow(); return (performance.now() - t) / 10; }");
            int elements = await page.EvaluateAsync<int>("() => document.querySelectorAll('#chart *').length");
            Console.WriteLine($"a year, whole run shown: {ms:0.0} ms a redraw, {elements} SVG elements");
            Assert.True(elements < 12_000, $"{elements} SVG elements for a year");
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "year-normal.png") });

            // Four weeks of it: days again.
            await page.SelectOptionAsync("#window", "672");
            await page.EvaluateAsync(Idle);
            labels = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-role=time-axis] text')].map(t => t.textContent)");
            Assert.Contains(labels, l => Regex.IsMatch(l, @"^(Sun|Mon|Tue|Wed|Thu|Fri|Sat)$"));

            // Distress and traits can be hidden (and the address keeps the choice).
            await page.UncheckAsync("#show-distress");
            await page.EvaluateAsync(Idle);
            Assert.Equal(0, await page.Locator("[data-role^=distress-]").CountAsync());
            Assert.Contains("show=traits", await page.EvaluateAsync<string>("() => location.href"));
            await page.UncheckAsync("#show-traits");
            await page.EvaluateAsync(Idle);
            Assert.Equal(0, await page.Locator("[data-role^=anxiety-], [data-role^=avoidance-]").CountAsync());
            Assert.Contains("show=none", await page.EvaluateAsync<string>("() => location.href"));
            await page.CheckAsync("#show-distress");
            await page.EvaluateAsync(Idle);
            Assert.Equal(2, await page.Locator("[data-role^=distress-]").CountAsync());
        }, query: "?scenario=secure-calms-anxious&show=distress,traits");
    }

    [Fact]
    public async Task A_slip_in_the_addresss_scenario_is_said_with_the_likely_one()
    {
        await OnPageAsync(async page =>
        {
            await page.EvaluateAsync(Idle);
            string status = (await page.TextContentAsync("#status"))!;
            Assert.Equal("scenario=min-max-escalaton: no such scenario (did you mean min-max-escalation?); showing alma-will, without the address's other settings", status);
            Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('status').classList.contains('error')"));
            // The other settings were meant for that scenario's partners: not applied to this one.
            Assert.Equal("47", await page.InputValueAsync("#seed"));
            // said where the room looks, above the controls, not only in the status line under the chart
            Assert.True(await page.IsVisibleAsync("#address-problems"));
            Assert.Contains("no such scenario (did you mean min-max-escalation?)", await page.TextContentAsync("#address-problems p"));
            Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('address-problems').getBoundingClientRect().bottom < document.getElementById('play').getBoundingClientRect().top"));
            await page.ClickAsync("#address-problems button");
            Assert.False(await page.IsVisibleAsync("#address-problems"));
        }, query: "?scenario=min-max-escalaton&seed=5&set=mara.anxiety=6");
    }

    [Fact]
    public async Task The_header_stays_one_row_at_1280_px_when_the_clock_starts()
    {
        await FreeAll();
        await OnPageAsync(async page =>
        {
            await page.EvaluateAsync(Idle);
            const string Height = "() => document.querySelector('header').getBoundingClientRect().height";
            double before = await page.EvaluateAsync<double>(Height);
            Assert.Equal("not started — press Play", await page.TextContentAsync("#clock")); // not a bare "—"
            await page.ClickAsync("#step");
            await page.WaitForFunctionAsync("() => state.main?.ticks.length > 0");
            await page.EvaluateAsync(Idle);
            double after = await page.EvaluateAsync<double>(Height);
            string clock = (await page.TextContentAsync("#clock"))!;
            Assert.Contains("day 1", clock);
            // the projector button pushed onto a second row moved the whole page down as the run began
            Assert.True(after <= before + 1, $"the header grew from {before:0} to {after:0} px with the clock `{clock}`");
        }, width: 1280, height: 720);
    }

    [Fact]
    public async Task Every_slip_in_a_prepared_address_is_said_above_the_controls()
    {
        await OnPageAsync(async page =>
        {
            await page.EvaluateAsync(Idle);
            string said = (await page.TextContentAsync("#address-problems p"))!;
            Assert.True(await page.IsVisibleAsync("#address-problems"));
            Assert.Contains("set=will.avoidnce=3: expected ID.anxiety|avoidance|wound=VALUE for alma or will", said);
            Assert.Contains("seed: a whole number", said);
            Assert.Contains("length: write a whole number", said);
            Assert.Equal("Alma and Will: the Sunday-evening cycle", await page.TextContentAsync("#title"));
        }, query: "?scenario=alma-will&set=will.avoidnce=3&seed=abc&length=4x");

        await OnPageAsync(async page => // an address that applies says nothing there
        {
            await page.EvaluateAsync(Idle);
            Assert.False(await page.IsVisibleAsync("#address-problems"));
        }, query: "?scenario=alma-will&set=will.avoidance=3&seed=5");
    }

    // ---------- projector ----------

    private const string LayoutProblems = """
        () => {
          const problems = [], vw = innerWidth, vh = innerHeight;
          const name = (e) => e.id ? '#' + e.id : e.getAttribute('aria-label') || e.className || e.tagName;
          const seen = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
          const de = document.documentElement;
          if (de.scrollWidth > vw) problems.push(`the page is ${de.scrollWidth} px wide on a ${vw} px screen`);
          if (de.scrollHeight > vh) problems.push(`the page is ${de.scrollHeight} px high on a ${vh} px screen`);
          for (const e of document.querySelectorAll('header > *, .controls > *, .controls label > *, .act button, .act select, .statusbar > *, #server > *, #chart-wrap, #ticker, aside > *, .card')) {
            if (!seen(e)) continue;
            const r = e.getBoundingClientRect();
            if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) problems.push(`${name(e)} is outside the screen (${r.left.toFixed(0)},${r.top.toFixed(0)})–(${r.right.toFixed(0)},${r.bottom.toFixed(0)})`);
          }
          const ctx = document.createElement('canvas').getContext('2d');
          for (const s of document.querySelectorAll('select')) {
            if (!seen(s)) continue;
            const cs = getComputedStyle(s);
            ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
            const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 14;
            for (const o of s.options) { const w = ctx.measureText(o.textContent).width; if (w > room) problems.push(`menu ${name(s)} cuts "${o.textContent}" (${w.toFixed(0)} px in ${room.toFixed(0)})`); }
          }
          const svg = document.getElementById('chart'), sr = svg.getBoundingClientRect();
          for (const e of svg.querySelectorAll('text, rect, line, polyline')) {
            const r = e.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            if (r.right > sr.right + 1.5 || r.bottom > sr.bottom + 1.5 || r.left < sr.left - 1.5 || r.top < sr.top - 1.5) problems.push(`chart ${e.tagName} "${(e.textContent || e.getAttribute('data-role') || '').slice(0, 30)}" is cut off`);
          }
          const legend = svg.querySelector('[data-role=legend]');
          if (!legend) problems.push('no legend');
          else { const r = legend.getBoundingClientRect(); if (r.bottom > vh || r.right > vw || r.height === 0) problems.push('the legend is off screen'); }
          for (const m of svg.querySelectorAll('.mark')) {
            const r = m.lastElementChild.getBoundingClientRect();
            if (r.width < 10 || r.height < 10) problems.push(`a ${m.dataset.kind} marker is ${r.width.toFixed(1)}×${r.height.toFixed(1)} px`);
          }
          return problems;
        }
        """;

    private static async Task Redrawn(IPage page) =>
        await page.WaitForFunctionAsync("() => { const w = document.getElementById('chart-wrap'); return document.getElementById('chart').dataset.size === `${Math.max(320, Math.floor(w.clientWidth - 2))}x${Math.max(240, Math.floor(w.clientHeight - 2))}`; }");

    /// <summary>Heights in screen pixels: [closeness panel, closeness top to last lane's bottom, the lanes together, the tallest lower panel].</summary>
    private const string PlotHeights = """
        () => {
          const h = (e) => e.getBoundingClientRect().height;
          const c = document.querySelector('#chart [data-role=panel-closeness]');
          const lanes = [...document.querySelectorAll('#chart [data-role^=lane-]')].map((g) => g.firstElementChild);
          const lower = [...document.querySelectorAll('#chart [data-role^=panel-]')].filter((e) => e !== c).map(h);
          return [h(c), lanes[lanes.length - 1].getBoundingClientRect().bottom - c.getBoundingClientRect().top, lanes.reduce((a, l) => a + h(l), 0), Math.max(...lower)];
        }
        """;

    [Theory]
    [InlineData(1280, 720, 0.4)]
    [InlineData(1920, 1080, 0.5)]
    public async Task Projector_mode_fits_the_screen_with_legend_and_markers_of_10_px(int width, int height, double closenessShare)
    {
        await FreeAll();
        await fx.RunAsync(async page =>
        {
            await page.WaitForFunctionAsync("() => state.scenario !== null");
            await PlayUntil(page, $"{ClosenessPoints} >= 40");
            await page.Locator(".card[data-partner=will] input[data-trait=avoidance]").FillAsync("3");
            await page.SelectOptionAsync("#branch-change", "traits");
            await page.ClickAsync("#branch");
            await page.WaitForFunctionAsync("() => state.branch !== null");
            await PlayUntil(page, $"{BranchPoints} >= 150", speed: "42");

            await page.Keyboard.PressAsync("p");
            Assert.True(await page.EvaluateAsync<bool>("() => document.body.classList.contains('projector') && document.body.classList.contains('sidebar-closed')"));
            await Redrawn(page);
            string shot = Path.Combine(fx.Screenshots, $"projector-{width}x{height}.png");
            await page.ScreenshotAsync(new() { Path = shot });
            var problems = await page.EvaluateAsync<string[]>(LayoutProblems);
            Assert.True(problems.Length == 0, $"{width}x{height}: " + string.Join("; ", problems));
            Assert.True(await page.Locator("#chart .mark").CountAsync() > 20);
            Assert.Equal(4, await page.Locator("[data-role^=lane-]").CountAsync());
            // The room watches the closeness curve: with a branch's four lanes and distress it keeps the
            // largest share of the plot (once it was 65 px of 340 at 720p, under lanes of 169 px).
            var heights = await page.EvaluateAsync<double[]>(PlotHeights);
            (double closeness, double plot, double lanes, double lower) = (heights[0], heights[1], heights[2], heights[3]);
            string said = $"{width}x{height}: closeness {closeness:0} px of a {plot:0} px plot, lanes {lanes:0} px, a lower panel {lower:0} px";
            Assert.True(closeness >= closenessShare * plot, said);
            Assert.True(closeness > lanes, said);
            Assert.True(closeness >= 3 * lower, said);
            // ...and the stance and distress panels stay readable: their end labels at the chart's full type size.
            double type = await page.EvaluateAsync<double>("() => Number(document.querySelector('#chart g[data-role=axes]').getAttribute('font-size'))");
            Assert.True(lower >= 2.2 * type, said + $", type {type} px");
            Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('#chart g[data-role=axes] text[font-size]')].filter((t) => t.getAttribute('font-size') !== t.parentNode.getAttribute('font-size')).length"));

            // Each shading's legend swatch is drawn as strongly as the shading it names (it was up to three times as strong).
            const string Swatches = """
                () => {
                  const chart = document.getElementById('chart'), bad = [];
                  let compared = 0;
                  for (const item of chart.querySelectorAll('[data-role=legend] [data-item]')) {
                    const swatch = item.querySelector('rect[fill-opacity]');
                    if (!swatch) continue;
                    const fill = swatch.getAttribute('fill'), opacity = swatch.getAttribute('fill-opacity');
                    const drawn = [...chart.querySelectorAll('[fill-opacity]')].filter((e) => e.getAttribute('fill') === fill && !e.closest('[data-role=legend]')).map((e) => e.getAttribute('fill-opacity'));
                    if (drawn.length === 0) continue;
                    compared++;
                    if (!drawn.includes(opacity)) bad.push(`${item.dataset.item}: swatch ${opacity}, drawn ${[...new Set(drawn)].join('/')}`);
                  }
                  return `${compared} compared` + bad.map((b) => '; ' + b).join('');
                }
                """;
            string swatches = await page.EvaluateAsync<string>(Swatches);
            Assert.Matches(@"^[4-9] compared$", swatches); // closer, leisure, asleep, work, stress: what this run shows

            // The sidebar opens with s (the sliders and notes), and still nothing is cut off.
            await page.Keyboard.PressAsync("s");
            await Redrawn(page);
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, $"projector-{width}x{height}-sidebar.png") });
            problems = await page.EvaluateAsync<string[]>(LayoutProblems.Replace("aside > *, .card", "#side"));
            Assert.True(problems.Length == 0, $"{width}x{height} with the sidebar: " + string.Join("; ", problems));
            Assert.True(await page.Locator("#side").IsVisibleAsync());
            await page.Keyboard.PressAsync("s");
            await Redrawn(page);

            // Back to the laptop view: the sidebar as it was.
            await page.Keyboard.PressAsync("p");
            Assert.False(await page.EvaluateAsync<bool>("() => document.body.classList.contains('sidebar-closed')"));
        }, $"projector-{width}x{height}", width, height);
    }

    // ---------- controls ----------

    [Fact]
    public async Task Play_and_Pause_are_named_in_words_and_their_icon_is_drawn_not_a_glyph()
    {
        await FreeAll();
        await OnPageAsync(async page =>
        {
            await page.WaitForFunctionAsync("() => state.scenario !== null");
            // ⏸ is in none of this machine's fonts: it drew as a box. The name is the word; the icon is CSS.
            const string Icon = "() => { const g = document.querySelector('#play .glyph'), cs = getComputedStyle(g), r = g.getBoundingClientRect(); return [r.width, r.height, cs.clipPath !== 'none' ? 1 : 0]; }";
            Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).CountAsync());
            Assert.Equal("Play", await page.TextContentAsync("#play"));
            var play = await page.EvaluateAsync<double[]>(Icon);
            Assert.True(play[0] >= 8 && play[1] >= 8 && play[2] == 1, $"the play triangle is {play[0]}x{play[1]}");
            await page.SelectOptionAsync("#speed", "1");
            await page.ClickAsync("#play");
            await page.WaitForFunctionAsync("() => document.querySelector('#play').getAttribute('aria-pressed') === 'true'");
            Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).CountAsync());
            Assert.Equal("Pause", await page.TextContentAsync("#play"));
            var pause = await page.EvaluateAsync<double[]>(Icon);
            Assert.True(pause[0] >= 8 && pause[1] >= 8 && pause[2] == 0, $"the pause bars are {pause[0]}x{pause[1]}");
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "pause-button.png"), Clip = new() { X = 0, Y = 0, Width = 900, Height = 160 } });
            await Pause(page);
        });
    }

    [Fact]
    public async Task Seed_length_stretch_and_sliders_come_from_the_address_and_make_the_run()
    {
        await FreeAll();
        await fx.RunAsync(async page =>
        {
            await page.WaitForFunctionAsync("() => state.scenario !== null");
            Assert.Equal("11", await page.InputValueAsync("#seed"));
            Assert.Equal("2w", await page.InputValueAsync("#length"));
            Assert.Equal("both@week2", await page.InputValueAsync("#stretch"));
            Assert.Equal("3", await page.InputValueAsync(".card[data-partner=will] input[data-trait=avoidance]"));
            Assert.Equal("secure", await page.TextContentAsync(".card[data-partner=will] .style"));
            // The prepared stretch is drawn once the run has it; the scenario's own has none.
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync($"() => {ClosenessPoints} === 1");
            var info = (await fx.Host.Http.GetFromJsonAsync<RunInfo>($"api/runs/{await RunId(page)}", Json))!;
            Assert.Equal((11UL, 336), (info.Seed, info.Hours));
            Assert.Equal(3.0, info.Partners.Single(p => p.Id == "will").Avoidance);
            Assert.Equal([(168, "alma,will")], info.Interventions.Select(i => (i.Tick, string.Join(",", i.Who))));
            Assert.Contains("2 weeks, seed 11", await page.TextContentAsync("#status"));
            await page.EvaluateAsync(Idle);
            var line = page.Locator("[data-role=intervention][data-tick='168']");
            Assert.Equal("true", await line.First.GetAttributeAsync("data-scheduled"));

            // A change goes into the address at once (a bookmark keeps it) and marks the run as stale.
            await page.FillAsync("#seed", "12");
            // read from the page: Playwright's own page.Url hears of history.replaceState a moment later
            string url = await page.EvaluateAsync<string>("() => location.href");
            Assert.Contains("seed=12", url);
            Assert.Contains("length=2w", url);
            Assert.Contains("stretch=both@week2", url);
            Assert.Contains("set=will.avoidance=3", url);
            Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('restart').classList.contains('attention')"));

            // Mistakes are said next to the fields, and no run starts with them.
            await page.FillAsync("#length", "3x");
            Assert.StartsWith("length: write a whole number and h, d, w or y", await page.TextContentAsync("#settings-error"));
            await page.ClickAsync("#restart");
            await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('length:')");
            Assert.Null(await page.EvaluateAsync<string?>("() => state.main?.info.id ?? null"));
            await page.FillAsync("#length", "60w");
            Assert.StartsWith("length: at most", await page.TextContentAsync("#settings-error"));
            await page.FillAsync("#length", "1w");
            await page.FillAsync("#seed", "99999999999999999999");
            Assert.StartsWith("seed: a whole number from 0 to 9007199254740991", await page.TextContentAsync("#settings-error"));
            await page.FillAsync("#seed", "5");
            await page.FillAsync("#stretch", "bob@week1");
            await page.ClickAsync("#restart");
            await page.WaitForFunctionAsync("() => document.getElementById('settings-error').textContent.startsWith('stretch: unknown partner `bob`')");
        }, nameof(Seed_length_stretch_and_sliders_come_from_the_address_and_make_the_run),
            query: "?scenario=alma-will&seed=11&length=2w&stretch=both@week2&set=will.avoidance=3", failedLoadsExpected: true);  // the refused stretch is a 400
    }

    [Fact]
    public async Task Scheduled_interventions_are_drawn_ahead_and_then_as_the_report_draws_them()
    {
        await FreeAll();
        await OnPageAsync(async page =>
        {
            await page.WaitForFunctionAsync("() => state.scenario?.name === 'stretching'");
            await page.SelectOptionAsync("#window", "672");
            await page.EvaluateAsync(Idle);
            // Before the run: the scenario's stretch at week 3 (2026-03-21T08:00, hour 336), dashed and "(scheduled)".
            var planned = page.Locator("[data-role=intervention][data-tick='336']");
            Assert.Equal("true", await planned.GetAttributeAsync("data-scheduled"));
            Assert.Contains(await page.Locator("[data-role=interventions] text").AllTextContentsAsync(), t => t == "Mara and Tom stretch (scheduled)");

            await PlayUntil(page, $"{ClosenessPoints} >= 24 * 16", speed: "42");
            string colour = await page.EvaluateAsync<string>("() => VISUAL.marks.find(m => m.key === 'intervention').color");
            Assert.Equal("#009E73", colour);  // the report's bluish green
            Assert.Null(await planned.GetAttributeAsync("data-scheduled"));
            Assert.Equal(colour, await planned.GetAttributeAsync("stroke"));
            Assert.Null(await planned.GetAttributeAsync("stroke-dasharray"));
            Assert.Contains(await page.Locator("[data-role=interventions] text").AllTextContentsAsync(), t => t == "Mara and Tom stretch");
            // And the markers on both lanes at that hour, open circles in the same colour.
            int idx = await page.EvaluateAsync<int>("() => state.main.events.findIndex(e => e.kind === 'intervention' && e.actor === 'mara')");
            Assert.True(idx >= 0);
            foreach (var lane in new[] { "mara", "tom" })
                Assert.Equal(1, await page.Locator($"[data-role=lane-{lane}] .mark[data-kind=intervention]").CountAsync());
            Assert.Equal(colour, await page.Locator("[data-role=lane-mara] .mark[data-kind=intervention] circle").Last.GetAttributeAsync("stroke"));
        }, query: "?scenario=stretching");
    }

    [Fact]
    public async Task Hovering_or_tapping_a_marker_gives_its_reason_and_a_bids_chain_is_highlighted()
    {
        await FreeAll();
        await OnPageAsync(async page =>
        {
            await page.WaitForFunctionAsync("() => state.scenario !== null");
            await PlayUntil(page, $"{ClosenessPoints} >= 24 * 8");

            // Hover a withdrawal: its caption and why.
            var withdraw = page.Locator("[data-role=lane-will] .mark[data-kind=withdraw]").First;
            await withdraw.HoverAsync();
            await page.WaitForSelectorAsync("#tip:not([hidden])");
            string key = (await withdraw.GetAttributeAsync("data-ev"))!;
            var e = await page.EvaluateAsync<JsonElement>($"() => eventOf('{key}').e");
            Assert.Equal(e.GetProperty("caption").GetString(), await page.TextContentAsync("#tip strong"));
            Assert.EndsWith($"({e.GetProperty("reason").GetString()})", e.GetProperty("caption").GetString());

            // Tap an answer (touch): the bid it answered, the answer and the bidder's distress after.
            // A protest Will answers, the cycle's move a trainer points at (a calm bid if there is none).
            int index = await page.EvaluateAsync<int>("""
                () => {
                  // One whose answer marker is not under a neighbour's (a tap takes the one on top).
                  const onTop = (i) => {
                    const m = document.querySelector(`[data-role^=lane-] .mark[data-ev='m:${i}'][data-kind=answer]`);
                    if (!m) return false;
                    const r = m.lastElementChild.getBoundingClientRect();
                    return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest('.mark') === m;
                  };
                  const ok = (e, i, kinds) => kinds.includes(e.kind) && e.marks.some(m => m.kind === 'answer' && m.partner === e.target) && chainOf({ run: state.main, e, index: i }) && onTop(i);
                  const i = state.main.events.findIndex((e, i) => ok(e, i, ['protest']));
                  return i >= 0 ? i : state.main.events.findIndex((e, i) => ok(e, i, ['bid']));
                }
                """);
            Assert.True(index >= 0, "no answered bid in eight days");
            var answer = page.Locator($"[data-role^=lane-] .mark[data-ev='m:{index}'][data-kind=answer]");
            await answer.TapAsync();
            await page.WaitForSelectorAsync("[data-role=chain]");
            Assert.Equal(1, await page.Locator("[data-role=chain-bid]").CountAsync());
            Assert.Equal(1, await page.Locator("[data-role=chain-answer]").CountAsync());
            Assert.True(await page.EvaluateAsync<int>("() => document.querySelector('[data-role=chain-distress]').points.length") >= 2);
            var bid = await page.EvaluateAsync<JsonElement>($"() => state.main.events[{index}]");
            string who = bid.GetProperty("actor").GetString() == "alma" ? "Alma" : "Will";
            var tip = await page.Locator("#tip").InnerTextAsync();
            Assert.StartsWith(bid.GetProperty("caption").GetString(), tip);
            Assert.Matches($@"then: {who}'s distress (falls|rises|stays), \d\.\d\d → \d\.\d\d (over the next \d h|in that hour)", tip);
            Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('tip').classList.contains('pinned')"));
            // The ring sits on the answer marker itself.
            double ringX = double.Parse((await page.GetAttributeAsync("[data-role=chain-answer]", "cx"))!, System.Globalization.CultureInfo.InvariantCulture);
            var box = (await answer.BoundingBoxAsync())!;
            var chart = (await page.Locator("#chart").BoundingBoxAsync())!;
            Assert.InRange(ringX, box.X - chart.X, box.X - chart.X + box.Width);
            await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "chain-selected.png") });

            // Escape lets go; a caption in the list selects its event too.
            await page.Keyboard.PressAsync("Escape");
            await page.WaitForFunctionAsync("() => !document.querySelector('[data-role=chain]')");
            await page.Locator($"#ticker li[data-ev='m:{index}']").ClickAsync();
            await page.WaitForSelectorAsync("[data-role=chain]");
        }, touch: true);
    }

    // ---------- exports ----------

    [Fact]
    public async Task Exports_carry_the_legend_and_the_title_line_and_a_png_beside_the_svg()
    {
        await FreeAll();
        await OnPageAsync(async page =>
        {
            await page.WaitForFunctionAsync("() => state.scenario !== null");
            await PlayUntil(page, $"{ClosenessPoints} >= 60");

            var svgDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-svg"));
            await svgDownload.SaveAsAsync(Path.Combine(fx.Screenshots, "exported-with-legend.svg"));
            var svg = XDocument.Load(await svgDownload.PathAsync());
            XNamespace ns = "http://www.w3.org/2000/svg";
            var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToArray();
            Assert.Contains("Alma and Will: the Sunday-evening cycle", texts);
            ulong seed = Simulation.Scenarios.ScenarioLoader.Load(Path.Combine(WorkshopHost.RepoScenarios, "alma-will.yaml")).Spec.Seed;
            Assert.Contains($"4 weeks from Sat 7 Mar 2026 · seed {seed} · Alma (preoccupied) and Will (dismissing)", texts);
            var legend = svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("data-role") == "legend");
            var items = legend.Descendants(ns + "text").Select(t => t.Value).ToArray();
            Assert.Contains("closeness", items);
            Assert.Contains("Alma", items);
            Assert.Contains("Will", items);
            Assert.Contains("withdraws", items);
            double width = double.Parse(svg.Root!.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            double height = double.Parse(svg.Root!.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture);

            var pngDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-png"));
            Assert.Equal("alma-will-closeness.png", pngDownload.SuggestedFilename);
            string png = Path.Combine(fx.Screenshots, "exported-chart.png");
            await pngDownload.SaveAsAsync(png);
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            int pw = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
            int ph = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
            Assert.Equal((2 * width, 2 * height), (pw, ph));
            Assert.True(bytes.Length > 50_000, $"{bytes.Length} bytes: an empty picture?");
        });
    }
}
