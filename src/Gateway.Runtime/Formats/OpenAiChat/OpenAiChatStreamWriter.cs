using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>
/// Writes <see cref="ChatResponseUpdate"/>s as an OpenAI Chat stream of <c>chat.completion.chunk</c>
/// events: a first chunk with <c>role</c>, one chunk per text, reasoning (<c>reasoning_content</c>,
/// as OpenAI-compatible servers show it) or tool-call piece (<c>tool_calls[{index,…}]</c>), a finish
/// chunk, the usage-only chunk (<c>choices: []</c>) when the caller asked for
/// <c>stream_options.include_usage</c>, and <c>data: [DONE]</c>. Anthropic signatures have no place
/// here and are dropped. An upstream error ends the stream with one
/// <c>{"error":{…,"type":"server_error","code":"upstream_stream_error"}}</c> event and no
/// <c>[DONE]</c> (SPEC §6, T4).
/// </summary>
internal sealed class OpenAiChatStreamWriter
{
    private readonly SseEventWriter _events = new();
    private readonly bool _includeUsage;
    private readonly long _created;
    private byte[]? _id;
    private byte[]? _model;
    private bool _started;
    private bool _finished;
    private UsageDetails _usage;

    /// <param name="includeUsage">The caller's <c>stream_options.include_usage</c>.</param>
    /// <param name="created">The <c>created</c> Unix time of every chunk (one value per stream, as OpenAI's).</param>
    public OpenAiChatStreamWriter(bool includeUsage, long created)
    {
        _includeUsage = includeUsage;
        _created = created;
    }

    /// <summary>True once <c>[DONE]</c> or an error event was written: nothing more may follow.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>The counts the upstream reported so far, merged (for telemetry and spend, SPEC §8, §11).</summary>
    public UsageDetails Usage => _usage;

    public FormatResult Write(in ChatResponseUpdate update, IBufferWriter<byte> output)
    {
        if (IsClosed)
        {
            return FormatResult.Ok;
        }
        switch (update.Kind)
        {
            case ChatResponseUpdateKind.ResponseStarted:
                EnsureStarted(output, update.ResponseId, update.ModelId);
                break;
            case ChatResponseUpdateKind.TextDelta:
                EnsureStarted(output, default, default);
                WriteTextChunk(output, "content"u8, update.Text);
                break;
            case ChatResponseUpdateKind.ReasoningDelta:
                EnsureStarted(output, default, default);
                WriteTextChunk(output, "reasoning_content"u8, update.Text);
                break;
            case ChatResponseUpdateKind.FunctionCallStarted:
            case ChatResponseUpdateKind.FunctionCallArgumentsDelta:
                EnsureStarted(output, default, default);
                WriteToolChunk(output, update);
                break;
            case ChatResponseUpdateKind.Finished:
                EnsureStarted(output, default, default);
                if (!_finished) WriteFinishChunk(output, update.FinishReason); // one finish_reason per choice
                break;
            case ChatResponseUpdateKind.Usage:
                _usage.Merge(update.Usage);
                break;
            case ChatResponseUpdateKind.Error:
                WriteError(output, update.Error);
                break;
            case ChatResponseUpdateKind.Completed:
                Complete(output);
                break;
        }
        return FormatResult.Ok;
    }

    /// <summary>
    /// The upstream ended: when the answer had finished, writes the usage chunk and <c>[DONE]</c> and
    /// returns true; false when it had not, and the caller must end with <see cref="WriteError"/> (T4).
    /// </summary>
    public bool TryComplete(IBufferWriter<byte> output)
    {
        if (!IsClosed && !_finished)
        {
            return false;
        }
        Complete(output);
        return true;
    }

    /// <summary>The one error event a failed stream ends with; the upstream's message is kept.</summary>
    public void WriteError(IBufferWriter<byte> output, in ChatError error)
    {
        if (IsClosed) return;
        IsClosed = true;
        var json = _events.Begin(output, default);
        ErrorEnvelope.WriteOpenAiObject(json, error.Message, "server_error", param: null, code: "upstream_stream_error");
        _events.End();
    }

    private void Complete(IBufferWriter<byte> output)
    {
        if (IsClosed) return;
        EnsureStarted(output, default, default);
        if (!_finished)
        {
            WriteFinishChunk(output, ChatFinishReason.Unspecified);
        }
        if (_includeUsage)
        {
            var json = BeginChunk(output);
            json.WriteStartArray("choices"u8);
            json.WriteEndArray();
            OpenAiUsage.Write(json, _usage);
            json.WriteEndObject();
            _events.End();
        }
        SseEventWriter.WriteRaw(output, "[DONE]"u8);
        IsClosed = true;
    }

    private void EnsureStarted(IBufferWriter<byte> output, JsonText id, JsonText model)
    {
        if (_started) return;
        _started = true;
        // Kept for every chunk: the update's slices die with the upstream event (once per stream).
        _id = id.IsEmpty ? JsonText.FromString("chatcmpl-" + Guid.NewGuid().ToString("N")).Encoded.ToArray() : id.Encoded.ToArray();
        _model = model.IsDefault ? "\"\""u8.ToArray() : model.Encoded.ToArray();
        var json = BeginChoice(output);
        json.WriteString("role"u8, "assistant"u8);
        json.WriteString("content"u8, ""u8);
        EndChoice(json, null);
    }

    private void WriteTextChunk(IBufferWriter<byte> output, ReadOnlySpan<byte> field, JsonText text)
    {
        var json = BeginChoice(output);
        json.WritePropertyName(field);
        text.WriteTo(json);
        EndChoice(json, null);
    }

    private void WriteToolChunk(IBufferWriter<byte> output, in ChatResponseUpdate update)
    {
        var json = BeginChoice(output);
        json.WriteStartArray("tool_calls"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, update.ToolCallIndex);
        if (update.Kind == ChatResponseUpdateKind.FunctionCallStarted)
        {
            json.WritePropertyName("id"u8);
            if (update.CallId.IsDefault) json.WriteStringValue(""u8); else update.CallId.WriteTo(json);
            json.WriteString("type"u8, "function"u8);
            json.WriteStartObject("function"u8);
            json.WritePropertyName("name"u8);
            if (update.Name.IsDefault) json.WriteStringValue(""u8); else update.Name.WriteTo(json);
            json.WriteString("arguments"u8, ""u8);
        }
        else
        {
            json.WriteStartObject("function"u8);
            json.WritePropertyName("arguments"u8);
            update.Text.WriteTo(json);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        EndChoice(json, null);
    }

    private void WriteFinishChunk(IBufferWriter<byte> output, ChatFinishReason reason)
    {
        _finished = true;
        var json = BeginChoice(output);
        EndChoice(json, reason);
    }

    private Utf8JsonWriter BeginChunk(IBufferWriter<byte> output)
    {
        var json = _events.Begin(output, default);
        json.WriteStartObject();
        json.WritePropertyName("id"u8);
        json.WriteRawValue(_id, skipInputValidation: true);
        json.WriteString("object"u8, "chat.completion.chunk"u8);
        json.WriteNumber("created"u8, _created);
        json.WritePropertyName("model"u8);
        json.WriteRawValue(_model, skipInputValidation: true);
        return json;
    }

    /// <summary>Opens a chunk and its <c>choices[0].delta</c>.</summary>
    private Utf8JsonWriter BeginChoice(IBufferWriter<byte> output)
    {
        var json = BeginChunk(output);
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, 0);
        json.WriteStartObject("delta"u8);
        return json;
    }

    private void EndChoice(Utf8JsonWriter json, ChatFinishReason? reason)
    {
        json.WriteEndObject();
        json.WritePropertyName("finish_reason"u8);
        if (reason is { } r) json.WriteStringValue(FinishReasons.OpenAi(r)); else json.WriteNullValue();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        _events.End();
    }
}
