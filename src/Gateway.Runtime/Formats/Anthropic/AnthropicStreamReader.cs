using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Anthropic;

/// <summary>
/// Reads an Anthropic Messages stream one SSE <c>data</c> payload at a time into
/// <see cref="ChatResponseUpdate"/>s. The event's <c>type</c> member decides (the SSE <c>event:</c>
/// line repeats it); members are read in any order. Blocks are remembered by index so that
/// <c>input_json_delta</c> pieces land on their tool call, numbered 0, 1, … as OpenAI numbers
/// <c>tool_calls</c>. <c>ping</c>, <c>content_block_stop</c>, citations and unknown event or block
/// types are skipped (SPEC §9); server-tool blocks have no canonical form and are skipped whole.
/// </summary>
internal sealed class AnthropicStreamReader
{
    /// <summary>More content blocks than this in one answer is not a real model's stream (bounds memory, R20).</summary>
    public const int MaxBlocks = 4096;

    private const int TextBlock = -1;
    private const int ThinkingBlock = -2;
    private const int SkippedBlock = -3;

    /// <summary>Per block index: its tool call number, or one of the block constants.</summary>
    private readonly List<int> _blocks = new();
    private int _toolCalls;

    public FormatResult Read(ReadOnlyMemory<byte> data, List<ChatResponseUpdate> updates)
    {
        try
        {
            return ReadEvent(data, updates);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return FormatResult.BadUpstream("The upstream sent a stream event that is not valid JSON.");
        }
    }

    private FormatResult ReadEvent(ReadOnlyMemory<byte> data, List<ChatResponseUpdate> updates)
    {
        var reader = new Utf8JsonReader(data.Span, JsonValues.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return FormatResult.BadUpstream("The upstream sent a stream event that is not a JSON object.");
        }
        Range type = default, message = default, block = default, delta = default, usage = default;
        var index = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) type = Slice(ref reader);
            else if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                if (!JsonValues.TryInt(ref reader, out index)) index = -1;
            }
            else if (reader.ValueTextEquals("message"u8)) message = Slice(ref reader);
            else if (reader.ValueTextEquals("content_block"u8)) block = Slice(ref reader);
            else if (reader.ValueTextEquals("delta"u8)) delta = Slice(ref reader);
            else if (reader.ValueTextEquals("usage"u8)) usage = Slice(ref reader);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        var kind = new JsonText(data[type]);
        if (kind.IsDefault)
        {
            return FormatResult.BadUpstream("The upstream sent a stream event without a 'type'.");
        }
        if (kind.ValueEquals("content_block_delta"u8)) return ReadBlockDelta(data[delta], index, updates);
        if (kind.ValueEquals("content_block_start"u8)) return ReadBlockStart(data[block], index, updates);
        if (kind.ValueEquals("message_start"u8)) return ReadMessageStart(data[message], updates);
        if (kind.ValueEquals("message_delta"u8)) return ReadMessageDelta(data[delta], data[usage], updates);
        if (kind.ValueEquals("message_stop"u8)) updates.Add(ChatResponseUpdate.Completed);
        else if (kind.ValueEquals("error"u8)) updates.Add(ChatResponseUpdate.Failed(InBandError.Read(data.Span)));
        return FormatResult.Ok;
    }

    /// <summary>The range of the value after the property name the reader is on; moves the reader to its end.</summary>
    private static Range Slice(ref Utf8JsonReader reader)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return new Range(start, (int)reader.BytesConsumed);
    }

    private FormatResult ReadMessageStart(ReadOnlyMemory<byte> source, List<ChatResponseUpdate> updates)
    {
        if (source.IsEmpty) return FormatResult.BadUpstream("The upstream's message_start has no 'message'.");
        var reader = new Utf8JsonReader(source.Span, JsonValues.ReaderOptions);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) return FormatResult.BadUpstream("The upstream's message_start 'message' is not an object.");
        JsonText id = default, model = default;
        UsageDetails usage = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, source, out id);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, source, out model);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                usage = AnthropicUsage.Read(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        updates.Add(ChatResponseUpdate.Started(id, model));
        if (usage.HasValue) updates.Add(ChatResponseUpdate.UsageReported(usage));
        return FormatResult.Ok;
    }

    private FormatResult ReadBlockStart(ReadOnlyMemory<byte> source, int index, List<ChatResponseUpdate> updates)
    {
        if (index is < 0 or >= MaxBlocks || source.IsEmpty)
        {
            return FormatResult.BadUpstream("The upstream's content_block_start has no valid 'index' or 'content_block'.");
        }
        var reader = new Utf8JsonReader(source.Span, JsonValues.ReaderOptions);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) return FormatResult.BadUpstream("The upstream's 'content_block' is not an object.");
        JsonText type = default, text = default, thinking = default, id = default, name = default;
        Range input = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) { reader.Read(); JsonValues.TryString(ref reader, source, out type); }
            else if (reader.ValueTextEquals("text"u8)) { reader.Read(); JsonValues.TryString(ref reader, source, out text); }
            else if (reader.ValueTextEquals("thinking"u8)) { reader.Read(); JsonValues.TryString(ref reader, source, out thinking); }
            else if (reader.ValueTextEquals("id"u8)) { reader.Read(); JsonValues.TryString(ref reader, source, out id); }
            else if (reader.ValueTextEquals("name"u8)) { reader.Read(); JsonValues.TryString(ref reader, source, out name); }
            else if (reader.ValueTextEquals("input"u8)) input = Slice(ref reader);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        while (_blocks.Count <= index) _blocks.Add(SkippedBlock);
        if (type.ValueEquals("text"u8))
        {
            _blocks[index] = TextBlock;
            if (!text.IsEmpty) updates.Add(ChatResponseUpdate.TextDelta(text));
        }
        else if (type.ValueEquals("thinking"u8))
        {
            _blocks[index] = ThinkingBlock;
            if (!thinking.IsEmpty) updates.Add(ChatResponseUpdate.ReasoningDelta(thinking));
        }
        else if (type.ValueEquals("tool_use"u8))
        {
            var call = _toolCalls++;
            _blocks[index] = call;
            updates.Add(ChatResponseUpdate.FunctionCallStarted(call, id, name));
            var given = source[input].Span.Trim(" \t\r\n"u8);
            if (!given.IsEmpty && !given.SequenceEqual("{}"u8))
            {
                // Anthropic streams input as deltas after "input": {}; a proxy may give it whole here (rare: allocates).
                updates.Add(ChatResponseUpdate.FunctionCallArgumentsDelta(call, JsonText.FromString(System.Text.Encoding.UTF8.GetString(given))));
            }
        }
        else
        {
            // redacted_thinking (nothing to show), server_tool_use, web_search_tool_result, …
            _blocks[index] = SkippedBlock;
        }
        return FormatResult.Ok;
    }

    private FormatResult ReadBlockDelta(ReadOnlyMemory<byte> source, int index, List<ChatResponseUpdate> updates)
    {
        if (index is < 0 or >= MaxBlocks || source.IsEmpty)
        {
            return FormatResult.BadUpstream("The upstream's content_block_delta has no valid 'index' or 'delta'.");
        }
        var reader = new Utf8JsonReader(source.Span, JsonValues.ReaderOptions);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) return FormatResult.BadUpstream("The upstream's 'delta' is not an object.");
        JsonText type = default, value = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, source, out type);
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8)
                     || reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("signature"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, source, out value);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        var block = index < _blocks.Count ? _blocks[index] : SkippedBlock;
        if (type.ValueEquals("input_json_delta"u8))
        {
            if (block < 0)
            {
                return FormatResult.BadUpstream("The upstream sent tool input for a block that is not a tool_use.");
            }
            if (!value.IsEmpty) updates.Add(ChatResponseUpdate.FunctionCallArgumentsDelta(block, value));
        }
        else if (value.IsEmpty || block == SkippedBlock && index < _blocks.Count)
        {
            // Nothing to say, or a piece of a block that has no canonical form.
        }
        else if (type.ValueEquals("text_delta"u8)) updates.Add(ChatResponseUpdate.TextDelta(value));
        else if (type.ValueEquals("thinking_delta"u8)) updates.Add(ChatResponseUpdate.ReasoningDelta(value));
        else if (type.ValueEquals("signature_delta"u8)) updates.Add(ChatResponseUpdate.ReasoningSignature(value));
        return FormatResult.Ok;
    }

    private static FormatResult ReadMessageDelta(ReadOnlyMemory<byte> delta, ReadOnlyMemory<byte> usage, List<ChatResponseUpdate> updates)
    {
        if (!delta.IsEmpty)
        {
            var reader = new Utf8JsonReader(delta.Span, JsonValues.ReaderOptions);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject) return FormatResult.BadUpstream("The upstream's message_delta 'delta' is not an object.");
            var finished = false;
            var reason = ChatFinishReason.Unspecified;
            JsonText stopSequence = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("stop_reason"u8))
                {
                    finished = JsonValues.NextValue(ref reader);
                    reason = FinishReasons.ReadAnthropic(ref reader);
                }
                else if (reader.ValueTextEquals("stop_sequence"u8))
                {
                    reader.Read();
                    JsonValues.TryString(ref reader, delta, out stopSequence);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (finished) updates.Add(ChatResponseUpdate.Finished(reason, stopSequence));
        }
        if (!usage.IsEmpty)
        {
            var reader = new Utf8JsonReader(usage.Span, JsonValues.ReaderOptions);
            reader.Read();
            var details = AnthropicUsage.Read(ref reader);
            if (details.HasValue) updates.Add(ChatResponseUpdate.UsageReported(details));
        }
        return FormatResult.Ok;
    }
}
