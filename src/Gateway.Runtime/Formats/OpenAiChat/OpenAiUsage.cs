using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>
/// OpenAI <c>usage</c> ↔ <see cref="UsageDetails"/>: <c>prompt_tokens</c> (cached included),
/// <c>completion_tokens</c>, <c>prompt_tokens_details.cached_tokens</c>,
/// <c>completion_tokens_details.reasoning_tokens</c>. Shared by the response and the stream translators.
/// </summary>
internal static class OpenAiUsage
{
    /// <summary>Reads a <c>usage</c> object; the reader is on its <see cref="JsonTokenType.StartObject"/> and ends on its end.</summary>
    public static UsageDetails Read(ref Utf8JsonReader reader)
    {
        var usage = default(UsageDetails);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return usage;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                if (JsonValues.TryLong(ref reader, out var v)) usage.InputTokenCount = v;
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                if (JsonValues.TryLong(ref reader, out var v)) usage.OutputTokenCount = v;
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                reader.Read();
                ReadDetail(ref reader, "cached_tokens"u8, ref usage.CachedInputTokenCount);
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                reader.Read();
                ReadDetail(ref reader, "reasoning_tokens"u8, ref usage.ReasoningTokenCount);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return usage;
    }

    private static void ReadDetail(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, ref long? target)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = reader.ValueTextEquals(name);
            reader.Read();
            if (wanted && JsonValues.TryLong(ref reader, out var v)) target = v;
            else reader.Skip();
        }
    }

    /// <summary>Writes <c>"usage": {…}</c>; counts the upstream did not report are written as 0 (OpenAI clients expect numbers).</summary>
    public static void Write(Utf8JsonWriter writer, in UsageDetails usage)
    {
        var input = usage.InputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, input);
        writer.WriteNumber("completion_tokens"u8, output);
        writer.WriteNumber("total_tokens"u8, input + output);
        if (usage.CachedInputTokenCount is { } cached)
        {
            writer.WriteStartObject("prompt_tokens_details"u8);
            writer.WriteNumber("cached_tokens"u8, cached);
            writer.WriteEndObject();
        }
        if (usage.ReasoningTokenCount is { } reasoning)
        {
            writer.WriteStartObject("completion_tokens_details"u8);
            writer.WriteNumber("reasoning_tokens"u8, reasoning);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
