using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// The real host as a child process: stdout/stderr captured line by line, with awaitable waits for a line
/// (the process's own log output is the synchronisation signal, never a sleep).
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waits = [];
    private readonly Lock _gate = new();

    private HostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output => string.Join("\n", _lines);

    public static HostProcess Start(string gatewayDll, IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(gatewayDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Plain console lines; no colour codes between a log category and its message.
        start.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key); else start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Completes with the first output line (past or future) matching <paramref name="pattern"/>.</summary>
    public Task<Match> WaitForLineAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var line in _lines)
            {
                var match = regex.Match(line);
                if (match.Success)
                {
                    found.TrySetResult(match);
                    return found.Task;
                }
            }
            _waits.Add((regex, found));
        }
        return found.Task.WaitAsync(timeout);
    }

    /// <summary>The gateway's own start-up line (HostingLog event 100) carries the bound address.</summary>
    public async Task<Uri> WaitForAddressAsync(TimeSpan timeout)
    {
        var match = await WaitForLineAsync(@"listening on (?<url>http://[^\s,]+)", timeout);
        return new Uri(match.Groups["url"].Value);
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _lines.Enqueue(line);
            for (var i = _waits.Count - 1; i >= 0; i--)
            {
                var match = _waits[i].Pattern.Match(line);
                if (match.Success)
                {
                    _waits[i].Found.TrySetResult(match);
                    _waits.RemoveAt(i);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
