using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Anthropic;

/// <summary>
/// Reads an Anthropic Messages response (<c>type: "message"</c>) into a <see cref="ChatResponse"/>:
/// content blocks (text, thinking, redacted_thinking, tool_use) in order, <c>stop_reason</c>,
/// <c>stop_sequence</c> and usage. Strings stay encoded slices of <c>body</c>, which must outlive the
/// response. A body that is not a message is <see cref="FormatError.InvalidUpstreamResponse"/>.
/// </summary>
internal static class AnthropicResponseReader
{
    public static FormatResult Read(ReadOnlyMemory<byte> body, ChatResponse response)
    {
        try
        {
            var reader = new Utf8JsonReader(body.Span, JsonValues.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return FormatResult.BadUpstream("The upstream's answer is not a JSON object.");
            }
            return ReadRoot(ref reader, body, response);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a value of the wrong JSON type where a string was expected.
            return FormatResult.BadUpstream("The upstream's answer is not a valid message.");
        }
    }

    private static FormatResult ReadRoot(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatResponse response)
    {
        var sawContent = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("message"u8))
                {
                    return FormatResult.BadUpstream("The upstream's answer is not a message.");
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out var id);
                response.Id = id;
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out var model);
                response.Model = model;
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return FormatResult.BadUpstream("The upstream's message content is not an array.");
                }
                // The request side's block reader: a response holds a subset of what a request may.
                var result = AnthropicContentReader.Read(ref reader, body, "content", response.Contents);
                if (!result.IsSuccess)
                {
                    return FormatResult.BadUpstream($"The upstream's message has a block the gateway cannot translate ({result.Param}).");
                }
                sawContent = true;
            }
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                reader.Read();
                response.FinishReason = FinishReasons.ReadAnthropic(ref reader);
            }
            else if (reader.ValueTextEquals("stop_sequence"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out var stop);
                response.StopSequence = stop;
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                response.Usage = AnthropicUsage.Read(ref reader);
            }
            else
            {
                // role, container, context_management, …
                reader.Read();
                reader.Skip();
            }
        }
        return sawContent ? FormatResult.Ok : FormatResult.BadUpstream("The upstream's message has no content.");
    }
}
