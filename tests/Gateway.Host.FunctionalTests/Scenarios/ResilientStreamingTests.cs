using System.Net;
using Gateway.Host.FunctionalTests.Support;
using Microsoft.AspNetCore.Http;
using static Gateway.Host.FunctionalTests.Support.ProviderScripts;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>Fallback and streams: before the first byte it may move on (R11), after it never (R10).</summary>
public sealed class ResilientStreamingTests
{
    private const string StreamRequest = """{"model":"fb","stream":true}""";

    private static Task<GatewayHarness> StartAsync() => GatewayHarness.StartAsync(ResilienceScenario.Toml);

    [Fact]
    public async Task R11_StreamWhoseFirstEventIsAnError_FallsBack()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: c => UpstreamScripts.Sse(c, [": ping\n\n", "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n"], TimeSpan.Zero));
        using var response = await h.PostAsync("/v1/chat/completions", StreamRequest);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tb", response.Headers.GetValues("x-gateway-target").Single());
        Assert.DoesNotContain("overloaded", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.Equal((1, 1), (h.Upstream.Count("a"), h.Upstream.Count("b")));
        Assert.Contains("Reason=ErrorEvent", h.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R11_StreamWhoseFirstEventIsFine_IsRelayedByteForByte_AfterThePeek()
    {
        await using var h = await StartAsync();
        const string stream = ": ping\r\n\r\ndata: {\"id\":1,\"error_rate\":0}\r\n\r\ndata: {\"id\":2}\n\ndata: [DONE]\n\n";
        h.Upstream.Handler = ByProvider(a: c => UpstreamScripts.Sse(c, [": ping\r\n\r\ndata: {\"id\":1,", "\"error_rate\":0}\r\n\r\n", "data: {\"id\":2}\n\ndata: [DONE]\n\n"], TimeSpan.Zero));
        using var response = await h.PostAsync("/v1/chat/completions", StreamRequest);

        Assert.Equal(stream, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal((1, 0), (h.Upstream.Count("a"), h.Upstream.Count("b")));
    }

    [Fact]
    public async Task R11_StreamThatFailsBeforeItsFirstByte_FallsBack()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: async c =>
        {
            c.Response.ContentType = "text/event-stream";
            await c.Response.StartAsync(c.RequestAborted); // headers only, then the connection dies
            c.Abort();
        });
        using var response = await h.PostAsync("/v1/chat/completions", StreamRequest);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tb", response.Headers.GetValues("x-gateway-target").Single());
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.Equal((1, 1), (h.Upstream.Count("a"), h.Upstream.Count("b")));
    }

    [Fact]
    public async Task R10_StreamThatFailsAfterItsFirstByte_DoesNotFallBack()
    {
        await using var h = await StartAsync();
        var clientHasFirstEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Upstream.Handler = ByProvider(a: async c =>
        {
            await UpstreamScripts.Sse(c, ["data: {\"id\":1,\"choices\":[]}\n\n"], TimeSpan.Zero);
            await clientHasFirstEvent.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await UpstreamScripts.Sse(c, ["data: {\"id\":2,"], TimeSpan.Zero);
            c.Abort(); // mid-event, after the client already holds the first one
        });
        using var response = await h.PostAsync("/v1/chat/completions", StreamRequest, completion: HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        var buffer = new byte[1024];
        while (!System.Text.Encoding.UTF8.GetString(received.ToArray()).Contains("\n\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            Assert.True(read > 0, "the stream ended before its first event");
            received.Write(buffer, 0, read);
        }
        clientHasFirstEvent.SetResult();
        await stream.CopyToAsync(received);
        var body = System.Text.Encoding.UTF8.GetString(received.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("data: {\"id\":1,\"choices\":[]}\n\n", body, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"upstream_stream_error\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.Equal((1, 0), (h.Upstream.Count("a"), h.Upstream.Count("b")));
    }

    [Fact]
    public async Task R10_NonStreamBodyThatFailsBeforeAnyByteWasSent_FallsBack()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: async c =>
        {
            c.Response.ContentType = "application/json";
            c.Response.ContentLength = 500;
            await c.Response.StartAsync(c.RequestAborted);
            c.Abort();
        });
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"fb"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tb", response.Headers.GetValues("x-gateway-target").Single());
        Assert.Contains("\"chat.completion\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((1, 1), (h.Upstream.Count("a"), h.Upstream.Count("b")));
    }

    [Fact]
    public async Task R11_OnTheLastAttempt_AnErrorFirstEventIsRelayedAsIs()
    {
        await using var h = await StartAsync();
        const string error = "data: {\"error\":{\"message\":\"overloaded\"}}\n\n";
        h.Upstream.Handler = ByProvider(a: c => UpstreamScripts.Sse(c, [error], TimeSpan.Zero));
        // rt: one target, max_retries = 2. The first two error streams are retried; the third is the last error.
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"rt","stream":true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(error, await response.Content.ReadAsStringAsync());
        Assert.Equal(3, h.Upstream.Count("a"));
    }
}
