using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// One HTTP/1.1 exchange over a plain socket, for requests <see cref="HttpClient"/> will not send: a path
/// exactly as spelled, malformed chunk framing, odd header layouts. The request should say
/// <c>Connection: close</c>; the answer is read until the gateway closes the connection.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri gateway, string request, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, gateway.Port, cancel.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancel.Token);
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cancel.Token);
        }
        catch (IOException)
        {
            // A reset after the answer (the gateway gives up on the rest of a malformed body) still leaves the answer.
        }
        return RawResponse.Parse(Encoding.UTF8.GetString(received.ToArray()));
    }
}
