using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Anthropic;

/// <summary>
/// Anthropic <c>usage</c> ↔ <see cref="UsageDetails"/>. Anthropic's <c>input_tokens</c> excludes cache
/// reads and writes, the canonical count includes them: the reader adds, the writer subtracts.
/// Shared by the response and the stream translators (<c>message_start</c>, <c>message_delta</c>).
/// </summary>
internal static class AnthropicUsage
{
    /// <summary>Reads a <c>usage</c> object; the reader is on its start and ends on its end. Absent counts stay null.</summary>
    public static UsageDetails Read(ref Utf8JsonReader reader)
    {
        var usage = default(UsageDetails);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return usage;
        }
        long? input = null, cacheRead = null, cacheWrite = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8)) input = ReadLong(ref reader);
            else if (reader.ValueTextEquals("output_tokens"u8)) usage.OutputTokenCount = ReadLong(ref reader);
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8)) cacheRead = ReadLong(ref reader);
            else if (reader.ValueTextEquals("cache_creation_input_tokens"u8)) cacheWrite = ReadLong(ref reader);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (input is not null || cacheRead is not null || cacheWrite is not null)
        {
            usage.InputTokenCount = (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
        }
        usage.CachedInputTokenCount = cacheRead;
        usage.CacheCreationInputTokenCount = cacheWrite;
        return usage;
    }

    private static long? ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        return JsonValues.TryLong(ref reader, out var v) ? v : null;
    }

    /// <summary>Writes <c>"usage": {…}</c> with Anthropic's split of the input (uncached, cache read, cache write).</summary>
    public static void Write(Utf8JsonWriter writer, in UsageDetails usage)
    {
        var cacheRead = usage.CachedInputTokenCount ?? 0;
        var cacheWrite = usage.CacheCreationInputTokenCount ?? 0;
        var input = Math.Max(0, (usage.InputTokenCount ?? 0) - cacheRead - cacheWrite);
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("input_tokens"u8, input);
        writer.WriteNumber("cache_creation_input_tokens"u8, cacheWrite);
        writer.WriteNumber("cache_read_input_tokens"u8, cacheRead);
        writer.WriteNumber("output_tokens"u8, usage.OutputTokenCount ?? 0);
        writer.WriteEndObject();
    }
}
