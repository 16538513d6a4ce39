using System.Buffers;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats;

/// <summary>
/// The tool calls an OpenAI-compatible upstream sent pieces of while another call was still open (it
/// interleaved parallel calls by index). Anthropic blocks and Responses output items are written one
/// after another, so each held call is kept, in the order it started, until the writer can give it its
/// own block or item. Each call's id,
/// name and argument pieces are copied (the update's slices die with the upstream event) into one buffer
/// rented from the shared pool, the argument pieces joined into one encoded string; buffers go back to
/// the pool as calls are taken. At most <see cref="MaxBytes"/> are held in all: a stream that holds more
/// is not a real model's answer and ends with the caller's error event. Nothing is allocated until the
/// first call is held, so a sequential stream never touches this.
/// </summary>
internal sealed class HeldToolCalls
{
    /// <summary>The most bytes held across all calls; the same bound as one upstream event (R20).</summary>
    public const int MaxBytes = 1 << 20;

    private const int FirstBufferSize = 256;

    private HeldCall[] _calls = [];
    private int _count;
    private int _heldBytes;

    public int Count => _count;

    /// <summary>True when the call with this index was started and is held.</summary>
    public bool Holds(int toolIndex) => Find(toolIndex) >= 0;

    /// <summary>Holds a call that started behind the open one; false when that would pass <see cref="MaxBytes"/>.</summary>
    public bool TryHoldStart(int toolIndex, JsonText callId, JsonText name)
    {
        var size = callId.Encoded.Length + name.Encoded.Length;
        if (_heldBytes + size + 1 > MaxBytes) return false;
        if (_count == _calls.Length)
        {
            var bigger = ArrayPool<HeldCall>.Shared.Rent(Math.Max(4, _count * 2));
            _calls.AsSpan(0, _count).CopyTo(bigger);
            Return(_calls);
            _calls = bigger;
        }
        // After the id and name: the arguments' opening quote, and room for the closing one First writes.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(FirstBufferSize, size + 2));
        callId.Encoded.CopyTo(buffer);
        name.Encoded.CopyTo(buffer.AsSpan(callId.Encoded.Length));
        buffer[size] = (byte)'"';
        _calls[_count++] = new HeldCall
        {
            ToolIndex = toolIndex,
            Buffer = buffer,
            IdLength = callId.Encoded.Length,
            NameLength = name.Encoded.Length,
            Length = size + 1,
        };
        _heldBytes += size + 1;
        return true;
    }

    /// <summary>Appends an argument piece to a held call; false when that would pass <see cref="MaxBytes"/>.</summary>
    public bool TryHoldArguments(int toolIndex, JsonText arguments)
    {
        ref var call = ref _calls[Find(toolIndex)];
        var content = arguments.EncodedContent;
        if (_heldBytes + content.Length > MaxBytes) return false;
        if (call.Length + content.Length + 1 > call.Buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(call.Buffer.Length * 2, call.Length + content.Length + 1));
            call.Buffer.AsSpan(0, call.Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(call.Buffer);
            call.Buffer = bigger;
        }
        content.CopyTo(call.Buffer.AsSpan(call.Length));
        call.Length += content.Length;
        call.End.Feed(content);
        _heldBytes += content.Length;
        return true;
    }

    /// <summary>
    /// The earliest held call. The texts point into its buffer: valid until <see cref="RemoveFirst"/>.
    /// <paramref name="arguments"/> is all its argument pieces as one string, default when none came.
    /// </summary>
    public int First(out JsonText callId, out JsonText name, out JsonText arguments, out ToolArgumentsEnd end)
    {
        ref var call = ref _calls[0];
        var memory = call.Buffer.AsMemory();
        callId = new JsonText(memory[..call.IdLength]);
        name = new JsonText(memory.Slice(call.IdLength, call.NameLength));
        var argumentsStart = call.IdLength + call.NameLength;
        call.Buffer[call.Length] = (byte)'"';
        arguments = call.Length - argumentsStart > 1 ? new JsonText(memory[argumentsStart..(call.Length + 1)]) : default;
        end = call.End;
        return call.ToolIndex;
    }

    /// <summary>Drops the earliest held call and gives its buffer back; the last one out gives back the list too.</summary>
    public void RemoveFirst()
    {
        var call = _calls[0];
        _heldBytes -= call.Length;
        ArrayPool<byte>.Shared.Return(call.Buffer);
        _calls.AsSpan(1, _count - 1).CopyTo(_calls);
        _calls[--_count] = default;
        if (_count == 0)
        {
            Return(_calls);
            _calls = [];
            _heldBytes = 0;
        }
    }

    private int Find(int toolIndex)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_calls[i].ToolIndex == toolIndex) return i;
        }
        return -1;
    }

    private static void Return(HeldCall[] calls)
    {
        if (calls.Length > 0) ArrayPool<HeldCall>.Shared.Return(calls, clearArray: true);
    }

    private struct HeldCall
    {
        public int ToolIndex;
        public byte[] Buffer;
        public int IdLength;
        public int NameLength;
        /// <summary>Bytes used: id, name, the opening quote of the arguments and their content.</summary>
        public int Length;
        public ToolArgumentsEnd End;
    }
}
