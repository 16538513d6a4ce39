using System.Buffers;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;
using Gateway.Runtime.Formats.Responses;

namespace Gateway.Runtime.Formats;

/// <summary>
/// One translated stream: the provider format's reader turns each event's data into
/// <see cref="ChatResponseUpdate"/>s, the caller format's writer turns those into events. Per event and
/// bounded (T1, R20): nothing of the stream is kept but the readers' and writers' small state, and the
/// update list is reused.
/// </summary>
internal sealed class StreamTranslator : IDisposable
{
    private readonly OpenAiChatStreamReader? _openAiReader;
    private readonly AnthropicStreamReader? _anthropicReader;
    private readonly AnthropicStreamWriter? _anthropicWriter;
    private readonly OpenAiChatStreamWriter? _openAiWriter;
    private readonly ResponsesStreamWriter? _responsesWriter;
    private readonly List<ChatResponseUpdate> _updates = new(4);

    /// <remarks><c>responses</c>, for a Responses caller: what its request reader learned (which tools are custom).</remarks>
    public StreamTranslator(WireFormat provider, WireFormat caller, bool includeUsage, DateTimeOffset now, ResponsesRequestInfo? responses = null)
    {
        switch (provider)
        {
            case WireFormat.OpenAiChat: _openAiReader = new OpenAiChatStreamReader(); break;
            case WireFormat.Anthropic: _anthropicReader = new AnthropicStreamReader(); break;
            default: throw new ArgumentOutOfRangeException(nameof(provider), provider, "no stream reader for this format");
        }
        switch (caller)
        {
            case WireFormat.Anthropic: _anthropicWriter = new AnthropicStreamWriter(); break;
            case WireFormat.OpenAiChat: _openAiWriter = new OpenAiChatStreamWriter(includeUsage, now.ToUnixTimeSeconds()); break;
            case WireFormat.OpenAiResponses: _responsesWriter = new ResponsesStreamWriter(now.ToUnixTimeSeconds(), responses); break;
            default: throw new ArgumentOutOfRangeException(nameof(caller), caller, "no stream writer for this format");
        }
    }

    /// <summary>Nothing more may be written (the caller's stream was completed or failed).</summary>
    public bool IsClosed => _anthropicWriter?.IsClosed ?? _responsesWriter?.IsClosed ?? _openAiWriter!.IsClosed;

    /// <summary>Translates one upstream event's data into zero or more caller events.</summary>
    public FormatResult Translate(ReadOnlyMemory<byte> data, IBufferWriter<byte> output)
    {
        _updates.Clear();
        var read = _openAiReader is not null ? _openAiReader.Read(data, _updates) : _anthropicReader!.Read(data, _updates);
        if (!read.IsSuccess)
        {
            return read;
        }
        foreach (var update in _updates)
        {
            var written = _anthropicWriter is not null ? _anthropicWriter.Write(update, output)
                : _responsesWriter is not null ? _responsesWriter.Write(update, output)
                : _openAiWriter!.Write(update, output);
            if (!written.IsSuccess)
            {
                return written;
            }
        }
        return FormatResult.Ok;
    }

    /// <summary>The upstream ended: true when the answer was complete (and its last events are written).</summary>
    public bool TryComplete(IBufferWriter<byte> output) =>
        _anthropicWriter?.TryComplete(output) ?? _responsesWriter?.TryComplete(output) ?? _openAiWriter!.TryComplete(output);

    /// <summary>Ends the caller's stream with its format's error event (T4).</summary>
    public void WriteError(IBufferWriter<byte> output, in ChatError error)
    {
        if (_anthropicWriter is not null) _anthropicWriter.WriteError(output, error);
        else if (_responsesWriter is not null) _responsesWriter.WriteError(output, error);
        else _openAiWriter!.WriteError(output, error);
    }

    /// <summary>Returns the Responses writer's pooled buffers when the stream ended early (a client that left).</summary>
    public void Dispose() => _responsesWriter?.Dispose();
}
