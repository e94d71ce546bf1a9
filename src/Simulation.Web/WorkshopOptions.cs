namespace Simulation.Web;

/// <summary>How the workshop page is served: where, from which scenarios, and within which limits.</summary>
public sealed record WorkshopOptions
{
    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="WorkshopServer.Address"/>).</summary>
    public int Port { get; init; } = 5055;

    /// <summary>Interface to listen on; loopback by default so a laptop in a workshop does not expose runs.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Folder of scenario files (YAML) offered on the page.</summary>
    public string ScenarioDirectory { get; init; } = Scenarios.ScenarioLibrary.Folder;

    /// <summary>Runs (branches included) alive at once; more get 429.</summary>
    public int MaxRuns { get; init; } = 16;

    /// <summary>Longest run a browser may ask for, in hours (a year: 52 weeks and <c>1y</c>, 365 days, both fit).</summary>
    public int MaxHours { get; init; } = 24 * 366;

    /// <summary>A run nobody has used for this long is collected by Orleans (GrainCollectionOptions).</summary>
    public TimeSpan IdleRelease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Port on 127.0.0.1 where Orleans clients reach the server's silo (<c>couplesim run --connect</c>);
    /// 0: no gateway. Off by default; <c>couplesim serve</c> opens it.
    /// </summary>
    public int GatewayPort { get; init; }

    /// <summary>Orleans' own log on the console.</summary>
    public bool Verbose { get; init; }
}
