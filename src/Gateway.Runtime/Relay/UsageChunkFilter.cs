namespace Gateway.Runtime.Relay;

/// <summary>
/// Passes an OpenAI event stream through, minus the usage chunk the gateway asked for on the caller's behalf
/// (<see cref="Upstream.UsageChunkRequest"/>): the <c>data:</c> event whose <c>choices</c> is empty and
/// that carries a <c>usage</c> object. Bytes are held only until their event is complete (events leave as
/// they end, T1); the usage capture has already seen them (it observes what the upstream sent).
/// Used only when the chunk was added, so a plain relay never pays for it.
/// </summary>
internal sealed class UsageChunkFilter(Stream inner) : Stream
{
    /// <summary>An event larger than this is passed on without being looked at (usage chunks are small).</summary>
    private const int MaxHeldBytes = 64 * 1024;

    private readonly Buffers.PooledBuffer _held = new(1024);
    private bool _passing; // the current event is too large to hold: it goes straight through
    private int _newlines; // line ends seen in a row at the end of what was written

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var end = EventEnd(buffer.Span);
            var piece = end < 0 ? buffer : buffer[..end];
            if (_passing)
            {
                await inner.WriteAsync(piece, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _held.Write(piece.Span);
                if (_held.Length > MaxHeldBytes)
                {
                    _passing = true;
                    await inner.WriteAsync(_held.Memory, cancellationToken).ConfigureAwait(false);
                    _held.Clear();
                }
            }
            if (end < 0)
            {
                return;
            }
            if (!_passing && !IsUsageChunk(_held.Span))
            {
                await inner.WriteAsync(_held.Memory, cancellationToken).ConfigureAwait(false);
            }
            _held.Clear();
            _passing = false;
            buffer = buffer[end..];
        }
    }

    /// <summary>
    /// The index just past the blank line that ends the current event, or -1. Line ends are counted across
    /// writes (an event may end in the next chunk); a <c>\r</c> before <c>\n</c> does not break the count.
    /// </summary>
    private int EventEnd(ReadOnlySpan<byte> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (b == (byte)'\n')
            {
                if (++_newlines == 2)
                {
                    _newlines = 0;
                    return i + 1;
                }
            }
            else if (b != (byte)'\r')
            {
                _newlines = 0;
            }
        }
        return -1;
    }

    /// <summary>At the end of the stream: what is held of an event the upstream did not end with a blank line.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_held.Length > 0 && !IsUsageChunk(_held.Span))
        {
            await inner.WriteAsync(_held.Memory, cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        _held.Clear();
    }

    internal static bool IsUsageChunk(ReadOnlySpan<byte> sseEvent) =>
        sseEvent.StartsWith("data:"u8) && sseEvent.IndexOf("\"choices\":[]"u8) >= 0 && sseEvent.IndexOf("\"usage\":{"u8) >= 0;

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _held.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
