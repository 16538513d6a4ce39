using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// RELIABILITY harness RawClient: HTTP/1.1 written byte for byte over a <see cref="TcpClient"/>, for what
/// <see cref="HttpClient"/> would normalise (header spelling, Connection tokens) or for a client that stops reading.
/// </summary>
internal static class RawClient
{
    /// <summary>POSTs <paramref name="body"/> to the gateway with <paramref name="extraHeaders"/> (CRLF-terminated lines) and reads to the end.</summary>
    public static async Task<string> PostAsync(GatewayHarness h, string path, string body, string extraHeaders = "")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, h.Address.Port);
        var stream = tcp.GetStream();
        var request = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{extraHeaders}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(15));
    }
}
