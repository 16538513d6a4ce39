using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Buffers;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Responses;

/// <summary>
/// Writes <see cref="ChatResponseUpdate"/>s as a Responses event stream (SPEC §10): each event is
/// <c>event: &lt;type&gt;</c> + <c>data: {"type", "sequence_number", …}</c>, numbered from 0.
/// <c>response.created</c> and <c>response.in_progress</c> open it; each output item is
/// <c>response.output_item.added</c>, its deltas and <c>.done</c> events, then
/// <c>response.output_item.done</c>; it ends with <c>response.completed</c> (or
/// <c>response.incomplete</c> when the output limit stopped it) carrying the whole response and its
/// usage, which Codex needs to finish a turn, or with <c>response.failed</c> when the upstream failed
/// (never a silent end, T4). Items never overlap: content of another kind closes the open item.
/// A <c>custom</c> tool's call is buffered until it ends, because its text is the <c>input</c>
/// string inside the arguments JSON, which cannot be cut out of partial JSON; it is then sent as one
/// <c>response.custom_tool_call_input.delta</c>. Allocation: one <see cref="Utf8JsonWriter"/> and
/// pooled buffers (<see cref="PooledBuffer"/>) for the open item's text and the finished items (the
/// final response repeats them), reused and returned when the stream ends, so a running stream
/// allocates nothing per event.
/// </summary>
internal sealed class ResponsesStreamWriter : IDisposable
{
    private enum OpenItem : byte { None, Message, Reasoning, FunctionCall, CustomCall }

    private static readonly FormatResult TooMuchHeld = FormatResult.BadUpstream(
        "The upstream stream interleaved more tool call arguments than the gateway holds.");

    private readonly SseEventWriter _events = new();
    private readonly long _createdAt;
    private readonly ResponsesRequestInfo? _info;
    private readonly byte[] _token = ResponsesItems.NewToken();
    /// <summary>The open item's text or arguments so far, as an encoded JSON string (closed by a quote when the item ends).</summary>
    private readonly PooledBuffer _text = new(256);
    private readonly PooledBuffer _callId = new(64);
    private readonly PooledBuffer _callName = new(64);
    private readonly PooledBuffer _customInput = new(256);
    /// <summary>The finished items as a JSON array being built (<c>[a,b</c>), for the final response.</summary>
    private readonly PooledBuffer _items = new(1024);
    /// <summary>Calls an interleaving upstream started while another call's arguments were still coming.</summary>
    private readonly HeldToolCalls _held = new();
    private ToolArgumentsEnd _openToolEnd;
    private Utf8JsonWriter? _scratch;
    private byte[] _id = [];
    private byte[] _model = [];
    private int _sequence;
    private int _itemCount;
    private int _outputIndex = -1;
    private int _toolCallIndex;
    private OpenItem _open;
    private bool _started;
    private bool _finished;
    private ChatFinishReason _reason;
    private UsageDetails _usage;

    /// <param name="createdAt">The response's <c>created_at</c>, Unix seconds.</param>
    /// <param name="info">From reading the request: which tools are <c>custom</c> (null: none).</param>
    public ResponsesStreamWriter(long createdAt, ResponsesRequestInfo? info = null)
    {
        _createdAt = createdAt;
        _info = info;
        _items.Write("["u8);
    }

    /// <summary>True once the final or failure event was written: nothing more may follow.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>The counts the upstream reported so far, merged (for telemetry and spend).</summary>
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
                ReleaseHeld(output);
                EnsureOpen(output, OpenItem.Message);
                WriteDelta(output, "response.output_text.delta"u8, update.Text);
                break;
            case ChatResponseUpdateKind.ReasoningDelta:
                EnsureStarted(output, default, default);
                ReleaseHeld(output);
                EnsureOpen(output, OpenItem.Reasoning);
                WriteDelta(output, "response.reasoning_summary_text.delta"u8, update.Text);
                break;
            case ChatResponseUpdateKind.FunctionCallStarted:
                EnsureStarted(output, default, default);
                OpenHeldWhileComplete(output);
                if (IsCallOpen && !_openToolEnd.IsComplete)
                {
                    // The open call may still get pieces (an interleaving upstream): this one waits its turn.
                    if (!_held.TryHoldStart(update.ToolCallIndex, update.CallId, update.Name)) return TooMuchHeld;
                    break;
                }
                StartCall(output, update.ToolCallIndex, update.CallId, update.Name);
                break;
            case ChatResponseUpdateKind.FunctionCallArgumentsDelta:
                OpenHeldWhileComplete(output);
                if (IsCallOpen && update.ToolCallIndex == _toolCallIndex)
                {
                    WriteArguments(output, update.Text);
                }
                else if (_held.Holds(update.ToolCallIndex))
                {
                    if (!_held.TryHoldArguments(update.ToolCallIndex, update.Text)) return TooMuchHeld;
                }
                else
                {
                    // Its item was closed (its arguments had ended, or the answer moved on): the piece cannot be placed (docs/formats.md).
                    return FormatResult.BadUpstream("a tool-call argument piece arrived for a call that is not the open one");
                }
                break;
            case ChatResponseUpdateKind.Finished:
                EnsureStarted(output, default, default);
                ReleaseHeld(output);
                CloseOpen(output);
                _finished = true;
                _reason = update.FinishReason;
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
    /// The upstream ended: when the answer had finished, writes <c>response.completed</c> and returns
    /// true; false when it had not, and the caller must end with <see cref="WriteError"/> (T4).
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

    /// <summary><c>response.failed</c> with the upstream's message; the items finished so far stay in its output.</summary>
    public void WriteError(IBufferWriter<byte> output, in ChatError error)
    {
        if (IsClosed) return;
        EnsureStarted(output, default, default);
        IsClosed = true;
        var json = Begin(output, "response.failed"u8);
        json.WritePropertyName("response"u8);
        WriteResponse(json, Phase.Failed, error);
        End(json);
        Dispose();
    }

    private enum Phase : byte { InProgress, Final, Failed }

    private void Complete(IBufferWriter<byte> output)
    {
        if (IsClosed) return;
        EnsureStarted(output, default, default);
        ReleaseHeld(output);
        CloseOpen(output);
        IsClosed = true;
        var json = Begin(output, ResponsesItems.IsIncomplete(_reason) ? "response.incomplete"u8 : "response.completed"u8);
        json.WritePropertyName("response"u8);
        WriteResponse(json, Phase.Final, default);
        End(json);
        Dispose();
    }

    /// <summary>Returns the pooled buffers (done when the stream ends; safe to call again).</summary>
    public void Dispose()
    {
        _text.Dispose();
        _callId.Dispose();
        _callName.Dispose();
        _customInput.Dispose();
        _items.Dispose();
    }

    private void EnsureStarted(IBufferWriter<byte> output, JsonText id, JsonText model)
    {
        if (_started) return;
        _started = true;
        // Kept for every event: the update's slices die with the upstream event (once per stream).
        _id = ResponseId(id);
        _model = model.IsDefault ? "\"\""u8.ToArray() : model.Encoded.ToArray();
        WriteResponseEvent(output, "response.created"u8);
        WriteResponseEvent(output, "response.in_progress"u8);
    }

    private void WriteResponseEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> type)
    {
        var json = Begin(output, type);
        json.WritePropertyName("response"u8);
        WriteResponse(json, Phase.InProgress, default);
        End(json);
    }

    /// <summary><c>resp_</c> + the upstream's id (as <see cref="ResponseIds"/> does for the other formats), made up when there is none.</summary>
    private byte[] ResponseId(JsonText id)
    {
        var content = id.IsEmpty ? _token.AsSpan() : id.EncodedContent;
        if (content.StartsWith("resp_"u8))
        {
            return id.Encoded.ToArray();
        }
        var bytes = new byte[content.Length + 7];
        bytes[0] = (byte)'"';
        "resp_"u8.CopyTo(bytes.AsSpan(1));
        content.CopyTo(bytes.AsSpan(6));
        bytes[^1] = (byte)'"';
        return bytes;
    }

    private void WriteResponse(Utf8JsonWriter json, Phase phase, in ChatError error)
    {
        json.WriteStartObject();
        json.WritePropertyName("id"u8);
        json.WriteRawValue(_id, skipInputValidation: true);
        json.WriteString("object"u8, "response"u8);
        json.WriteNumber("created_at"u8, _createdAt);
        if (phase == Phase.Final)
        {
            ResponsesItems.WriteStatus(json, _reason);
            json.WriteNull("error"u8);
        }
        else
        {
            json.WriteString("status"u8, phase == Phase.Failed ? "failed"u8 : "in_progress"u8);
            json.WriteNull("incomplete_details"u8);
            if (phase == Phase.Failed)
            {
                json.WriteStartObject("error"u8);
                json.WriteString("code"u8, error.Code ?? ErrorCode(error.Kind));
                json.WriteString("message"u8, error.Message);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("error"u8);
            }
        }
        json.WritePropertyName("model"u8);
        json.WriteRawValue(_model, skipInputValidation: true);
        json.WritePropertyName("output"u8);
        if (phase == Phase.InProgress)
        {
            json.WriteStartArray();
            json.WriteEndArray();
            json.WriteNull("usage"u8);
        }
        else
        {
            // Once per stream: the array of finished items is closed and written whole.
            _items.Write("]"u8);
            json.WriteRawValue(_items.Span, skipInputValidation: true);
            ResponsesUsage.Write(json, _usage);
        }
        json.WriteEndObject();
    }

    /// <summary>The codes OpenAI's own failed responses use, which Codex acts on (it waits and retries a rate limit).</summary>
    private static string ErrorCode(ChatErrorKind kind) => kind switch
    {
        ChatErrorKind.RateLimit => "rate_limit_exceeded",
        ChatErrorKind.Overloaded => "server_is_overloaded",
        ChatErrorKind.InvalidRequest => "invalid_request",
        _ => "server_error",
    };

    private void EnsureOpen(IBufferWriter<byte> output, OpenItem kind)
    {
        if (_open == kind) return;
        CloseOpen(output);
        Open(output, kind);
        var json = kind == OpenItem.Message
            ? BeginItemEvent(output, "response.content_part.added"u8)
            : BeginItemEvent(output, "response.reasoning_summary_part.added"u8);
        WritePartFields(json, emptyText: true);
        End(json);
    }

    private bool IsCallOpen => _open is OpenItem.FunctionCall or OpenItem.CustomCall;

    private void StartCall(IBufferWriter<byte> output, int toolCallIndex, JsonText callId, JsonText name)
    {
        CloseOpen(output);
        _toolCallIndex = toolCallIndex;
        _callId.Clear();
        _callId.Write(callId.Encoded);
        _callName.Clear();
        _callName.Write(name.Encoded);
        _openToolEnd = default;
        Open(output, _info?.IsCustomTool(name) == true ? OpenItem.CustomCall : OpenItem.FunctionCall);
    }

    /// <summary>A function call's piece goes out as a delta; a custom call's input is kept for its <c>.done</c> events.</summary>
    private void WriteArguments(IBufferWriter<byte> output, JsonText arguments)
    {
        if (_open == OpenItem.FunctionCall)
        {
            WriteDelta(output, "response.function_call_arguments.delta"u8, arguments);
        }
        else
        {
            _text.Write(arguments.EncodedContent);
        }
        _openToolEnd.Feed(arguments.EncodedContent);
    }

    /// <summary>
    /// Gives held calls their items, in the order they started, while the open call's arguments have ended
    /// (it can get no more pieces) or no call is open: a sequential stream never holds any.
    /// </summary>
    private void OpenHeldWhileComplete(IBufferWriter<byte> output)
    {
        while (_held.Count > 0 && (!IsCallOpen || _openToolEnd.IsComplete))
        {
            OpenFirstHeld(output);
        }
    }

    /// <summary>The answer moved on (other content, or its end): every held call gets its item first.</summary>
    private void ReleaseHeld(IBufferWriter<byte> output)
    {
        while (_held.Count > 0)
        {
            OpenFirstHeld(output);
        }
    }

    /// <summary>Closes the open item and opens the earliest held call, its held arguments as one piece.</summary>
    private void OpenFirstHeld(IBufferWriter<byte> output)
    {
        var toolIndex = _held.First(out var callId, out var name, out var arguments, out var end);
        StartCall(output, toolIndex, callId, name);
        if (!arguments.IsDefault)
        {
            WriteArguments(output, arguments);
        }
        _openToolEnd = end;
        _held.RemoveFirst();
    }

    /// <summary>Numbers the new item and writes <c>response.output_item.added</c>.</summary>
    private void Open(IBufferWriter<byte> output, OpenItem kind)
    {
        _open = kind;
        _outputIndex++;
        _text.Clear();
        _text.Write("\""u8);
        var json = Begin(output, "response.output_item.added"u8);
        json.WriteNumber("output_index"u8, _outputIndex);
        json.WritePropertyName("item"u8);
        WriteItem(json, done: false);
        End(json);
    }

    /// <summary>Writes the open item's <c>.done</c> events and <c>response.output_item.done</c>, and keeps the item for the final response.</summary>
    private void CloseOpen(IBufferWriter<byte> output)
    {
        if (_open == OpenItem.None) return;
        _text.Write("\""u8);
        Utf8JsonWriter json;
        switch (_open)
        {
            case OpenItem.Message:
                json = BeginItemEvent(output, "response.output_text.done"u8);
                json.WriteNumber("content_index"u8, 0);
                json.WritePropertyName("text"u8);
                json.WriteRawValue(_text.Span, skipInputValidation: true);
                json.WriteStartArray("logprobs"u8);
                json.WriteEndArray();
                End(json);
                json = BeginItemEvent(output, "response.content_part.done"u8);
                WritePartFields(json, emptyText: false);
                End(json);
                break;
            case OpenItem.Reasoning:
                json = BeginItemEvent(output, "response.reasoning_summary_text.done"u8);
                json.WriteNumber("summary_index"u8, 0);
                json.WritePropertyName("text"u8);
                json.WriteRawValue(_text.Span, skipInputValidation: true);
                End(json);
                json = BeginItemEvent(output, "response.reasoning_summary_part.done"u8);
                WritePartFields(json, emptyText: false);
                End(json);
                break;
            case OpenItem.FunctionCall:
                json = BeginItemEvent(output, "response.function_call_arguments.done"u8);
                json.WritePropertyName("name"u8);
                json.WriteRawValue(_callName.Span, skipInputValidation: true);
                json.WritePropertyName("arguments"u8);
                json.WriteRawValue(ArgumentsOrEmptyObject(), skipInputValidation: true);
                End(json);
                break;
            case OpenItem.CustomCall:
                CutCustomInput();
                json = BeginItemEvent(output, "response.custom_tool_call_input.delta"u8);
                json.WritePropertyName("delta"u8);
                json.WriteRawValue(_customInput.Span, skipInputValidation: true);
                End(json);
                json = BeginItemEvent(output, "response.custom_tool_call_input.done"u8);
                json.WritePropertyName("input"u8);
                json.WriteRawValue(_customInput.Span, skipInputValidation: true);
                End(json);
                break;
        }
        json = Begin(output, "response.output_item.done"u8);
        json.WriteNumber("output_index"u8, _outputIndex);
        json.WritePropertyName("item"u8);
        WriteItem(json, done: true);
        End(json);

        if (_itemCount++ > 0) _items.Write(","u8);
        var items = Scratch(_items);
        WriteItem(items, done: true);
        items.Flush();
        _open = OpenItem.None;
    }

    /// <summary>A call without argument pieces has arguments <c>""</c> upstream; Responses clients parse them as JSON.</summary>
    private ReadOnlySpan<byte> ArgumentsOrEmptyObject() => _text.Length <= 2 ? "\"{}\""u8 : _text.Span;

    /// <summary>The custom tool's text out of the buffered arguments (once per call; decoding may copy).</summary>
    private void CutCustomInput()
    {
        _customInput.Clear();
        var arguments = JsonValues.Decoded(new JsonText(_text.Memory));
        var json = Scratch(_customInput);
        ResponsesItems.WriteCustomInput(json, arguments.Span);
        json.Flush();
    }

    private Utf8JsonWriter Scratch(IBufferWriter<byte> buffer)
    {
        if (_scratch is null) _scratch = new Utf8JsonWriter(buffer, JsonValues.WriterOptions);
        else _scratch.Reset(buffer);
        return _scratch;
    }

    private void WriteItem(Utf8JsonWriter json, bool done)
    {
        var status = done ? "completed"u8 : "in_progress"u8;
        switch (_open)
        {
            case OpenItem.Message:
                ResponsesItems.BeginMessage(json, _token, _outputIndex, status);
                if (done) ResponsesItems.WriteOutputText(json, _text.Span);
                ResponsesItems.EndMessage(json);
                break;
            case OpenItem.Reasoning:
                ResponsesItems.WriteReasoning(json, _token, _outputIndex, done ? _text.Span : default);
                break;
            default:
                var custom = _open == OpenItem.CustomCall;
                ResponsesItems.BeginCall(json, custom, _token, _outputIndex, status, _callId.Span, _callName.Span);
                if (!done) json.WriteStringValue(""u8);
                else json.WriteRawValue(custom ? _customInput.Span : ArgumentsOrEmptyObject(), skipInputValidation: true);
                json.WriteEndObject();
                break;
        }
    }

    /// <summary>The <c>part</c> of a content or summary part event, empty when it is added and whole when it is done.</summary>
    private void WritePartFields(Utf8JsonWriter json, bool emptyText)
    {
        var text = emptyText ? "\"\""u8 : _text.Span;
        if (_open == OpenItem.Message)
        {
            json.WriteNumber("content_index"u8, 0);
            json.WritePropertyName("part"u8);
            ResponsesItems.WriteOutputText(json, text);
        }
        else
        {
            json.WriteNumber("summary_index"u8, 0);
            json.WritePropertyName("part"u8);
            ResponsesItems.WriteSummaryPart(json, text);
        }
    }

    /// <summary>A text, summary or argument piece: sent on, and kept for the item's <c>.done</c> events.</summary>
    private void WriteDelta(IBufferWriter<byte> output, ReadOnlySpan<byte> type, JsonText delta)
    {
        _text.Write(delta.EncodedContent);
        var json = BeginItemEvent(output, type);
        if (_open == OpenItem.Message) json.WriteNumber("content_index"u8, 0);
        else if (_open == OpenItem.Reasoning) json.WriteNumber("summary_index"u8, 0);
        json.WritePropertyName("delta"u8);
        delta.WriteTo(json);
        if (_open == OpenItem.Message)
        {
            json.WriteStartArray("logprobs"u8);
            json.WriteEndArray();
        }
        End(json);
    }

    /// <summary>An event about the open item: <c>item_id</c> and <c>output_index</c> first.</summary>
    private Utf8JsonWriter BeginItemEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> type)
    {
        var json = Begin(output, type);
        var prefix = _open switch
        {
            OpenItem.Message => ResponsesItems.MessagePrefix,
            OpenItem.Reasoning => ResponsesItems.ReasoningPrefix,
            OpenItem.CustomCall => ResponsesItems.CustomCallPrefix,
            _ => ResponsesItems.FunctionCallPrefix,
        };
        ResponsesItems.WriteId(json, "item_id"u8, prefix, _token, _outputIndex);
        json.WriteNumber("output_index"u8, _outputIndex);
        return json;
    }

    private Utf8JsonWriter Begin(IBufferWriter<byte> output, ReadOnlySpan<byte> type)
    {
        var json = _events.Begin(output, type);
        json.WriteStartObject();
        json.WriteString("type"u8, type);
        json.WriteNumber("sequence_number"u8, _sequence++);
        return json;
    }

    private void End(Utf8JsonWriter json)
    {
        json.WriteEndObject();
        _events.End();
    }
}
