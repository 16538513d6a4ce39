using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>
/// Reads an OpenAI Chat stream one SSE <c>data</c> payload at a time (a <c>chat.completion.chunk</c>,
/// an in-band <c>{"error":…}</c> or <c>[DONE]</c>) into <see cref="ChatResponseUpdate"/>s. Only
/// choice 0 is read (the Anthropic writer refuses <c>n</c> &gt; 1). A tool call starts when its index
/// first shows an <c>id</c> or <c>name</c>; later pieces carry only the index and argument text.
/// Usage may come in the finish chunk or in the usage-only final chunk (<c>choices: []</c>).
/// The state is which tool indices have started: one reader per stream.
/// </summary>
internal sealed class OpenAiChatStreamReader
{
    /// <summary>More parallel calls than this in one answer is not a real model's stream.</summary>
    public const int MaxToolCalls = 1024;

    private readonly List<bool> _toolStarted = new();
    private bool _started;

    /// <summary>Appends the updates <paramref name="data"/> holds; the slices in them point into <paramref name="data"/>.</summary>
    public FormatResult Read(ReadOnlyMemory<byte> data, List<ChatResponseUpdate> updates)
    {
        var span = data.Span.Trim(" \t\r\n"u8);
        if (span.SequenceEqual("[DONE]"u8))
        {
            updates.Add(ChatResponseUpdate.Completed);
            return FormatResult.Ok;
        }
        try
        {
            return ReadChunk(data, updates);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return FormatResult.BadUpstream("The upstream sent a stream event that is not valid JSON.");
        }
    }

    private FormatResult ReadChunk(ReadOnlyMemory<byte> data, List<ChatResponseUpdate> updates)
    {
        var reader = new Utf8JsonReader(data.Span, JsonValues.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return FormatResult.BadUpstream("The upstream sent a stream event that is not a JSON object.");
        }
        JsonText id = default, model = default;
        Range choices = default, usage = default;
        var hasChoices = false;
        var hasUsage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    updates.Add(ChatResponseUpdate.Failed(InBandError.Read(data.Span)));
                    return FormatResult.Ok;
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, data, out id);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, data, out model);
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                hasChoices = JsonValues.NextValue(ref reader);
                choices = Slice(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                hasUsage = JsonValues.NextValue(ref reader);
                usage = Slice(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (!_started)
        {
            // The first chunk says who answers, whatever else it carries.
            _started = true;
            updates.Add(ChatResponseUpdate.Started(id, model));
        }
        if (hasChoices)
        {
            var result = ReadChoices(data[choices], updates);
            if (!result.IsSuccess) return result;
        }
        if (hasUsage)
        {
            var usageReader = new Utf8JsonReader(data[usage].Span, JsonValues.ReaderOptions);
            usageReader.Read();
            var details = OpenAiUsage.Read(ref usageReader);
            if (details.HasValue) updates.Add(ChatResponseUpdate.UsageReported(details));
        }
        return FormatResult.Ok;
    }

    /// <summary>The range of the value the reader is on; moves the reader to its end.</summary>
    private static Range Slice(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return new Range(start, (int)reader.BytesConsumed);
    }

    private FormatResult ReadChoices(ReadOnlyMemory<byte> source, List<ChatResponseUpdate> updates)
    {
        var reader = new Utf8JsonReader(source.Span, JsonValues.ReaderOptions);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FormatResult.BadUpstream("The upstream stream's 'choices' is not an array.");
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var index = 0;
            Range delta = default;
            var hasDelta = false;
            var finish = ChatFinishReason.Unspecified;
            var finished = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    reader.Read();
                    JsonValues.TryInt(ref reader, out index);
                }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    hasDelta = JsonValues.NextValue(ref reader);
                    delta = Slice(ref reader);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    finished = JsonValues.NextValue(ref reader);
                    finish = FinishReasons.ReadOpenAi(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (index != 0)
            {
                continue;
            }
            if (hasDelta)
            {
                var result = ReadDelta(source[delta], updates);
                if (!result.IsSuccess) return result;
            }
            if (finished)
            {
                updates.Add(ChatResponseUpdate.Finished(finish));
            }
        }
        return FormatResult.Ok;
    }

    private FormatResult ReadDelta(ReadOnlyMemory<byte> source, List<ChatResponseUpdate> updates)
    {
        var reader = new Utf8JsonReader(source.Span, JsonValues.ReaderOptions);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FormatResult.BadUpstream("The upstream stream's 'delta' is not an object.");
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("refusal"u8))
            {
                reader.Read();
                if (JsonValues.TryString(ref reader, source, out var text) && !text.IsEmpty)
                {
                    updates.Add(ChatResponseUpdate.TextDelta(text));
                }
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                // Not OpenAI's own API: DeepSeek, vLLM and OpenRouter show reasoning this way.
                reader.Read();
                if (JsonValues.TryString(ref reader, source, out var text) && !text.IsEmpty)
                {
                    updates.Add(ChatResponseUpdate.ReasoningDelta(text));
                }
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                if (!JsonValues.NextValue(ref reader)) continue;
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return FormatResult.BadUpstream("The upstream stream's 'tool_calls' is not an array.");
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var result = ReadToolCall(ref reader, source, updates);
                    if (!result.IsSuccess) return result;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return FormatResult.Ok;
    }

    private FormatResult ReadToolCall(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source, List<ChatResponseUpdate> updates)
    {
        var index = 0;
        JsonText id = default, name = default, arguments = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                JsonValues.TryInt(ref reader, out index);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, source, out id);
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                if (!JsonValues.NextValue(ref reader)) continue;
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return FormatResult.BadUpstream("The upstream stream's tool call 'function' is not an object.");
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("name"u8))
                    {
                        reader.Read();
                        JsonValues.TryString(ref reader, source, out name);
                    }
                    else if (reader.ValueTextEquals("arguments"u8))
                    {
                        reader.Read();
                        JsonValues.TryString(ref reader, source, out arguments);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (index is < 0 or >= MaxToolCalls)
        {
            return FormatResult.BadUpstream("The upstream stream's tool call index is out of range.");
        }
        while (_toolStarted.Count <= index) _toolStarted.Add(false);
        if (!_toolStarted[index])
        {
            if (id.IsDefault && name.IsDefault)
            {
                return FormatResult.BadUpstream("The upstream stream sent tool call arguments before the call's id and name.");
            }
            _toolStarted[index] = true;
            updates.Add(ChatResponseUpdate.FunctionCallStarted(index, id, name));
        }
        if (!arguments.IsEmpty)
        {
            updates.Add(ChatResponseUpdate.FunctionCallArgumentsDelta(index, arguments));
        }
        return FormatResult.Ok;
    }
}
