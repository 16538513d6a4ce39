using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Bench.FakeProvider;

/// <summary>
/// Serves <c>POST /v1/chat/completions</c> (fixed JSON, or SSE when the body has
/// <c>"stream": true</c> or the query has <c>?sse=N&amp;interval_ms=M</c>), the same for Anthropic's
/// <c>POST /v1/messages</c> (in Anthropic's format, see <see cref="AnthropicAnswers"/>), for OpenAI's
/// <c>POST /v1/responses</c> (a <c>response</c> object or the Responses event stream, see
/// <see cref="ResponsesAnswers"/>), <c>POST /v1/embeddings</c> and <c>GET /health</c>. Everything else is 404.
/// </summary>
internal sealed class FakeHandler(int defaultEvents, int defaultIntervalMs)
{
    private readonly ResponsesAnswers _responses = new(defaultEvents);

    private static readonly byte[] ChatJson =
        """{"id":"chatcmpl-bench0001","object":"chat.completion","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the fake provider."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}"""u8.ToArray();

    private static readonly byte[] EmbeddingsJson =
        """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292,0.015797347,-0.0077780345,0.0045128241,0.021378458,-0.012489523,0.0030211557]}],"model":"text-embedding-bench","usage":{"prompt_tokens":8,"total_tokens":8}}"""u8.ToArray();

    private static readonly byte[] ChunkEvent =
        "data: {\"id\":\"chatcmpl-bench0001\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-bench\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi \"},\"finish_reason\":null}]}\n\n"u8.ToArray();

    private static readonly byte[] LastEvent =
        "data: {\"id\":\"chatcmpl-bench0001\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-bench\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"u8.ToArray();

    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();
    private static readonly byte[] HealthJson = """{"status":"ok"}"""u8.ToArray();
    private static readonly byte[] NotFoundJson =
        """{"error":{"message":"not found","type":"invalid_request_error","param":null,"code":"not_found"}}"""u8.ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value;
        if (HttpMethods.IsPost(request.Method))
        {
            if (path == "/v1/chat/completions")
            {
                var bodyAsksStream = await ReadBodyAsync(request.BodyReader, lookForStream: true);
                var (queryAsksStream, events, intervalMs) = ReadSseQuery(request);
                if (bodyAsksStream || queryAsksStream)
                {
                    await WriteSseAsync(context, events, intervalMs);
                    return;
                }
                await WriteFixedAsync(context.Response, 200, ChatJson);
                return;
            }
            if (path == "/v1/messages")
            {
                var bodyAsksStream = await ReadBodyAsync(request.BodyReader, lookForStream: true);
                var (queryAsksStream, events, intervalMs) = ReadSseQuery(request);
                if (bodyAsksStream || queryAsksStream)
                {
                    await AnthropicAnswers.WriteSseAsync(context, events, intervalMs);
                    return;
                }
                await WriteFixedAsync(context.Response, 200, AnthropicAnswers.MessageJson);
                return;
            }
            if (path == "/v1/responses")
            {
                var bodyAsksStream = await ReadBodyAsync(request.BodyReader, lookForStream: true);
                var (queryAsksStream, events, intervalMs) = ReadSseQuery(request);
                if (bodyAsksStream || queryAsksStream)
                {
                    await _responses.WriteSseAsync(context, events, intervalMs);
                    return;
                }
                await WriteFixedAsync(context.Response, 200, ResponsesAnswers.ResponseJson);
                return;
            }
            if (path == "/v1/embeddings")
            {
                await ReadBodyAsync(request.BodyReader, lookForStream: false);
                await WriteFixedAsync(context.Response, 200, EmbeddingsJson);
                return;
            }
        }
        else if (path == "/health")
        {
            await WriteFixedAsync(context.Response, 200, HealthJson);
            return;
        }
        await WriteFixedAsync(context.Response, 404, NotFoundJson);
    }

    /// <summary>Drains the body (keep-alive needs it) and, when asked, looks for <c>"stream": true</c>.</summary>
    private static async ValueTask<bool> ReadBodyAsync(PipeReader reader, bool lookForStream)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            if (!result.IsCompleted)
            {
                // Keep everything until the end: bodies here are small, and the flag may straddle reads.
                reader.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }
            var found = lookForStream && HasStreamTrue(buffer);
            reader.AdvanceTo(buffer.End);
            return found;
        }
    }

    private static bool HasStreamTrue(ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment) return HasStreamTrue(body.FirstSpan);
        return HasStreamTrue(body.ToArray());
    }

    /// <summary>Cheap, not a JSON parser: <c>"stream"</c>, optional spaces, <c>:</c>, optional spaces, <c>true</c>.</summary>
    internal static bool HasStreamTrue(ReadOnlySpan<byte> body)
    {
        var key = "\"stream\""u8;
        while (true)
        {
            var at = body.IndexOf(key);
            if (at < 0) return false;
            var rest = body[(at + key.Length)..].TrimStart(" \t\r\n"u8);
            if (rest.Length > 0 && rest[0] == (byte)':' && rest[1..].TrimStart(" \t\r\n"u8).StartsWith("true"u8))
                return true;
            body = body[(at + key.Length)..];
        }
    }

    private (bool Asked, int Events, int IntervalMs) ReadSseQuery(HttpRequest request)
    {
        if (!request.QueryString.HasValue) return (false, defaultEvents, defaultIntervalMs);
        var query = request.Query;
        var asked = int.TryParse(query["sse"], NumberStyles.None, CultureInfo.InvariantCulture, out var events);
        if (!asked) events = defaultEvents;
        if (!int.TryParse(query["interval_ms"], NumberStyles.None, CultureInfo.InvariantCulture, out var interval))
            interval = defaultIntervalMs;
        return (asked, events, interval);
    }

    /// <summary>Status and headers of an SSE answer, unbuffered; shared with <see cref="AnthropicAnswers"/> and <see cref="ResponsesAnswers"/>.</summary>
    internal static PipeWriter StartSse(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return response.BodyWriter;
    }

    private static async Task WriteSseAsync(HttpContext context, int events, int intervalMs)
    {
        var writer = StartSse(context);
        var aborted = context.RequestAborted;
        for (var i = 0; i < events; i++)
        {
            // The first event goes out at once (with the headers): time-to-first-event is the proxy's cost.
            if (i > 0 && intervalMs > 0) await Task.Delay(intervalMs, aborted);
            var result = await writer.WriteAsync(i == events - 1 ? LastEvent : ChunkEvent, aborted);
            if (result.IsCanceled || result.IsCompleted) return;
        }
        await writer.WriteAsync(DoneEvent, aborted);
    }

    internal static ValueTask<FlushResult> WriteFixedAsync(HttpResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.BodyWriter.WriteAsync(body);
    }
}
