using System.Net;

namespace Gateway.Runtime.Forwarding.Http1;

/// <summary>
/// The buffered request body as <see cref="HttpContent"/>, with its bytes in reach: <see cref="Http1Handler"/>
/// writes them straight after the request head (one send for small bodies) instead of going through a stream.
/// </summary>
internal sealed class RequestBodyContent(ReadOnlyMemory<byte> body) : HttpContent
{
    public ReadOnlyMemory<byte> Body { get; } = body;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Body).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Body, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = Body.Length;
        return true;
    }
}
