using System.Diagnostics;
using System.Net;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Scenarios;

[Collection(TimingSensitiveCollection.Name)]
public sealed class StreamingTests
{
    private const string StreamBody = """{"model":"smart","stream":true}""";

    [Fact]
    public async Task T1_EachEventArrivesWithin50ms_AndStreamHeadersAreSet()
    {
        await using var h = await GatewayHarness.StartAsync();
        // 30 events: the 95th percentile then tolerates one scheduling hiccup on a busy machine, while a
        // buffering gateway would delay every event by ~100 ms or more.
        const int count = 30;
        var sent = new TimeSpan[count];
        h.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.StartAsync();
            for (var i = 0; i < count; i++)
            {
                if (i > 0) await Task.Delay(100, context.RequestAborted);
                sent[i] = h.Upstream.Clock.Elapsed;
                await context.Response.WriteAsync($"data: {{\"i\":{i}}}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        };

        using var response = await h.PostAsync("/v1/chat/completions", StreamBody, completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        Assert.Null(response.Content.Headers.ContentLength);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lags = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var line = await reader.ReadLineAsync();
            var received = h.Upstream.Clock.Elapsed;
            Assert.Equal($"data: {{\"i\":{i}}}", line);
            Assert.Equal("", await reader.ReadLineAsync());
            lags.Add((received - sent[i]).TotalMilliseconds);
        }
        lags.Sort();
        var p95 = lags[(int)Math.Ceiling(lags.Count * 0.95) - 1];
        Assert.True(p95 < 50, $"p95 lag {p95:F1} ms; lags: {string.Join(", ", lags.Select(l => l.ToString("F1")))}");
    }

    [Fact]
    public async Task T2_StreamIsRelayedByteForByte_CommentsCrlfMultilineAndSplitUtf8()
    {
        await using var h = await GatewayHarness.StartAsync();
        var euro = Encoding.UTF8.GetBytes("€");
        byte[][] chunks =
        [
            Encoding.UTF8.GetBytes(": keep-alive comment\r\n\r\n"),
            Encoding.UTF8.GetBytes("event: delta\r\ndata: line one\r\ndata: line two "),
            [.. euro[..1]],
            [.. euro[1..], .. "\r\n\r\n"u8],
            Encoding.UTF8.GetBytes("data: {\"x\":\"\\n\"}\n\ndata: [DONE]\n\n"),
        ];
        h.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream; charset=utf-8";
            foreach (var chunk in chunks)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        };

        using var response = await h.PostAsync("/v1/chat/completions", StreamBody);

        Assert.Equal(chunks.SelectMany(c => c).ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task T4_ResetMidEvent_ClosesTheEvent_SendsOneErrorEvent_AndNoDone()
    {
        await using var h = await GatewayHarness.StartAsync();
        var clientHasPartialEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Upstream.Handler = async context =>
        {
            await UpstreamScripts.Sse(context, ["data: {\"a\":1}\n\n", "data: {\"partial\":"], TimeSpan.Zero);
            // Reset only once the bytes went through: a TCP reset discards data the gateway has not read yet.
            await clientHasPartialEvent.Task.WaitAsync(context.RequestAborted);
            context.Abort();
        };

        using var response = await h.PostAsync("/v1/chat/completions", StreamBody, completion: HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        var buffer = new byte[256];
        const string partial = "data: {\"a\":1}\n\ndata: {\"partial\":";
        while (received.Length < partial.Length)
        {
            var read = await stream.ReadAsync(buffer);
            Assert.NotEqual(0, read);
            received.Write(buffer, 0, read);
        }
        clientHasPartialEvent.SetResult();
        await stream.CopyToAsync(received);
        var text = Encoding.UTF8.GetString(received.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(partial + "\n\ndata: {\"error\":", text, StringComparison.Ordinal);
        Assert.EndsWith("\"code\":\"upstream_stream_error\"}}\n\n", text, StringComparison.Ordinal);
        Assert.Equal(1, CountOccurrences(text, "upstream_stream_error"));
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task T4_StallMidStream_EndsWithAnErrorEvent_AfterTheIdleTimeout()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = async context =>
        {
            await UpstreamScripts.Sse(context, ["data: {\"a\":1}\n\n"], TimeSpan.Zero);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        };

        var clock = Stopwatch.StartNew();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"slow","stream":true}""");
        var text = await response.Content.ReadAsStringAsync();
        var streamEndedAt = h.Upstream.Clock.Elapsed;

        Assert.StartsWith("data: {\"a\":1}\n\ndata: {\"error\":", text, StringComparison.Ordinal);
        Assert.Contains("upstream_stream_error", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
        Assert.InRange(clock.ElapsedMilliseconds, 300, 5000);
        // The stalled upstream call is cancelled when the gateway gives up on it, not left hanging (R06: within 1 s).
        var upstreamAbortedAt = await h.Upstream.Aborted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(upstreamAbortedAt <= streamEndedAt + TimeSpan.FromSeconds(1), $"upstream aborted at {upstreamAbortedAt}, stream ended at {streamEndedAt}");
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
