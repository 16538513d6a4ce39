using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Anthropic;

/// <summary>
/// Writes <see cref="ChatResponseUpdate"/>s as an Anthropic Messages event stream: <c>message_start</c>,
/// then one <c>content_block_start</c>/<c>_delta</c>…/<c>_stop</c> run per text, thinking or
/// <c>tool_use</c> block, numbered 0, 1, … in the order they open, then <c>message_delta</c>
/// (<c>stop_reason</c>, usage) and <c>message_stop</c>. Blocks never overlap, as Anthropic's own
/// streams: a new kind of content closes the open block, so text after a tool call is a new block.
/// Parallel tool calls whose pieces an upstream interleaves are kept apart: a call behind the open one
/// is held (<see cref="HeldToolCalls"/>) and gets its block once the open call's arguments have closed
/// (<see cref="ToolArgumentsEnd"/>) or the answer moves on (docs/formats.md, Parallel tool calls).
/// The finish and usage are held until the upstream completes (OpenAI sends usage after the finish).
/// An upstream error ends the stream with <c>event: error</c> in Anthropic's envelope.
/// </summary>
internal sealed class AnthropicStreamWriter
{
    private enum Block : byte { None, Text, Thinking, Tool }

    private static readonly FormatResult TooMuchHeld = FormatResult.BadUpstream(
        "The upstream stream interleaved more tool call arguments than the gateway holds.");

    private readonly SseEventWriter _events = new();
    private readonly HeldToolCalls _held = new();
    private Block _open;
    private int _openToolIndex = -1;
    private ToolArgumentsEnd _openToolEnd;
    private int _nextBlockIndex;
    private bool _started;
    private bool _sawToolCall;
    private ChatFinishReason _finish;
    private byte[]? _stopSequence;
    private UsageDetails _usage;

    /// <summary>True once <c>message_stop</c> or an error event was written: nothing more may follow.</summary>
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
                CloseHeldBlocks(output);
                EnsureBlock(output, Block.Text, -1, default, default);
                WriteDelta(output, "text_delta"u8, "text"u8, update.Text);
                break;
            case ChatResponseUpdateKind.ReasoningDelta:
                CloseHeldBlocks(output);
                EnsureBlock(output, Block.Thinking, -1, default, default);
                WriteDelta(output, "thinking_delta"u8, "thinking"u8, update.Text);
                break;
            case ChatResponseUpdateKind.ReasoningSignature:
                CloseHeldBlocks(output);
                EnsureBlock(output, Block.Thinking, -1, default, default);
                WriteDelta(output, "signature_delta"u8, "signature"u8, update.Text);
                break;
            case ChatResponseUpdateKind.FunctionCallStarted:
                _sawToolCall = true;
                OpenHeldWhileComplete(output);
                if (_open == Block.Tool && !_openToolEnd.IsComplete)
                {
                    // The open call may still get pieces (an interleaving upstream): this one waits its turn.
                    if (!_held.TryHoldStart(update.ToolCallIndex, update.CallId, update.Name)) return TooMuchHeld;
                    break;
                }
                OpenToolBlock(output, update.ToolCallIndex, update.CallId, update.Name);
                break;
            case ChatResponseUpdateKind.FunctionCallArgumentsDelta:
                OpenHeldWhileComplete(output);
                if (_open == Block.Tool && _openToolIndex == update.ToolCallIndex)
                {
                    WriteArguments(output, update.Text);
                }
                else if (_held.Holds(update.ToolCallIndex))
                {
                    if (!_held.TryHoldArguments(update.ToolCallIndex, update.Text)) return TooMuchHeld;
                }
                else
                {
                    // Its block was closed because its arguments had ended (or the answer moved on to
                    // other content): a further piece cannot be placed and is not given to another call.
                    return FormatResult.BadUpstream("The upstream stream sent tool call arguments after the call had ended.");
                }
                break;
            case ChatResponseUpdateKind.Finished:
                _finish = update.FinishReason;
                _stopSequence = update.StopSequence.IsDefault ? null : update.StopSequence.Encoded.ToArray();
                EnsureStarted(output, default, default);
                CloseAllBlocks(output);
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
    /// The upstream ended: closes the message if it had finished (a missing <c>[DONE]</c> is tolerated)
    /// and returns true; false when it had not, and the caller must end with <see cref="WriteError"/> (T4).
    /// </summary>
    public bool TryComplete(IBufferWriter<byte> output)
    {
        if (!IsClosed && _finish == ChatFinishReason.Unspecified)
        {
            return false;
        }
        Complete(output);
        return true;
    }

    /// <summary>The one error event a failed stream ends with (no <c>message_stop</c> follows).</summary>
    public void WriteError(IBufferWriter<byte> output, in ChatError error)
    {
        if (IsClosed) return;
        IsClosed = true;
        var json = _events.Begin(output, "error"u8);
        ErrorEnvelope.Write(json, WireFormat.Anthropic, error);
        _events.End();
    }

    private void Complete(IBufferWriter<byte> output)
    {
        if (IsClosed) return;
        EnsureStarted(output, default, default);
        CloseAllBlocks(output);
        // Claude Code runs tools only on stop_reason tool_use; some OpenAI-compatible servers say "stop".
        var reason = _sawToolCall && _finish is ChatFinishReason.Stop or ChatFinishReason.Unspecified
            ? ChatFinishReason.ToolCalls
            : _finish;
        var json = _events.Begin(output, "message_delta"u8);
        json.WriteStartObject();
        json.WriteString("type"u8, "message_delta"u8);
        json.WriteStartObject("delta"u8);
        json.WriteString("stop_reason"u8, FinishReasons.Anthropic(reason));
        json.WritePropertyName("stop_sequence"u8);
        if (_stopSequence is null) json.WriteNullValue(); else json.WriteRawValue(_stopSequence, skipInputValidation: true);
        json.WriteEndObject();
        AnthropicUsage.Write(json, _usage);
        json.WriteEndObject();
        _events.End();

        json = _events.Begin(output, "message_stop"u8);
        json.WriteStartObject();
        json.WriteString("type"u8, "message_stop"u8);
        json.WriteEndObject();
        _events.End();
        IsClosed = true;
    }

    /// <summary>
    /// Gives held calls their blocks, in the order they started, while the open call's arguments have
    /// ended (it can get no more pieces) or no call is open: the sequential stream never holds any.
    /// </summary>
    private void OpenHeldWhileComplete(IBufferWriter<byte> output)
    {
        while (_held.Count > 0 && (_open != Block.Tool || _openToolEnd.IsComplete))
        {
            OpenFirstHeld(output);
        }
    }

    /// <summary>Other content comes after held calls: they get their blocks first (an open text block stays open).</summary>
    private void CloseHeldBlocks(IBufferWriter<byte> output)
    {
        if (_held.Count > 0) CloseAllBlocks(output);
    }

    /// <summary>Closes the open block and every held call's block after it: the answer has moved on or ended.</summary>
    private void CloseAllBlocks(IBufferWriter<byte> output)
    {
        while (_held.Count > 0)
        {
            OpenFirstHeld(output);
        }
        CloseBlock(output);
    }

    /// <summary>Closes the open block and writes the earliest held call's start and its held arguments as one delta.</summary>
    private void OpenFirstHeld(IBufferWriter<byte> output)
    {
        var toolIndex = _held.First(out var callId, out var name, out var arguments, out var end);
        OpenToolBlock(output, toolIndex, callId, name);
        if (!arguments.IsDefault)
        {
            WriteDelta(output, "input_json_delta"u8, "partial_json"u8, arguments);
        }
        _openToolEnd = end;
        _held.RemoveFirst();
    }

    private void OpenToolBlock(IBufferWriter<byte> output, int toolIndex, JsonText callId, JsonText name)
    {
        CloseBlock(output);
        EnsureBlock(output, Block.Tool, toolIndex, callId, name);
        _openToolEnd = default;
    }

    private void WriteArguments(IBufferWriter<byte> output, JsonText arguments)
    {
        WriteDelta(output, "input_json_delta"u8, "partial_json"u8, arguments);
        _openToolEnd.Feed(arguments.EncodedContent);
    }

    private void EnsureStarted(IBufferWriter<byte> output, JsonText id, JsonText model)
    {
        if (_started) return;
        _started = true;
        var json = _events.Begin(output, "message_start"u8);
        json.WriteStartObject();
        json.WriteString("type"u8, "message_start"u8);
        json.WriteStartObject("message"u8);
        json.WritePropertyName("id"u8);
        if (id.IsEmpty) json.WriteStringValue("msg_" + Guid.NewGuid().ToString("N")); else id.WriteTo(json);
        json.WriteString("type"u8, "message"u8);
        json.WriteString("role"u8, "assistant"u8);
        json.WritePropertyName("model"u8);
        if (model.IsDefault) json.WriteStringValue(""u8); else model.WriteTo(json);
        json.WriteStartArray("content"u8);
        json.WriteEndArray();
        json.WriteNull("stop_reason"u8);
        json.WriteNull("stop_sequence"u8);
        // OpenAI reports usage only at the end; message_delta carries the real counts.
        AnthropicUsage.Write(json, _usage);
        json.WriteEndObject();
        json.WriteEndObject();
        _events.End();
    }

    private void EnsureBlock(IBufferWriter<byte> output, Block kind, int toolIndex, JsonText callId, JsonText name)
    {
        EnsureStarted(output, default, default);
        if (_open == kind && kind != Block.Tool)
        {
            return;
        }
        CloseBlock(output);
        _open = kind;
        _openToolIndex = toolIndex;
        var json = _events.Begin(output, "content_block_start"u8);
        json.WriteStartObject();
        json.WriteString("type"u8, "content_block_start"u8);
        json.WriteNumber("index"u8, _nextBlockIndex);
        json.WriteStartObject("content_block"u8);
        switch (kind)
        {
            case Block.Text:
                json.WriteString("type"u8, "text"u8);
                json.WriteString("text"u8, ""u8);
                break;
            case Block.Thinking:
                json.WriteString("type"u8, "thinking"u8);
                json.WriteString("thinking"u8, ""u8);
                json.WriteString("signature"u8, ""u8);
                break;
            default:
                json.WriteString("type"u8, "tool_use"u8);
                json.WritePropertyName("id"u8);
                if (callId.IsEmpty) json.WriteStringValue("toolu_gw_" + _nextBlockIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
                else callId.WriteTo(json);
                json.WritePropertyName("name"u8);
                if (name.IsDefault) json.WriteStringValue(""u8); else name.WriteTo(json);
                json.WriteStartObject("input"u8);
                json.WriteEndObject();
                break;
        }
        json.WriteEndObject();
        json.WriteEndObject();
        _events.End();
    }

    private void WriteDelta(IBufferWriter<byte> output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> field, JsonText text)
    {
        var json = _events.Begin(output, "content_block_delta"u8);
        json.WriteStartObject();
        json.WriteString("type"u8, "content_block_delta"u8);
        json.WriteNumber("index"u8, _nextBlockIndex);
        json.WriteStartObject("delta"u8);
        json.WriteString("type"u8, type);
        json.WritePropertyName(field);
        text.WriteTo(json);
        json.WriteEndObject();
        json.WriteEndObject();
        _events.End();
    }

    private void CloseBlock(IBufferWriter<byte> output)
    {
        if (_open == Block.None) return;
        var json = _events.Begin(output, "content_block_stop"u8);
        json.WriteStartObject();
        json.WriteString("type"u8, "content_block_stop"u8);
        json.WriteNumber("index"u8, _nextBlockIndex);
        json.WriteEndObject();
        _events.End();
        _open = Block.None;
        _openToolIndex = -1;
        _nextBlockIndex++;
    }
}
