using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Simulation.Grains;

namespace Simulation.Cli.Tests;

/// <summary>
/// A real Redis server on a free loopback port, as the membership table of a test's cluster: Debian's
/// redis-server, which test.sh installs (its absence fails the test). Nothing is saved to disk; it is
/// stopped by its process id.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string Program = "/usr/bin/redis-server";

    private readonly Process _process;

    public RedisServer()
    {
        Assert.True(File.Exists(Program), $"{Program} is missing: the cluster tests need Debian's redis-server (./test.sh installs it)");
        Port = SimulationCluster.FreePort();
        var psi = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", Port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !_process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    public int Port { get; }

    public string Address => $"redis://127.0.0.1:{Port}";

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(); } catch (InvalidOperationException) { }
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}

/// <summary>
/// A process of the built couplesim, started in the background (a silo, or a sweep), its output collected
/// line by line; stopped by its process id (SIGTERM, then SIGKILL) when disposed.
/// </summary>
public sealed class CouplesimProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new(), _err = new();
    private readonly Lock _lock = new();

    public CouplesimProcess(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "couplesim.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (_lock) _out.AppendLine(line); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (_lock) _err.AppendLine(line); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Out { get { lock (_lock) return _out.ToString(); } }

    public string Err { get { lock (_lock) return _err.ToString(); } }

    /// <summary>Waits until a line of standard output contains <paramref name="text"/>; fails after <paramref name="timeout"/> or if the process ends first.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!Out.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"couplesim ended (exit {(_process.HasExited ? _process.ExitCode : 0)}) before printing `{text}`:\n{Out}\n{Err}");
            Assert.True(DateTime.UtcNow < until, $"couplesim did not print `{text}` within {timeout.TotalSeconds:0} s:\n{Out}\n{Err}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the process to end (bounded); returns its exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(bound.Token); }
        catch (OperationCanceledException) { Assert.Fail($"couplesim did not end within {timeout.TotalSeconds:0} s:\n{Out}\n{Err}"); }
        _process.WaitForExit(); // the last lines of output
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once, as a machine losing power would (SIGKILL).</summary>
    public void KillHard() => _process.Kill();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal(_process.Id, SigTerm);
            if (!_process.WaitForExit(5000))
                try { _process.Kill(); } catch (InvalidOperationException) { }
        }
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
