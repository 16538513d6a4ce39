using System.Buffers;

namespace Gateway.Runtime.Relay;

/// <summary>
/// Cuts an SSE byte stream, read in chunks of any size, into the <c>data</c> of its events, for the
/// stream translators (one event in, its translation out: nothing waits for the whole stream, T1).
/// WHATWG event-stream rules: lines end with CRLF, LF or CR (a CR at the end of a chunk may be the
/// first half of a CRLF); an empty line dispatches the event; several <c>data</c> lines join with LF;
/// one space after the colon is dropped; comments, <c>event</c>, <c>id</c>, <c>retry</c> and events
/// without data are ignored; an event cut off by the end of the stream is discarded. Memory is
/// bounded (R20): a line or an event's data longer than <see cref="MaxEventBytes"/> is an error.
/// </summary>
internal sealed class SseDataParser : IDisposable
{
    public const int MaxEventBytes = 1024 * 1024;

    private byte[] _pending = ArrayPool<byte>.Shared.Rent(4096);
    private int _start;
    private int _end;
    private byte[] _data = ArrayPool<byte>.Shared.Rent(4096);
    private int _dataLength;
    private bool _hasData;
    private bool _skipLf;

    /// <summary>Adds bytes read from the stream; call <see cref="TryRead"/> until it says no more.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_start > 0)
        {
            _pending.AsSpan(_start, _end - _start).CopyTo(_pending);
            _end -= _start;
            _start = 0;
        }
        Ensure(ref _pending, _end + bytes.Length, _end);
        bytes.CopyTo(_pending.AsSpan(_end));
        _end += bytes.Length;
    }

    /// <summary>
    /// The next complete event's data (valid until the next call), or <see cref="SseParseStatus.NeedMore"/>;
    /// <see cref="SseParseStatus.TooLarge"/> when a line or event passes the bound (the stream cannot go on).
    /// </summary>
    public SseParseStatus TryRead(out ReadOnlyMemory<byte> data)
    {
        data = default;
        while (true)
        {
            if (_skipLf && _start < _end)
            {
                _skipLf = false;
                if (_pending[_start] == '\n') _start++;
            }
            var rest = _pending.AsSpan(_start, _end - _start);
            var lineEnd = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (lineEnd < 0)
            {
                return rest.Length > MaxEventBytes ? SseParseStatus.TooLarge : SseParseStatus.NeedMore;
            }
            var line = rest[..lineEnd];
            _skipLf = rest[lineEnd] == '\r';
            _start += lineEnd + 1;
            if (line.IsEmpty)
            {
                if (_hasData)
                {
                    data = _data.AsMemory(0, _dataLength);
                    _hasData = false;
                    _dataLength = 0;
                    return SseParseStatus.Event;
                }
                continue;
            }
            if (line.StartsWith("data"u8) && (line.Length == 4 || line[4] == ':'))
            {
                var value = line.Length == 4 ? default : line[5..];
                if (!value.IsEmpty && value[0] == ' ') value = value[1..];
                var needed = _dataLength + (_hasData ? 1 : 0) + value.Length;
                if (needed > MaxEventBytes)
                {
                    return SseParseStatus.TooLarge;
                }
                Ensure(ref _data, needed, _dataLength);
                if (_hasData) _data[_dataLength++] = (byte)'\n';
                value.CopyTo(_data.AsSpan(_dataLength));
                _dataLength += value.Length;
                _hasData = true;
            }
        }
    }

    private static void Ensure(ref byte[] buffer, int size, int keep)
    {
        if (size <= buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(size, buffer.Length * 2));
        buffer.AsSpan(0, keep).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_pending);
        ArrayPool<byte>.Shared.Return(_data);
        _pending = _data = [];
    }
}
