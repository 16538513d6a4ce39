using System.Net;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>RELIABILITY P3 with the real host binary (built from a config that points at a fake upstream) as a child process.</summary>
public sealed class DrainTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task P3_Sigterm_ReadinessTurns503_InFlightStreamFinishes_ExitCode0()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var firstEventSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Handler = async context =>
        {
            // One event, then hold the stream open until the test has seen the drain begin.
            await UpstreamScripts.Sse(context, ["data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"], TimeSpan.Zero);
            firstEventSent.TrySetResult();
            await release.Task.WaitAsync(context.RequestAborted);
            await WriteAsync(context, "data: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\n");
            await WriteAsync(context, "data: [DONE]\n\n");
        };
        var gatewayDll = await HostBuild.GetAsync(ChildHostConfig.SmartRoute(upstream.Port, "shutdown_drain_ms = 20000"));

        await using var host = HostProcess.Start(gatewayDll, ["--urls", "http://127.0.0.1:0"]);
        var address = await host.WaitForAddressAsync(Wait);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = Wait };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // A stream is in flight...
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"smart","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await firstEventSent.Task.WaitAsync(Wait);

        // ...when SIGTERM arrives: readiness answers 503 on a NEW connection while the stream still flows.
        host.Signal("TERM");
        await host.WaitForLineAsync(@"Draining: readiness reports 503", Wait);
        using (var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = Wait })
        {
            var ready = await probe.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health")).StatusCode);
        }

        release.TrySetResult();
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"Hel\"", body, StringComparison.Ordinal);
        Assert.Contains("\"lo\"", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);

        Assert.Equal(0, await host.WaitForExitAsync(Wait));
        Assert.Contains("Drained", host.Output, StringComparison.Ordinal);
        // After the drain the listener is gone: new connections are refused.
        using var late = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) }) { BaseAddress = address };
        await Assert.ThrowsAsync<HttpRequestException>(() => late.GetAsync("/health"));
    }

    [Fact]
    public async Task T4_DrainDeadline_EndsARunningStreamWithTheErrorEvent_NotAReset_ExitCode0()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var firstEventSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Handler = async context =>
        {
            // One event, then a stream that would outlive any drain.
            await UpstreamScripts.Sse(context, ["data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"], TimeSpan.Zero);
            firstEventSent.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        };
        var gatewayDll = await HostBuild.GetAsync(ChildHostConfig.SmartRoute(upstream.Port, "shutdown_drain_ms = 1000"));

        await using var host = HostProcess.Start(gatewayDll, ["--urls", "http://127.0.0.1:0"]);
        var address = await host.WaitForAddressAsync(Wait);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = Wait };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"smart","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await firstEventSent.Task.WaitAsync(Wait);

        host.Signal("TERM");
        // Reads to the end without an IOException: the response was completed (final chunk), not reset.
        var body = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"error\":", body, StringComparison.Ordinal);
        Assert.EndsWith("\"code\":\"upstream_stream_error\"}}\n\n", body, StringComparison.Ordinal);
        Assert.Contains("shutting down", body, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.Equal(0, await host.WaitForExitAsync(Wait));
        Assert.Contains("Drain deadline", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("aborting them", host.Output, StringComparison.Ordinal);
        // The upstream call was cancelled with the stream, not left to the process exit.
        await upstream.Aborted.WaitAsync(Wait);
    }

    private static async Task WriteAsync(HttpContext context, string chunk)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(chunk), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
