namespace Gateway.Runtime.Stored;

/// <summary>
/// The caller's request body as the upstream request reads it, one pooled chunk at a time (never buffered
/// whole). It counts: past <c>limit</c> bytes it fails the read, which aborts the upstream request mid-body,
/// and says so in <see cref="Exceeded"/> so the caller gets 413 rather than 502. Each chunk that moves also
/// restarts the attempt's silence bound, so a large upload is timed by its gaps, not by its length.
/// </summary>
internal sealed class BoundedBodyStream(Stream inner, long limit, CancellationTokenSource idle, TimeSpan idleTimeout) : Stream
{
    private long _total;

    /// <summary>The body went past the limit; the upstream request was aborted.</summary>
    public bool Exceeded { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _total += read;
        if (_total > limit)
        {
            Exceeded = true;
            throw new IOException("The request body is larger than the gateway's limit for this endpoint.");
        }
        idle.CancelAfter(idleTimeout);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Kestrel refuses synchronous body reads; the upstream handler only reads asynchronously.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
