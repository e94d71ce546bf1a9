using Microsoft.Playwright;

namespace Simulation.Web.Tests;

/// <summary>
/// One workshop server and one headless Chromium (Debian's, at /usr/bin/chromium) for all browser
/// tests. A missing browser fails the tests with a clear message; it never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Runs at once on the browser tests' server: a few pages, each with a run and a branch, and the limit test's.</summary>
    public const int MaxRuns = 12;

    /// <summary>Serves the repository's own scenario library, as a workshop would (runs up to a year).</summary>
    public WorkshopHost Host { get; } = new(WorkshopHost.RepoScenarios, new WorkshopOptions { Port = 0, MaxRuns = MaxRuns });
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go, for looking at the page as a room would (and, on a failure, at what it showed).</summary>
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Requests any page tried to send off the workshop server (must stay empty).</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Offsite { get; } = [];

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"browser tests need Chromium at {ChromiumPath} (Debian: apt-get install -y chromium); it is missing");
        Directory.CreateDirectory(Screenshots);
        await Host.InitializeAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh page (own context: own downloads, no shared state) on the workshop server. Console
    /// errors and uncaught exceptions (a CSP violation is one) are collected into <paramref name="errors"/>
    /// from before the page loads.
    /// </summary>
    public async Task<IPage> OpenAsync(int width = 1600, int height = 1000, string query = "?scenario=alma-will", bool touch = false, List<string>? errors = null)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true, HasTouch = touch });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        if (errors is not null)
        {
            page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
            page.PageError += (_, e) => { lock (errors) errors.Add("uncaught: " + e); };
        }
        // Nothing may come from the network: requests off the workshop server are blocked and recorded.
        await context.RouteAsync("**/*", async route =>
        {
            string url = route.Request.Url;
            if (url.StartsWith(Host.Address.ToString(), StringComparison.Ordinal)) await route.ContinueAsync();
            else { Offsite.Add(url); await route.AbortAsync(); }
        });
        await page.GotoAsync(new Uri(Host.Address, query).ToString());
        return page;
    }

    /// <summary>
    /// Runs a test on a fresh page and closes it. The page must log no console error and throw
    /// nothing (a 404 the test provokes on purpose is allowed with <paramref name="failedLoadsExpected"/>);
    /// on failure a screenshot and the status line are kept, to see what the page showed.
    /// </summary>
    public async Task RunAsync(Func<IPage, Task> test, string name, int width = 1600, int height = 1000,
        string query = "?scenario=alma-will", bool touch = false, bool failedLoadsExpected = false)
    {
        var errors = new List<string>();
        var page = await OpenAsync(width, height, query, touch, errors);
        try
        {
            await test(page);
            string[] seen;
            lock (errors) seen = [.. errors.Where(e => !(failedLoadsExpected && e.StartsWith("Failed to load resource", StringComparison.Ordinal)))];
            Assert.True(seen.Length == 0, "the page logged errors: " + string.Join(" | ", seen));
            Assert.Empty(Offsite);
        }
        catch
        {
            if (!page.IsClosed)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"failed-{name}.png") });
                Console.Error.WriteLine($"{name}: status '{await page.TextContentAsync("#status")}'");
            }
            throw;
        }
        finally { await page.Context.CloseAsync(); }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
