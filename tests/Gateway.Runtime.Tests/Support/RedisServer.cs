using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Gateway.Runtime.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> (the Debian package; <c>.ci/run</c> installs it) on a free loopback port,
/// without persistence, stopped when disposed. Tests that need Redis fail, not skip, when it is missing.
/// <see cref="KillAsync"/> and <see cref="StartAgainAsync"/> stop and restart it on the same port (an outage).
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private Process? _process;
    private ConnectionMultiplexer? _admin;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Connection => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port; answers once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "notice" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server; .ci/run does it)", exception);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"redis-server exited before it was ready:\n{output}"));
                return;
            }
            lock (output)
            {
                output.AppendLine(line.Data);
            }
            if (line.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await ready.Task.WaitAsync(StartTimeout);
    }

    /// <summary>Kills the server (SIGKILL: no goodbye to its clients) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>A separate admin connection for the test's own reads (GET, INFO, CONFIG RESETSTAT).</summary>
    public async Task<ConnectionMultiplexer> AdminAsync() =>
        _admin ??= await ConnectionMultiplexer.ConnectAsync($"{Connection},allowAdmin=true");

    /// <summary>How many scripts (EVAL and EVALSHA) the server ran since the last <c>CONFIG RESETSTAT</c>.</summary>
    public async Task<long> ScriptCallsAsync()
    {
        var admin = await AdminAsync();
        var stats = await admin.GetServer(Connection).InfoAsync("commandstats");
        long calls = 0;
        foreach (var entry in stats.SelectMany(group => group))
        {
            if (entry.Key is "cmdstat_eval" or "cmdstat_evalsha")
            {
                // calls=12,usec=...,usec_per_call=...
                var value = entry.Value.Split(',')[0];
                calls += long.Parse(value["calls=".Length..]);
            }
        }
        return calls;
    }

    public async Task ResetStatsAsync()
    {
        var admin = await AdminAsync();
        await admin.GetServer(Connection).ConfigResetStatisticsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
        await KillAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
