using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Simulation.Grains;

namespace Simulation.Web;

/// <summary>
/// The workshop page: a small web server, run by the app itself, that shows live runs in the
/// browser. Page and script are embedded in this assembly, so nothing comes from the network
/// and it works from any output folder.
/// </summary>
public static partial class WorkshopServer
{
    /// <summary>Where a started server listens (useful with <see cref="WorkshopOptions.Port"/> 0).</summary>
    public static Uri Address(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        string? first = addresses?.FirstOrDefault();
        return first is null
            ? throw new InvalidOperationException("the workshop server has not been started")
            : new Uri(first.EndsWith('/') ? first : first + "/");
    }

    internal static WebApplication Build(WorkshopOptions options, ScenarioShelf shelf)
    {
        Check(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(WorkshopServer).Assembly.GetName().Name,
            // The CLI's working directory is the user's, not ours; nothing is read from it but scenarios.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls($"http://{(options.Host.Contains(':') ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        builder.WebHost.ConfigureKestrel(k =>
        {
            // Our own, smaller limits answer in JSON (WorkshopGuards); Kestrel's stay above them.
            k.Limits.MaxRequestBodySize = JsonBodies.MaxBytes;
            k.Limits.MaxRequestLineSize = WorkshopGuards.KestrelLineAndHeaderLimit;
            k.Limits.MaxRequestHeadersTotalSize = WorkshopGuards.KestrelLineAndHeaderLimit;
            k.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        // The page's runs are grains in a silo of this host's own (as the Orleans samples host theirs in the
        // web app); Orleans collects runs nobody uses after IdleRelease.
        builder.UseOrleans(silo => SimulationCluster.ConfigureSilo(silo, new SiloOptions
        {
            GatewayPort = options.GatewayPort,
            IdleRunAge = options.IdleRelease,
        }));
        if (options.Verbose) builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(shelf);
        builder.Services.AddSingleton<RunRegistry>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = WorkshopEndpoints.Json.PropertyNamingPolicy;
            o.SerializerOptions.Encoder = WorkshopEndpoints.Json.Encoder;
        });

        var app = builder.Build();
        WorkshopGuards.Use(app, options);
        WorkshopEndpoints.Map(app);
        MapAssets(app);
        return app;
    }

    private static void Check(WorkshopOptions options)
    {
        if (options.Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(options), $"port must be 0–65535 (got {options.Port})");
        if (options.MaxRuns < 1) throw new ArgumentOutOfRangeException(nameof(options), $"MaxRuns must be at least 1 (got {options.MaxRuns})");
        if (options.MaxHours < 1) throw new ArgumentOutOfRangeException(nameof(options), $"MaxHours must be at least 1 (got {options.MaxHours})");
        if (options.IdleRelease < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(options), "IdleRelease must be at least a second");
        if (options.GatewayPort is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(options), $"gateway port must be 0–65535 (got {options.GatewayPort})");
    }

    private static readonly Dictionary<string, (string Resource, string Type)> Assets = new(StringComparer.Ordinal)
    {
        ["/"] = ("index.html", "text/html; charset=utf-8"),
        ["/app.js"] = ("app.js", "text/javascript; charset=utf-8"),
        ["/app.css"] = ("app.css", "text/css; charset=utf-8"),
        // The page names its icon (favicon.svg); /favicon.ico answers too, with the same small SVG, for
        // the browsers and tools that ask for it anyway: no 404 in a console or the log.
        ["/favicon.svg"] = ("favicon.svg", "image/svg+xml"),
        ["/favicon.ico"] = ("favicon.svg", "image/svg+xml"),
    };

    private static void MapAssets(WebApplication app)
    {
        var assembly = typeof(WorkshopServer).Assembly;
        foreach (var (path, (resource, type)) in Assets)
        {
            byte[] bytes = Read(assembly, resource);
            app.MapGet(path, () => TypedResults.Bytes(bytes, type));
        }
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream($"Simulation.Web.Assets.{name}")
            ?? throw new InvalidOperationException($"embedded asset {name} is missing from {assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
