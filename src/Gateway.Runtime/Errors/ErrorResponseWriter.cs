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

    /// <summary>Answers with the error unless the response has already started (then the connection is aborted instead).</summary>
    public static Task WriteAsync(HttpContext context, GatewayError error, string? message = null, string? param = null) =>
        WriteAsync(context, error, message, param, null);

    /// <summary>As above, with headers the error carries (a gateway key's <c>Retry-After</c> and <c>x-ratelimit-*</c>, SPEC §11).</summary>
    public static Task WriteAsync(HttpContext context, GatewayError error, string? message, string? param, IErrorHeaders? extraHeaders)
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
        extraHeaders?.Apply(response.Headers);
        var body = Format(error, message, param, CallerFormat.Of(context));
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>The error body as UTF-8 bytes.</summary>
    public static byte[] Format(GatewayError error, string? message = null, string? param = null, WireFormat format = WireFormat.OpenAiChat)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ErrorEnvelope.WriterOptions))
        {
            if (format == WireFormat.Anthropic)
            {
                ErrorEnvelope.Write(writer, format, new ChatError(GatewayErrors.Kind(error), message ?? GatewayErrors.DefaultMessage(error), param, GatewayErrors.Code(error)));
            }
            else
            {
                ErrorEnvelope.WriteOpenAiObject(writer, message ?? GatewayErrors.DefaultMessage(error), GatewayErrors.Type(error), param, GatewayErrors.Code(error));
            }
        }
        return buffer.WrittenSpan.ToArray();
    }
}
