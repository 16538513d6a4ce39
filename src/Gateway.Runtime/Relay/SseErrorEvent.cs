using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Relay;

/// <summary>The one error event a truncated stream ends with (SPEC §6, RELIABILITY T4). No <c>[DONE]</c> follows.</summary>
internal static class SseErrorEvent
{
    /// <summary>Closes a half-written event: an empty line ends it (a partial line ends first).</summary>
    public static ReadOnlySpan<byte> EventTerminator => "\n\n"u8;

    public static readonly byte[] UpstreamFailed = Create("The upstream stream failed before it completed.");

    public static readonly byte[] UpstreamTimedOut = Create("The upstream stream stalled longer than the timeout.");

    /// <summary>The drain deadline ended the stream (T4): same shape and code, so clients need no new case.</summary>
    public static readonly byte[] ShuttingDown = Create("The gateway is shutting down; the stream ended before it completed.");

    /// <summary>The same two events in Anthropic's shape: <c>event: error</c> with the Anthropic envelope (SPEC §9).</summary>
    public static readonly byte[] AnthropicUpstreamFailed = CreateAnthropic(ChatErrorKind.Server, "The upstream stream failed before it completed.");

    public static readonly byte[] AnthropicUpstreamTimedOut = CreateAnthropic(ChatErrorKind.Timeout, "The upstream stream stalled longer than the timeout.");

    public static readonly byte[] AnthropicShuttingDown = CreateAnthropic(ChatErrorKind.Overloaded, "The gateway is shutting down; the stream ended before it completed.");

    /// <summary>
    /// The same in the Responses shape (SPEC §10), for a natively relayed Responses stream: <c>response.failed</c>,
    /// since Codex and the SDKs wait for a terminal response event. The upstream's response id is not known
    /// here (the gateway does not parse a relayed stream), so the failed response carries a gateway one.
    /// </summary>
    public static readonly byte[] ResponsesUpstreamFailed = CreateResponses("server_error", "The upstream stream failed before it completed.");

    public static readonly byte[] ResponsesUpstreamTimedOut = CreateResponses("server_error", "The upstream stream stalled longer than the timeout.");

    public static readonly byte[] ResponsesShuttingDown = CreateResponses("server_error", "The gateway is shutting down; the stream ended before it completed.");

    /// <summary>The event for a caller of <paramref name="format"/>: drained at the deadline, stalled, or failed.</summary>
    public static byte[] For(WireFormat format, bool drained, bool timedOut) => format switch
    {
        WireFormat.Anthropic => drained ? AnthropicShuttingDown : timedOut ? AnthropicUpstreamTimedOut : AnthropicUpstreamFailed,
        WireFormat.OpenAiResponses => drained ? ResponsesShuttingDown : timedOut ? ResponsesUpstreamTimedOut : ResponsesUpstreamFailed,
        _ => drained ? ShuttingDown : timedOut ? UpstreamTimedOut : UpstreamFailed,
    };

    private static byte[] CreateResponses(string code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(384);
        buffer.Write("event: response.failed\ndata: "u8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "response.failed"u8);
            writer.WriteStartObject("response"u8);
            writer.WriteString("id"u8, "resp_gateway_stream_failed"u8);
            writer.WriteString("object"u8, "response"u8);
            writer.WriteString("status"u8, "failed"u8);
            writer.WriteStartObject("error"u8);
            writer.WriteString("code"u8, code);
            writer.WriteString("message"u8, message);
            writer.WriteEndObject();
            writer.WriteStartArray("output"u8);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] CreateAnthropic(ChatErrorKind kind, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("event: error\ndata: "u8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ErrorEnvelope.Write(writer, WireFormat.Anthropic, new ChatError(kind, message, Code: "upstream_stream_error"));
        }
        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Create(string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ErrorEnvelope.WriteOpenAiObject(writer, message, "server_error", param: null, code: "upstream_stream_error");
        }
        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
