using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>RELIABILITY R03: a caller that stops reading a stream cannot hold it, or its upstream connection.</summary>
public sealed class StalledClientTests
{
    private const string StreamBody = """{"model":"smart","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    /// <summary>timeout_ms is the write-stall bound: small, but not so small that a cold upstream misses its headers.</summary>
    private const string Config = """
        [defaults.provider]
        timeout_ms = 1000

        [providers.fake]
        base_url = "http://127.0.0.1:{UPSTREAM}/v1"
        models = ["up-model"]
        auth_type = "none"

        [targets.primary]
        model = "up-model"

        [routes.smart]
        models = ["smart"]
        targets = ["primary"]
        """;

    [Fact]
    public async Task R03_ClientStopsReadingAStream_UpstreamIsReleased_AndTheCallerConnectionClosed()
    {
        // Kestrel's minimum response data rate does not help here: every byte the socket buffers accepted
        // earns the connection 1/240 s of credit.
        await using var h = await GatewayHarness.StartAsync(Config);
        // Warm both hosts up (default script), so the 1 s bound is not spent on first-request start-up.
        using (var warm = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }
        var chunk = Encoding.UTF8.GetBytes("data: {\"pad\":\"" + new string('x', 16 * 1024) + "\"}\n\n");
        var lastWriteTicks = 0L;
        h.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            // Streams until the gateway lets go: the connection closing ends the loop (FakeUpstream.Aborted).
            while (true)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                Volatile.Write(ref lastWriteTicks, h.Upstream.Clock.Elapsed.Ticks);
            }
        };

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // A small window so the stall reaches the gateway's writes after little data.
        socket.ReceiveBufferSize = 4096;
        await socket.ConnectAsync(IPAddress.Loopback, h.Address.Port);
        var request = $"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(StreamBody)}\r\n\r\n{StreamBody}";
        await socket.SendAsync(Encoding.UTF8.GetBytes(request));
        // ...and never reads.

        var abortedAt = await h.Upstream.Aborted.WaitAsync(TimeSpan.FromSeconds(20));

        // The gateway's own bound did it (not an upstream timeout), within seconds of the upstream's last write.
        var logged = await h.Logs.WaitForAsync(l => l.Contains("Client stopped reading", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Contains("Client stopped reading for 1000 ms", logged, StringComparison.Ordinal);
        var releasedAfter = abortedAt - TimeSpan.FromTicks(Volatile.Read(ref lastWriteTicks));
        Assert.True(releasedAfter < TimeSpan.FromSeconds(5), $"upstream released {releasedAfter.TotalMilliseconds:F0} ms after its last write");

        // The caller's connection is closed too: reading what is left ends (EOF or reset), it does not hang.
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // A reset: closed as well.
        }
    }
}
