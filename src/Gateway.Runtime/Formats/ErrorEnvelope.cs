using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats;

/// <summary>
/// Reads an upstream error body in either envelope and writes a <see cref="ChatError"/> in the
/// caller's, so a caller always parses errors with its own SDK (SPEC §9). Upstream messages are
/// relayed (cut to <see cref="MaxMessageLength"/>); a body that is not an error envelope becomes a
/// generic message for its status, never the raw bytes.
/// </summary>
internal static class ErrorEnvelope
{
    /// <summary>
    /// Readable JSON: the default encoder also escapes HTML-sensitive characters (<c>'</c> as <c>\u0027</c>,
    /// <c>&lt;</c>, <c>&amp;</c>) and all non-ASCII, which only matters when JSON is pasted into an HTML page.
    /// These bodies are served alone as <c>application/json</c>, so the relaxed encoder is safe here: it still
    /// escapes what JSON itself requires (quotes, backslash, control characters, invalid UTF-16). It is a
    /// plain <see cref="JavaScriptEncoder"/> instance, no reflection, so NativeAOT is unaffected.
    /// </summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const int MaxMessageLength = 4096;

    public static ChatErrorKind KindForStatus(int status) => status switch
    {
        400 or 422 => ChatErrorKind.InvalidRequest,
        401 => ChatErrorKind.Authentication,
        403 => ChatErrorKind.Permission,
        404 => ChatErrorKind.NotFound,
        413 => ChatErrorKind.RequestTooLarge,
        429 => ChatErrorKind.RateLimit,
        503 or 529 => ChatErrorKind.Overloaded,
        504 => ChatErrorKind.Timeout,
        _ => status is >= 400 and < 500 ? ChatErrorKind.InvalidRequest : ChatErrorKind.Server,
    };

    /// <summary>The status a caller of the other format expects for the kind (Anthropic's overload is 529).</summary>
    public static int Status(ChatErrorKind kind, WireFormat format) => kind switch
    {
        ChatErrorKind.InvalidRequest => 400,
        ChatErrorKind.Authentication => 401,
        ChatErrorKind.Permission => 403,
        ChatErrorKind.NotFound => 404,
        ChatErrorKind.RequestTooLarge => 413,
        ChatErrorKind.RateLimit => 429,
        ChatErrorKind.Overloaded => format == WireFormat.Anthropic ? 529 : 503,
        ChatErrorKind.Timeout => 504,
        _ => 500,
    };

    /// <summary>Reads an error body of either envelope; the kind comes from the status, the message from the body.</summary>
    public static ChatError Read(int status, ReadOnlySpan<byte> body)
    {
        var kind = KindForStatus(status);
        string? message = null, param = null, code = null;
        try
        {
            var reader = new Utf8JsonReader(body, JsonValues.ReaderOptions);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isError = reader.ValueTextEquals("error"u8);
                    reader.Read();
                    if (isError && reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadError(ref reader, ref message, ref param, ref code);
                    }
                    else if (isError && reader.TokenType == JsonTokenType.String)
                    {
                        message = Bounded(reader.GetString());
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON: fall through to the generic message.
        }
        return new ChatError(kind, message ?? $"The upstream provider answered {status}.", param, code);
    }

    private static void ReadError(ref Utf8JsonReader reader, ref string? message, ref string? param, ref string? code)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("message"u8) ? 1 : reader.ValueTextEquals("param"u8) ? 2 : reader.ValueTextEquals("code"u8) ? 3 : 0;
            reader.Read();
            if (field == 0 || reader.TokenType != JsonTokenType.String)
            {
                // Providers put numbers and objects here too (a numeric code, a param path): skip the whole value.
                reader.Skip();
                continue;
            }
            var text = Bounded(reader.GetString());
            if (field == 1) message = text;
            else if (field == 2) param = text;
            else code = text;
        }
    }

    private static string? Bounded(string? text) => text is { Length: > MaxMessageLength } ? text[..MaxMessageLength] : text;

    /// <summary>Writes the error body (a complete JSON object) in <paramref name="format"/>'s envelope.</summary>
    public static void Write(Utf8JsonWriter writer, WireFormat format, in ChatError error)
    {
        writer.WriteStartObject();
        if (format == WireFormat.Anthropic)
        {
            writer.WriteString("type"u8, "error"u8);
            writer.WriteStartObject("error"u8);
            writer.WriteString("type"u8, AnthropicType(error.Kind));
            writer.WriteString("message"u8, error.Message);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartObject("error"u8);
            writer.WriteString("message"u8, error.Message);
            writer.WriteString("type"u8, OpenAiType(error.Kind));
            if (error.Param is null) writer.WriteNull("param"u8); else writer.WriteString("param"u8, error.Param);
            if (error.Code is null) writer.WriteNull("code"u8); else writer.WriteString("code"u8, error.Code);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    public static ReadOnlySpan<byte> AnthropicType(ChatErrorKind kind) => kind switch
    {
        ChatErrorKind.InvalidRequest => "invalid_request_error"u8,
        ChatErrorKind.Authentication => "authentication_error"u8,
        ChatErrorKind.Permission => "permission_error"u8,
        ChatErrorKind.NotFound => "not_found_error"u8,
        ChatErrorKind.RequestTooLarge => "request_too_large"u8,
        ChatErrorKind.RateLimit => "rate_limit_error"u8,
        ChatErrorKind.Overloaded => "overloaded_error"u8,
        ChatErrorKind.Timeout => "timeout_error"u8,
        _ => "api_error"u8,
    };

    public static ReadOnlySpan<byte> OpenAiType(ChatErrorKind kind) => kind switch
    {
        ChatErrorKind.InvalidRequest or ChatErrorKind.NotFound or ChatErrorKind.RequestTooLarge => "invalid_request_error"u8,
        ChatErrorKind.Authentication => "authentication_error"u8,
        ChatErrorKind.Permission => "permission_error"u8,
        ChatErrorKind.RateLimit => "rate_limit_error"u8,
        _ => "server_error"u8,
    };

    /// <summary>Writes one OpenAI error object; the gateway's own errors and the SSE error event share it.</summary>
    public static void WriteOpenAiObject(Utf8JsonWriter writer, string message, string type, string? param, string? code)
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
