using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Runtime.Tests.Forwarding.Http1;

/// <summary>
/// A byte-level HTTP/1.1 server on 127.0.0.1:0 for the handler's tests: every accepted connection runs
/// <see cref="Script"/>, which reads requests and writes whatever bytes the test wants (malformed ones too).
/// </summary>
internal sealed class RawUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _accepted;

    public RawUpstream(Func<RawConnection, Task> script)
    {
        Script = script;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Func<RawConnection, Task> Script { get; set; }

    public Uri Origin => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Connections => Volatile.Read(ref _accepted);

    /// <summary>Every request head and body received, in order.</summary>
    public ConcurrentQueue<(string Head, byte[] Body)> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(RunAsync(new RawConnection(socket, this)));
            }
        }
    }

    private async Task RunAsync(RawConnection connection)
    {
        try
        {
            await Script(connection);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The handler closed its side; the script's job is over.
        }
        finally
        {
            connection.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        Task[] running;
        lock (_connections) running = [.. _connections];
        foreach (var task in running) await task.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}

/// <summary>One accepted connection: read a request (head + Content-Length body), write raw bytes.</summary>
internal sealed class RawConnection(Socket socket, RawUpstream server) : IDisposable
{
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);
    private readonly List<byte> _pending = [];

    /// <summary>The next request, or null when the client closed the connection.</summary>
    public async Task<(string Head, byte[] Body)?> ReadRequestAsync()
    {
        var buffer = new byte[4096];
        int end;
        while ((end = IndexOf(_pending, "\r\n\r\n"u8)) < 0)
        {
            var read = await _stream.ReadAsync(buffer);
            if (read == 0) return null;
            _pending.AddRange(buffer.AsSpan(0, read));
        }
        var head = Encoding.ASCII.GetString([.. _pending.GetRange(0, end)]);
        _pending.RemoveRange(0, end + 4);
        var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        while (_pending.Count < length)
        {
            var read = await _stream.ReadAsync(buffer);
            if (read == 0) return null;
            _pending.AddRange(buffer.AsSpan(0, read));
        }
        var body = _pending.GetRange(0, length).ToArray();
        _pending.RemoveRange(0, length);
        server.Requests.Enqueue((head, body));
        return (head, body);
    }

    public async Task WriteAsync(string text, int pieceSize = int.MaxValue)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        for (var i = 0; i < bytes.Length; i += pieceSize)
        {
            await _stream.WriteAsync(bytes.AsMemory(i, Math.Min(pieceSize, bytes.Length - i)));
            await _stream.FlushAsync();
        }
    }

    /// <summary>Reads until the client closes (0) — how a test waits for the handler to drop the connection.</summary>
    public async Task<int> ReadUntilClosedAsync()
    {
        var buffer = new byte[4096];
        var total = 0;
        int read;
        while ((read = await _stream.ReadAsync(buffer)) > 0) total += read;
        return total;
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> value)
    {
        for (var i = 0; i + value.Length <= bytes.Count; i++)
        {
            var match = true;
            for (var j = 0; j < value.Length && match; j++) match = bytes[i + j] == value[j];
            if (match) return i;
        }
        return -1;
    }

    public void Dispose() => _stream.Dispose();
}
