using System.Net.Sockets;

namespace Gateway.Runtime.Forwarding.Http1;

/// <summary>How the end of a response body is known (RFC 9112 §6.3).</summary>
internal enum BodyFraming
{
    /// <summary>No body: 1xx, 204, 304 (and HEAD, which the gateway never sends).</summary>
    None,
    ContentLength,
    Chunked,
    /// <summary>Until the upstream closes the connection (no length, not chunked); the connection is not reused.</summary>
    UntilClose,
}

/// <summary>
/// A response body read from its <see cref="Http1Connection"/>. When the body has been read to its end the
/// connection goes back to the pool at once (keep-alive); disposed before that, the connection is closed,
/// never reused with unread bytes on it. Read errors surface as <see cref="IOException"/>, cancellation as
/// <see cref="OperationCanceledException"/>, both after closing the connection.
/// </summary>
internal sealed class Http1BodyStream : Stream
{
    private const int MaxFramingLineBytes = 4096;

    private readonly Http1Handler _owner;
    private readonly BodyFraming _framing;
    private readonly bool _keepAlive;
    private Http1Connection? _connection;
    private long _remaining; // ContentLength: body bytes left; Chunked: bytes left in the current chunk
    private ChunkState _chunk;

    private enum ChunkState { Size, Data, DataEnd, Trailers }

    public Http1BodyStream(Http1Handler owner, Http1Connection connection, BodyFraming framing, long contentLength, bool keepAlive)
    {
        _owner = owner;
        _connection = connection;
        _framing = framing;
        _keepAlive = keepAlive && framing != BodyFraming.UntilClose;
        _remaining = framing == BodyFraming.ContentLength ? contentLength : 0;
    }

    /// <summary>
    /// Called once the response head has been parsed: an empty body is complete at once and its connection
    /// goes back to the pool (not earlier: the head's bytes are still being read until then).
    /// </summary>
    public void Start()
    {
        if (_framing == BodyFraming.None || (_framing == BodyFraming.ContentLength && _remaining == 0))
        {
            Complete();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var connection = _connection;
        if (connection is null)
        {
            return 0; // complete (or disposed)
        }
        try
        {
            switch (_framing)
            {
                case BodyFraming.ContentLength:
                {
                    if (buffer.IsEmpty)
                    {
                        await WaitForDataAsync(connection, cancellationToken).ConfigureAwait(false);
                        return 0;
                    }
                    var read = await connection.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException("The upstream closed the connection before the end of the body.");
                    }
                    _remaining -= read;
                    if (_remaining == 0)
                    {
                        Complete();
                    }
                    return read;
                }
                case BodyFraming.UntilClose:
                {
                    if (buffer.IsEmpty)
                    {
                        await WaitForDataAsync(connection, cancellationToken).ConfigureAwait(false);
                        return 0;
                    }
                    var read = await connection.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        Complete();
                    }
                    return read;
                }
                default:
                    return await ReadChunkedAsync(connection, buffer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or HttpRequestException)
        {
            Abandon();
            throw new IOException("The upstream response body could not be read.", ex);
        }
        catch
        {
            Abandon(); // cancellation, or the IOExceptions above: the connection is in an unknown state
            throw;
        }
    }

    private async ValueTask<int> ReadChunkedAsync(Http1Connection connection, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_chunk == ChunkState.Data)
            {
                if (buffer.IsEmpty)
                {
                    await WaitForDataAsync(connection, cancellationToken).ConfigureAwait(false);
                    return 0;
                }
                var read = await connection.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("The upstream closed the connection inside a chunk.");
                }
                _remaining -= read;
                if (_remaining == 0)
                {
                    _chunk = ChunkState.DataEnd;
                }
                return read;
            }
            if (TryReadFraming(connection))
            {
                if (_connection is null)
                {
                    return 0; // last chunk and trailers read
                }
                continue;
            }
            if (await connection.FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("The upstream closed the connection inside the chunked framing.");
            }
        }
    }

    /// <summary>Consumes one framing line (chunk size, the CRLF after data, a trailer) if it is all buffered.</summary>
    private bool TryReadFraming(Http1Connection connection)
    {
        var buffered = connection.Buffered;
        var newline = buffered.IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (buffered.Length > MaxFramingLineBytes)
            {
                throw new IOException("A chunk-size or trailer line of the upstream response is too long.");
            }
            return false;
        }
        var line = buffered[..newline];
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }
        connection.Consume(newline + 1);
        switch (_chunk)
        {
            case ChunkState.DataEnd:
                if (!line.IsEmpty) throw new IOException("A chunk of the upstream response is longer than its size.");
                _chunk = ChunkState.Size;
                break;
            case ChunkState.Size:
                var size = ParseChunkSize(line);
                if (size == 0)
                {
                    _chunk = ChunkState.Trailers;
                }
                else
                {
                    _remaining = size;
                    _chunk = ChunkState.Data;
                }
                break;
            case ChunkState.Trailers:
                if (line.IsEmpty)
                {
                    Complete(); // trailers are not relayed (SPEC: the gateway sends its own framing)
                }
                break;
        }
        return true;
    }

    /// <summary>Hex chunk size, up to an optional <c>;extension</c>.</summary>
    private static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        long size = 0;
        var digits = 0;
        foreach (var b in line)
        {
            int value = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (value < 0)
            {
                if (b is (byte)';' or (byte)' ' or (byte)'\t') break;
                throw new IOException("The upstream sent an invalid chunk size.");
            }
            if (++digits > 15) throw new IOException("The upstream sent an invalid chunk size.");
            size = (size << 4) | (uint)value;
        }
        if (digits == 0) throw new IOException("The upstream sent an invalid chunk size.");
        return size;
    }

    /// <summary>A zero-byte read: returns once body bytes are there (or the end), holding no buffer meanwhile.</summary>
    private static async ValueTask WaitForDataAsync(Http1Connection connection, CancellationToken cancellationToken)
    {
        if (connection.Buffered.IsEmpty)
        {
            await connection.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The body ended where its framing says: the connection can carry the next request.</summary>
    private void Complete()
    {
        var connection = _connection;
        _connection = null;
        if (connection is null) return;
        if (_keepAlive)
        {
            _owner.Return(connection);
        }
        else
        {
            connection.Dispose();
        }
    }

    private void Abandon()
    {
        _connection?.Dispose();
        _connection = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Abandon(); // unread bytes left on it: never reused
        }
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
