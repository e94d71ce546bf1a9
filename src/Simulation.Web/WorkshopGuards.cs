using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Simulation.Grains;
using Simulation.Scenarios;

namespace Simulation.Web;

/// <summary>
/// What every request passes before and after the page's endpoints: the Host check (DNS
/// rebinding), the security headers, limits on the request's size, and a JSON answer with a
/// one-line reason for every failure, whatever produced it (routing's 404 and 405, Kestrel's 413,
/// an exception's 500).
/// </summary>
internal static class WorkshopGuards
{
    /// <summary>Longest path and query string (the page's addresses are a few hundred characters).</summary>
    public const int MaxTarget = 4096;

    /// <summary>Largest sum of header names and values (Kestrel's own default).</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>
    /// Kestrel's own limits, well above ours, so that a request over ours still reaches this code and
    /// gets a JSON answer; only past these does Kestrel refuse it itself (with an empty body).
    /// </summary>
    public const int KestrelLineAndHeaderLimit = 1024 * 1024;

    /// <summary>Nothing comes from elsewhere: script, styles and data from this server; images drawn by the page itself (exports).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void Use(WebApplication app, WorkshopOptions options)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Simulation.Web");
        app.Use(async (context, next) =>
        {
            var response = context.Response;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers.XFrameOptions = "DENY";

            var request = context.Request;
            if (!IsLoopbackName(request.Host.Host, options.Host))
            {
                await Fail(context, StatusCodes.Status403Forbidden,
                    $"the Host header must name this machine (localhost or 127.0.0.1), not '{Printable.Quote(request.Host.Host)}': " +
                    "open the page at the address couplesim serve printed");
                return;
            }
            // A page of another site may send simple requests here without asking (text/plain POSTs);
            // browsers say where a request comes from, and only this server's own page may change runs.
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && FromElsewhere(request, options.Host) is { } origin)
            {
                await Fail(context, StatusCodes.Status403Forbidden, $"requests from other sites are refused (from '{Printable.Quote(origin)}')");
                return;
            }
            if ((request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0) > MaxTarget)
            {
                await Fail(context, StatusCodes.Status414RequestUriTooLong, $"the address is longer than {MaxTarget} characters");
                return;
            }
            if (HeaderBytes(request.Headers) > MaxHeaderBytes)
            {
                await Fail(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, $"the request's headers are larger than {MaxHeaderBytes / 1024} KiB");
                return;
            }

            try
            {
                await next(context);
            }
            catch (RunNotStartedException ex) when (!response.HasStarted)
            {
                // Orleans collected the run while nobody used it: its grain came back empty.
                context.RequestServices.GetRequiredService<RunRegistry>().Forget(ex.RunId);
                await Fail(context, StatusCodes.Status404NotFound, WorkshopEndpoints.NoSuchRun(ex.RunId));
                return;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the caller went away; nobody reads an answer
            }
            catch (BadHttpRequestException ex) when (!response.HasStarted)
            {
                // Kestrel's refusals while the body is read: too large (413), cut off, too slow.
                await Fail(context, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"the request body is larger than {JsonBodies.MaxBytes / 1024} KiB"
                    : $"bad request: {Printable.Quote(ex.Message, 200)}");
                return;
            }
            catch (Exception ex) when (!response.HasStarted)
            {
                logger.LogError(ex, "{Method} {Path} failed", request.Method, request.Path);
                await Fail(context, StatusCodes.Status500InternalServerError,
                    $"internal error ({ex.GetType().Name}: {Printable.Quote(ex.Message, 200)}); the server goes on, please report it");
                return;
            }

            // Answers with a status and no body (routing's 404 and 405, Kestrel's 413) get their line too.
            if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && response.ContentType is null)
                await Fail(context, response.StatusCode, Reason(context));
        });
    }

    private static string Reason(HttpContext context)
    {
        var request = context.Request;
        string path = Printable.Quote(request.Path.Value ?? "/", 80);
        return context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api"
                ? $"no such API endpoint: {path} (see docs/web.md)"
                : $"no such page: {path} (the workshop page is at /)",
            StatusCodes.Status405MethodNotAllowed => $"{Printable.Quote(request.Method, 20)} is not allowed on {path}" +
                (context.Response.Headers.Allow.ToString() is { Length: > 0 } allow ? $"; use {allow}" : ""),
            StatusCodes.Status413PayloadTooLarge => $"the request body is larger than {JsonBodies.MaxBytes / 1024} KiB",
            StatusCodes.Status415UnsupportedMediaType => "send a JSON body with Content-Type: application/json",
            int code => $"{code} {ReasonPhrases.GetReasonPhrase(code)}".TrimEnd(),
        };
    }

    private static Task Fail(HttpContext context, int status, string message)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentLength = null;
        return response.WriteAsJsonAsync(new ApiError(message), WorkshopEndpoints.Json);
    }

    /// <summary>
    /// A name only this machine answers to: <c>localhost</c> (and <c>*.localhost</c>), a loopback
    /// address, or the interface the server was told to listen on. A page from elsewhere whose name
    /// an attacker points at 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
    /// </summary>
    internal static bool IsLoopbackName(string host, string configured)
    {
        if (host.Length == 0) return false;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        string bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var ip))
        {
            if (IPAddress.IsLoopback(ip)) return true;
            return IPAddress.TryParse(configured.Trim('[', ']'), out var own) && !own.Equals(IPAddress.Any) && !own.Equals(IPAddress.IPv6Any) && own.Equals(ip);
        }
        return false;
    }

    /// <summary>The other site a browser says a request comes from (Origin, Sec-Fetch-Site), or null.</summary>
    private static string? FromElsewhere(HttpRequest request, string configured)
    {
        string site = request.Headers["Sec-Fetch-Site"].ToString();
        string origin = request.Headers.Origin.ToString();
        if (site is "cross-site" or "same-site") return origin.Length > 0 ? origin : site;
        if (origin.Length == 0) return null;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && IsLoopbackName(uri.Host, configured) ? null : origin;
    }

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            total += name.Length;
            foreach (var v in values) total += v?.Length ?? 0;
        }
        return total;
    }
}
