using System.Net;

namespace Gateway.Runtime.Forwarding.Http1;

/// <summary>An upstream response body read from its connection as the relay asks for it (never buffered whole).</summary>
internal sealed class Http1ResponseContent(Http1BodyStream body) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => body.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        body.CopyToAsync(stream, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(body);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(body);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => body;

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false; // Content-Length, when the upstream sent one, is in the headers
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
        }
        base.Dispose(disposing);
    }
}
