using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats;

/// <summary>
/// An error an upstream sends inside a 200 event stream: OpenAI <c>{"error":{…}}</c>, Anthropic
/// <c>{"type":"error","error":{…}}</c>. There is no status to go by, so the kind comes from
/// <c>error.type</c> (either format's vocabulary); the message as <see cref="ErrorEnvelope.Read"/> finds it.
/// </summary>
internal static class InBandError
{
    public static ChatError Read(ReadOnlySpan<byte> data)
    {
        var error = ErrorEnvelope.Read(500, data);
        return error with { Kind = KindOf(data) };
    }

    private static ChatErrorKind KindOf(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data, JsonValues.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ChatErrorKind.Server;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isError = reader.ValueTextEquals("error"u8);
                reader.Read();
                if (!isError || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                var kind = ChatErrorKind.Server;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isType = reader.ValueTextEquals("type"u8) || reader.ValueTextEquals("code"u8);
                    reader.Read();
                    if (isType && reader.TokenType == JsonTokenType.String && ForType(ref reader) is { } known)
                    {
                        kind = known;
                    }
                    reader.Skip();
                }
                return kind;
            }
        }
        catch (JsonException)
        {
            // Not JSON: a server error with the generic message.
        }
        return ChatErrorKind.Server;
    }

    private static ChatErrorKind? ForType(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("invalid_request_error"u8) ? ChatErrorKind.InvalidRequest
        : reader.ValueTextEquals("authentication_error"u8) ? ChatErrorKind.Authentication
        : reader.ValueTextEquals("permission_error"u8) ? ChatErrorKind.Permission
        : reader.ValueTextEquals("not_found_error"u8) ? ChatErrorKind.NotFound
        : reader.ValueTextEquals("request_too_large"u8) ? ChatErrorKind.RequestTooLarge
        : reader.ValueTextEquals("rate_limit_error"u8) || reader.ValueTextEquals("rate_limit_exceeded"u8) ? ChatErrorKind.RateLimit
        : reader.ValueTextEquals("overloaded_error"u8) ? ChatErrorKind.Overloaded
        : reader.ValueTextEquals("timeout_error"u8) ? ChatErrorKind.Timeout
        : null;
}
