using Microsoft.Playwright;

namespace Simulation.Web.Tests;

/// <summary>
/// One workshop server and one headless Chromium (Debian's, at /usr/bin/chromium) for all browser
/// tests. A missing browser fails the tests with a clear message; it never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Serves the repository's own scenario library, as a workshop would.</summary>
    public WorkshopHost Host { get; } = new(WorkshopHost.RepoScenarios);
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go, for looking at the page as a room would.</summary>
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

    /// <summary>A fresh page (own context: own downloads, no shared state) on the workshop server.</summary>
    public async Task<IPage> OpenAsync(int width = 1600, int height = 1000)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        // Nothing may come from the network: requests off the workshop server are blocked and recorded.
        await context.RouteAsync("**/*", async route =>
        {
            string url = route.Request.Url;
            if (url.StartsWith(Host.Address.ToString(), StringComparison.Ordinal)) await route.ContinueAsync();
            else { Offsite.Add(url); await route.AbortAsync(); }
        });
        await page.GotoAsync(new Uri(Host.Address, "?scenario=alma-will").ToString());
        return page;
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
