using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using Gateway.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// Event-loop I/O (<see cref="InlineIo"/>): the binary turns it on, and functional.runsettings turns it on for
/// this test host, so every harness test runs the request path the way production does.
/// </summary>
public sealed class EventLoopIoTests
{
    private const string LargeBodyConfig = """
        [server]
        max_request_body_bytes = 1048576

        [providers.fake]
        base_url = "http://127.0.0.1:{UPSTREAM}/v1"
        models = ["up-model"]
        credential = "env::FAKE_API_KEY"

        [targets.primary]
        model = "up-model"

        [routes.smart]
        models = ["smart"]
        targets = ["primary"]

        [security]
        enabled = true
        blocklist = ["xyzzy"]
        """;

    [Fact]
    public async Task Requests_RunOnTheSocketEventLoop_NotOnThreadPoolWorkers()
    {
        Assert.True(InlineIo.Enabled, "functional.runsettings must set " + InlineIo.Variable + "=1 for the test host");
        var onThreadPool = new ConcurrentQueue<bool>();
        await using var h = await GatewayHarness.StartAsync(configure: builder =>
            builder.Services.AddSingleton<IStartupFilter>(new RecordThreadKind(onThreadPool)));

        const int requests = 20;
        for (var i = 0; i < requests; i++)
        {
            using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart","messages":[{"role":"user","content":"hi"}]}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Without event-loop I/O every request starts on a thread-pool worker. With it, a request starts on the
        // epoll thread that read it; only a connection's first request may start on a worker (Kestrel starts new
        // connections there, and the request bytes may already be waiting). The client keeps one connection.
        Assert.Equal(requests, onThreadPool.Count);
        Assert.True(onThreadPool.Count(onPool => !onPool) >= requests / 2,
            $"{onThreadPool.Count(onPool => onPool)} of {requests} requests started on thread-pool workers");
    }

    [Fact]
    public async Task LargeBody_ScannedOffTheEventLoop_IsForwardedWhole()
    {
        await using var h = await GatewayHarness.StartAsync(LargeBodyConfig);
        var text = new string('a', 300 * 1024);
        var json = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";

        using var response = await h.PostAsync("/v1/chat/completions", json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = h.SingleUpstreamRequest();
        Assert.Equal(Encoding.UTF8.GetByteCount(json.Replace("\"smart\"", "\"up-model\"", StringComparison.Ordinal)), forwarded.Body.Length);
        Assert.Contains(text, forwarded.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LargeBody_StillBlockedByTheSecurityPipeline()
    {
        await using var h = await GatewayHarness.StartAsync(LargeBodyConfig);
        var json = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('a', 200 * 1024) + " xyzzy\"}]}";

        using var response = await h.PostAsync("/v1/chat/completions", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("content_blocked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(h.Upstream.Requests);
    }

    /// <summary>Records, for each request, whether the middleware pipeline started on a thread-pool worker.</summary>
    private sealed class RecordThreadKind(ConcurrentQueue<bool> onThreadPool) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(inner => context =>
            {
                onThreadPool.Enqueue(Thread.CurrentThread.IsThreadPoolThread);
                return inner(context);
            });
            next(app);
        };
    }
}
