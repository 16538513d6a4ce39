using System.Net;
using System.Net.Sockets;

namespace Gateway.Runtime.Forwarding.Http1;

/// <summary>
/// One keep-alive HTTP/1.1 connection to an upstream: a socket with TCP_NODELAY and a read buffer that
/// holds what arrived past the part already consumed (response head, chunk framing, body bytes).
/// Used by one request at a time; <see cref="Http1Handler"/> pools it between requests.
/// </summary>
internal sealed class Http1Connection : IDisposable
{
    /// <summary>Read buffer: a response head must fit (SocketsHttpHandler's default limit is 64 KiB too).</summary>
    public const int MaxHeadBytes = 64 * 1024;

    private const int InitialBufferBytes = 4096;

    private readonly Socket _socket;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start; // first unread byte
    private int _end;   // one past the last received byte
    private bool _disposed;

    public Http1Connection(Socket socket, long createdAt)
    {
        _socket = socket;
        CreatedAt = createdAt;
    }

    public long CreatedAt { get; }

    /// <summary>When it went back to the pool (<see cref="Environment.TickCount64"/>).</summary>
    public long IdleSince { get; set; }

    /// <summary>Has carried at least one request (a failure on it before any response byte may be a stale keep-alive).</summary>
    public bool Reused { get; set; }

    public static async ValueTask<Http1Connection> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new Http1Connection(socket, Environment.TickCount64);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when an idle connection has nothing to read: no early bytes, no FIN or RST from the upstream.</summary>
    public bool LooksAlive()
    {
        try
        {
            return _start == _end && !_socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Unread bytes already received.</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    public void Consume(int count) => _start += count;

    /// <summary>Receives more bytes into the buffer (growing it up to <see cref="MaxHeadBytes"/>); 0 at end of stream.</summary>
    public async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else if (_buffer.Length < MaxHeadBytes)
            {
                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxHeadBytes));
            }
            else
            {
                throw new HttpRequestException(HttpRequestError.InvalidResponse, "The upstream response head is larger than 64 KiB.");
            }
        }
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += read;
        return read;
    }

    /// <summary>
    /// Body bytes into <paramref name="destination"/>: what is buffered first, else straight from the socket
    /// (no copy through the buffer). A zero-length destination waits until data (or the end) is there.
    /// </summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_start < _end)
        {
            var count = Math.Min(destination.Length, _end - _start);
            _buffer.AsSpan(_start, count).CopyTo(destination.Span);
            _start += count;
            return count;
        }
        return await _socket.ReceiveAsync(destination, SocketFlags.None, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _socket.Dispose();
    }
}
