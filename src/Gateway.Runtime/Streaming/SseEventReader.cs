using System.Buffers;

namespace Gateway.Runtime.Streaming;

/// <summary>
/// Reads server-sent events one at a time for translation (SPEC §9): the joined <c>data</c> lines of each
/// event, as the WHATWG event-stream rules frame them (lines end with CRLF, LF or CR; an empty line
/// dispatches; one space after <c>data:</c> is dropped; several data lines join with LF; comments and
/// data-less events are skipped). Event names are not returned: both formats' data say what they are.
/// Memory is bounded: one read buffer and one data buffer, reused for every event, and an event larger
/// than <see cref="MaxEventBytes"/> is an error (R20), never an unbounded buffer.
/// </summary>
internal sealed class SseEventReader : IDisposable
{
    /// <summary>A single event larger than this is not a chat stream (a Claude Code tool input is far smaller).</summary>
    public const int MaxEventBytes = 8 * 1024 * 1024;

    private const int ReadSize = 16 * 1024;

    private readonly Stream _input;
    private byte[] _buffer;
    private byte[] _data = ArrayPool<byte>.Shared.Rent(1024);
    private int _start;
    private int _end;
    private int _dataLength;
    private bool _dataLines;
    private bool _ended;
    private bool _pendingCr;

    /// <param name="input">The upstream body.</param>
    /// <param name="prefix">Bytes already read from it (the R11 peek): framed first.</param>
    public SseEventReader(Stream input, ReadOnlyMemory<byte> prefix)
    {
        _input = input;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(ReadSize, prefix.Length * 2));
        prefix.Span.CopyTo(_buffer);
        _end = prefix.Length;
    }

    /// <summary>The data of the event last returned by <see cref="ReadAsync"/>; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Data => _data.AsMemory(0, _dataLength);

    /// <summary>True with <see cref="Data"/> set, or false at the end of the stream (a last unterminated event is dropped, as the spec says).</summary>
    /// <exception cref="InvalidDataException">An event is larger than <see cref="MaxEventBytes"/>.</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _dataLength = 0;
        _dataLines = false;
        while (true)
        {
            while (TryTakeLine(out var line))
            {
                if (line.IsEmpty)
                {
                    if (_dataLines) return true;
                    continue;
                }
                if (line.StartsWith("data"u8) && (line.Length == 4 || line[4] == ':'))
                {
                    var value = line.Length <= 5 ? ReadOnlySpan<byte>.Empty : line[(line[5] == ' ' ? 6 : 5)..];
                    AppendData(value);
                }
                // event:, id:, retry: and comments carry nothing the translators need.
            }
            if (_ended) return false;
            if (_start > 0 && _start == _end)
            {
                _start = _end = 0;
            }
            else if (_end == _buffer.Length)
            {
                Compact();
            }
            var read = await _input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _ended = true;
                continue;
            }
            _end += read;
        }
    }

    private bool TryTakeLine(out ReadOnlySpan<byte> line)
    {
        var rest = _buffer.AsSpan(_start, _end - _start);
        if (_pendingCr && !rest.IsEmpty)
        {
            // The CR of a CRLF pair was the last byte of the previous read.
            _pendingCr = false;
            if (rest[0] == '\n')
            {
                _start++;
                rest = rest[1..];
            }
        }
        var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
        if (end < 0)
        {
            if (rest.Length > MaxEventBytes) throw new InvalidDataException("An event-stream line is larger than the gateway accepts.");
            line = default;
            return false;
        }
        line = rest[..end];
        var terminator = 1;
        if (rest[end] == '\r')
        {
            if (end + 1 < rest.Length)
            {
                if (rest[end + 1] == '\n') terminator = 2;
            }
            else
            {
                _pendingCr = true;
            }
        }
        _start += end + terminator;
        return true;
    }

    private void AppendData(ReadOnlySpan<byte> value)
    {
        var needed = _dataLength + value.Length + (_dataLines ? 1 : 0);
        if (needed > MaxEventBytes) throw new InvalidDataException("An event is larger than the gateway accepts.");
        if (needed > _data.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _data.Length * 2));
            _data.AsSpan(0, _dataLength).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_data);
            _data = bigger;
        }
        if (_dataLines) _data[_dataLength++] = (byte)'\n';
        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        _dataLines = true;
    }

    /// <summary>Moves the unread bytes to the front, growing the buffer when a line fills it.</summary>
    private void Compact()
    {
        var unread = _end - _start;
        var target = _buffer;
        if (unread > _buffer.Length / 2)
        {
            if (unread > MaxEventBytes) throw new InvalidDataException("An event-stream line is larger than the gateway accepts.");
            target = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        }
        _buffer.AsSpan(_start, unread).CopyTo(target);
        if (!ReferenceEquals(target, _buffer))
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = target;
        }
        _start = 0;
        _end = unread;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_data);
        _buffer = _data = [];
    }
}
