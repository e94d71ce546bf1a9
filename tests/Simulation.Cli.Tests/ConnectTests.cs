using Simulation.Grains;
using Simulation.Web;

namespace Simulation.Cli.Tests;

/// <summary>
/// <c>--connect</c>: the command line as an Orleans client of a silo it does not host — a running workshop
/// server's, here started in this process on free loopback ports — gives the same files as its own silo.
/// </summary>
public sealed class ConnectTests
{
    [Fact]
    public async Task Run_and_compare_through_a_running_servers_silo_write_the_same_bytes_as_with_their_own()
    {
        using var t = new TempDir();
        string scenario = t.Scenario();
        int gateway = SimulationCluster.FreePort();
        await using var server = WorkshopServer.Build(new WorkshopOptions { Port = 0, ScenarioDirectory = t.Path, GatewayPort = gateway });
        await server.StartAsync();

        var own = await Cli.Run("run", scenario, "--out", t["own"]);
        var remote = await Cli.Run("run", scenario, "--out", t["remote"], "--connect", $"127.0.0.1:{gateway}");
        Assert.True(own.ExitCode == 0, own.Err);
        Assert.True(remote.ExitCode == 0, remote.Err);
        Cli.AssertSameFiles(t["own"], t["remote"]);

        var ownWhatIf = await Cli.Run("compare", scenario, "--set", "will.avoidance=3", "--out", t["own-what-if"]);
        var remoteWhatIf = await Cli.Run("compare", scenario, "--set", "will.avoidance=3", "--out", t["remote-what-if"], "--connect", $"localhost:{gateway}");
        Assert.True(remoteWhatIf.ExitCode == 0, remoteWhatIf.Err);
        Assert.Equal(0, ownWhatIf.ExitCode);
        Cli.AssertSameFiles(t["own-what-if"], t["remote-what-if"]);
        await server.StopAsync();
    }

    [Theory]
    [InlineData("127.0.0.1", "expected HOST:PORT, e.g. 127.0.0.1:30000 (got `127.0.0.1`)")]
    [InlineData("127.0.0.1:99999", "expected HOST:PORT, e.g. 127.0.0.1:30000 (got `127.0.0.1:99999`)")]
    [InlineData("no-such-host.invalid:30000", "cannot find the host `no-such-host.invalid`")]
    public async Task A_bad_gateway_is_one_line_and_exit_2_before_anything_runs(string connect, string message)
    {
        using var t = new TempDir();
        var r = await Cli.Run("run", t.Scenario(), "--out", t["out"], "--connect", connect);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal([$"--connect:1:1: error: {message}"], r.ErrLines);
        Assert.False(Directory.Exists(t["out"]));
    }

    [Fact]
    public async Task A_gateway_where_nothing_listens_says_so_at_once()
    {
        using var t = new TempDir();
        int closed = SimulationCluster.FreePort();
        var r = await Cli.Run("run", t.Scenario(), "--out", t["out"], "--connect", $"127.0.0.1:{closed}");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.ErrLines);
        Assert.StartsWith($"--connect:1:1: error: cannot reach a couplesim silo: nothing answers at 127.0.0.1:{closed}", line);
        Assert.False(Directory.Exists(t["out"]));
    }

}
