using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// An upstream on 127.0.0.1:0 that answers every request with scripted raw bytes, for framing faults Kestrel
/// would never produce (Content-Length with Transfer-Encoding, an unasked-for 101, garbage; RELIABILITY H7).
/// It reads the request head and its Content-Length body, writes <see cref="Response"/>, then holds the
/// connection open until the gateway closes it (or the listener is disposed).
/// </summary>
internal sealed class RawUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public RawUpstream(string response)
    {
        Response = Encoding.ASCII.GetBytes(response);
        _listener.Start();
        _accepting = AcceptLoopAsync();
    }

    public byte[] Response { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>A scenario with one route <c>smart</c> to this upstream (single target, no retries).</summary>
    public string Toml => $$"""
        [routing.retry]
        max_retries = 0

        [providers.raw]
        base_url = "http://127.0.0.1:{{Port}}/v1"
        models = ["up-model"]
        credential = "env::{{Scenario.KeyVariable}}"
        timeout_ms = 3000

        [targets.primary]
        model = "up-model"

        [routes.smart]
        models = ["smart"]
        targets = ["primary"]
        """;

    private async Task AcceptLoopAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                connections.Add(ServeAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[64 * 1024];
                var filled = 0;
                int headEnd;
                while ((headEnd = IndexOf(buffer.AsSpan(0, filled), "\r\n\r\n"u8)) < 0)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                    if (read == 0) return;
                    filled += read;
                }
                var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
                var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                while (filled < headEnd + 4 + length)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                    if (read == 0) return;
                    filled += read;
                }
                await stream.WriteAsync(Response, _stop.Token);
                // Hold the connection: whatever the gateway does next is its own decision, not an EOF.
                while (await stream.ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private static int IndexOf(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
