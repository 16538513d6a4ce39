using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>Reusable fake-upstream behaviours.</summary>
internal static class UpstreamScripts
{
    /// <summary>An OpenAI-compatible provider: chat (plain or streamed), embeddings, anything else a small JSON.</summary>
    public static async Task OpenAi(HttpContext context)
    {
        var body = (byte[])context.Items["body"]!;
        string model = "unknown";
        var stream = false;
        try
        {
            using var json = JsonDocument.Parse(body);
            model = json.RootElement.GetProperty("model").GetString() ?? model;
            stream = json.RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }
        var path = context.Request.Path.Value ?? "";
        if (path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            await Json(context, 200, $$$"""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-0.25]}],"model":"{{{model}}}","usage":{"prompt_tokens":1,"total_tokens":1}}""");
            return;
        }
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal) && stream)
        {
            string[] events =
            [
                $$$"""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"{{{model}}}","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}""",
                $$$"""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"{{{model}}}","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}""",
                "[DONE]",
            ];
            await Sse(context, events.Select(e => "data: " + e + "\n\n"), TimeSpan.Zero);
            return;
        }
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await Json(context, 200, $$$"""{"id":"c1","object":"chat.completion","created":1,"model":"{{{model}}}","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""");
            return;
        }
        await Json(context, 200, """{"ok":true}""");
    }

    public static Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Writes raw SSE chunks, flushing each, with a delay between them.</summary>
    public static async Task Sse(HttpContext context, IEnumerable<string> chunks, TimeSpan interval)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.StartAsync(context.RequestAborted);
        var first = true;
        foreach (var chunk in chunks)
        {
            if (!first && interval > TimeSpan.Zero) await Task.Delay(interval, context.RequestAborted);
            first = false;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(chunk), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>Never answers; ends when the gateway gives up (RequestAborted).</summary>
    public static Task StallBeforeHeaders(HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted);
}
