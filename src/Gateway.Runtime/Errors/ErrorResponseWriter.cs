using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Ingress;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Errors;

/// <summary>
/// Writes <c>{"error":{"message","type","param","code"}}</c> with <c>x-gateway-error-code</c>, or Anthropic's
/// <c>{"type":"error","error":{"type","message"}}</c> to a caller of the Messages API (SPEC §9). Written with
/// <see cref="Utf8JsonWriter"/> so nothing needs reflection (NativeAOT) and every string is escaped.
/// </summary>
internal static class ErrorResponseWriter
{
    public const string ErrorCodeHeader = "x-gateway-error-code";

    /// <summary>
    /// Readable JSON: the default encoder also escapes HTML-sensitive characters (<c>'</c> as <c>\u0027</c>,
    /// <c>&lt;</c>, <c>&amp;</c>) and all non-ASCII, which only matters when JSON is pasted into an HTML page.
    /// These bodies are served alone as <c>application/json</c>, so the relaxed encoder is safe here: it still
    /// escapes what JSON itself requires (quotes, backslash, control characters, invalid UTF-16). It is a
    /// plain <see cref="JavaScriptEncoder"/> instance, no reflection, so NativeAOT is unaffected.
    /// </summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Answers with the error unless the response has already started (then the connection is aborted instead).</summary>
    public static Task WriteAsync(HttpContext context, GatewayError error, string? message = null, string? param = null) =>
        WriteAsync(context, error, message, param, null);

    /// <summary>As above, with a gateway key's <c>Retry-After</c> and <c>x-ratelimit-*</c> headers (SPEC §11).</summary>
    public static Task WriteAsync(HttpContext context, GatewayError error, string? message, string? param, Keys.LimitHeaders? limitHeaders)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            // Too late for a status code; a truncated body must not look complete.
            context.Abort();
            return Task.CompletedTask;
        }
        response.Clear();
        response.StatusCode = GatewayErrors.StatusCode(error);
        response.ContentType = "application/json";
        response.Headers[ErrorCodeHeader] = GatewayErrors.Code(error);
        limitHeaders?.Apply(response.Headers);
        var body = Format(error, message, param, CallerFormat.Of(context));
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>The error body as UTF-8 bytes.</summary>
    public static byte[] Format(GatewayError error, string? message = null, string? param = null, WireFormat format = WireFormat.OpenAiChat)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (format == WireFormat.Anthropic)
            {
                ErrorEnvelope.Write(writer, format, new ChatError(GatewayErrors.Kind(error), message ?? GatewayErrors.DefaultMessage(error), param, GatewayErrors.Code(error)));
            }
            else
            {
                WriteObject(writer, message ?? GatewayErrors.DefaultMessage(error), GatewayErrors.Type(error), param, GatewayErrors.Code(error));
            }
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one error object; shared with the SSE error event.</summary>
    public static void WriteObject(Utf8JsonWriter writer, string message, string type, string? param, string? code)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, message);
        writer.WriteString("type"u8, type);
        if (param is null) writer.WriteNull("param"u8); else writer.WriteString("param"u8, param);
        if (code is null) writer.WriteNull("code"u8); else writer.WriteString("code"u8, code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
