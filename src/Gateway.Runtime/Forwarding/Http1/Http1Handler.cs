using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Runtime.Forwarding.Http1;

/// <summary>
/// HTTP/1.1 to one plain-http upstream origin (local providers: vLLM, Ollama, TGI, sidecars), with a
/// keep-alive connection pool. Hand-written instead of <see cref="SocketsHttpHandler"/> for the hot path:
/// the request head is written straight from the headers into one buffer and sent with the body in one
/// send, the response head is parsed in place, and the body is read from the socket as the relay asks for
/// it; no version negotiation, no per-request pool lookup by key, no header re-validation. https upstreams
/// keep SocketsHttpHandler (TLS, HTTP/2). Behaves like SocketsHttpHandler where the gateway relies on it:
/// connect failures are <see cref="HttpRequestError.ConnectionError"/>, a request that fails on a reused
/// connection before any response byte is sent once more on a new one (the upstream closed an idle
/// keep-alive), idle connections close after <see cref="IdleTimeout"/>, none lives past <see cref="Lifetime"/>.
/// </summary>
internal sealed class Http1Handler : HttpMessageHandler
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>An idle connection older than this is checked for a FIN/RST (one poll) before it is reused.</summary>
    private const long CheckAfterIdleMs = 1000;

    /// <summary>Request head and body go out in one send up to this size.</summary>
    private const int SingleSendBytes = 16 * 1024;

    private readonly EndPoint _endpoint;
    private readonly byte[] _hostLine; // "Host: authority\r\n"
    private readonly Stack<Http1Connection> _idle = new();
    private readonly Lock _gate = new();
    private readonly Timer _scavenger;
    private bool _disposed;

    public Http1Handler(Uri origin)
    {
        if (origin.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException("Http1Handler speaks plain http only.", nameof(origin));
        }
        _endpoint = IPAddress.TryParse(origin.IdnHost, out var address)
            ? new IPEndPoint(address, origin.Port)
            : new DnsEndPoint(origin.IdnHost, origin.Port);
        var authority = origin.IsDefaultPort ? origin.Host : origin.Host + ":" + origin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _hostLine = Encoding.ASCII.GetBytes("Host: " + authority + "\r\n");
        _scavenger = new Timer(static state => ((Http1Handler)state!).CloseExpired(), this, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
    }

    /// <summary>The gateway never sends synchronously; blocking a socket thread here would stall its event loop.</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Http1Handler is asynchronous only.");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var body = request.Content is RequestBodyContent content ? content.Body
            : request.Content is null ? ReadOnlyMemory<byte>.Empty
            : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var head = Http1RequestHead.Write(request, _hostLine, body.Length, out var headLength);
        try
        {
            ReadOnlyMemory<byte> single = default;
            if (headLength + body.Length <= head.Length && headLength + body.Length <= SingleSendBytes)
            {
                body.Span.CopyTo(head.AsSpan(headLength));
                single = head.AsMemory(0, headLength + body.Length);
            }
            while (true)
            {
                var connection = TakeIdle() ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!single.IsEmpty)
                    {
                        await connection.SendAsync(single, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await connection.SendAsync(head.AsMemory(0, headLength), cancellationToken).ConfigureAwait(false);
                        await connection.SendAsync(body, cancellationToken).ConfigureAwait(false);
                    }
                    return await Http1ResponseHead.ReadAsync(this, connection, request, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when ((ex is SocketException || ex is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded })
                    && connection.Reused && !cancellationToken.IsCancellationRequested)
                {
                    // A keep-alive the upstream had closed while it sat in the pool (it read nothing of this
                    // request): send it again on the next pooled connection or a new one, as SocketsHttpHandler does.
                    connection.Dispose();
                }
                catch (SocketException ex)
                {
                    connection.Dispose();
                    throw new HttpRequestException(HttpRequestError.Unknown, "The upstream connection failed.", ex);
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    private async ValueTask<Http1Connection> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            return await Http1Connection.ConnectAsync(_endpoint, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "The upstream could not be reached.", ex);
        }
    }

    /// <summary>The most recently used live connection, or null.</summary>
    private Http1Connection? TakeIdle()
    {
        var now = Environment.TickCount64;
        while (true)
        {
            Http1Connection? connection;
            lock (_gate)
            {
                if (!_idle.TryPop(out connection)) return null;
            }
            if (!Expired(connection, now) && (now - connection.IdleSince < CheckAfterIdleMs || connection.LooksAlive()))
            {
                return connection;
            }
            connection.Dispose();
        }
    }

    /// <summary>A body read to its end: the connection waits for the next request.</summary>
    internal void Return(Http1Connection connection)
    {
        connection.Reused = true;
        connection.IdleSince = Environment.TickCount64;
        lock (_gate)
        {
            if (!_disposed)
            {
                _idle.Push(connection);
                return;
            }
        }
        connection.Dispose();
    }

    private static bool Expired(Http1Connection connection, long now) =>
        now - connection.IdleSince > (long)IdleTimeout.TotalMilliseconds || now - connection.CreatedAt > (long)Lifetime.TotalMilliseconds;

    private void CloseExpired()
    {
        var now = Environment.TickCount64;
        List<Http1Connection>? expired = null;
        lock (_gate)
        {
            if (_idle.Count == 0) return;
            var keep = new List<Http1Connection>(_idle.Count);
            while (_idle.TryPop(out var connection))
            {
                if (Expired(connection, now)) (expired ??= []).Add(connection);
                else keep.Add(connection);
            }
            for (var i = keep.Count - 1; i >= 0; i--) _idle.Push(keep[i]); // same order as before
        }
        expired?.ForEach(c => c.Dispose());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _scavenger.Dispose();
            lock (_gate)
            {
                _disposed = true;
                while (_idle.TryPop(out var connection)) connection.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}
