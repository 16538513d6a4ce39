using System.Buffers;
using System.Net;

namespace Gateway.Runtime.Stored;

/// <summary>
/// The caller's request body as upstream content, copied one pooled chunk at a time and flushed per chunk, so
/// the upstream sees each piece as it arrives and no upload is ever held whole. It counts: past <c>limit</c>
/// bytes it fails the copy, which aborts the upstream request mid-body, and says so in <see cref="Exceeded"/>
/// so the caller gets 413 rather than 502. Each chunk that moves restarts the attempt's silence bound, so a
/// large upload is timed by its gaps, not by its length.
/// </summary>
internal sealed class BoundedBodyContent(Stream source, long limit, long? contentLength, CancellationTokenSource idle, TimeSpan idleTimeout) : HttpContent
{
    /// <summary>The body went past the limit; the upstream request was aborted.</summary>
    public bool Exceeded { get; private set; }

    /// <summary>The caller's framing was malformed (a bad chunk size, say): its 400, not the upstream's 502 (H7).</summary>
    public bool Malformed { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Relay.StreamCopier.MaxBufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    Exceeded = true;
                    throw new IOException("The request body is larger than the gateway's limit for this endpoint.");
                }
                idle.CancelAfter(idleTimeout);
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<int> ReadAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        // Kestrel reports bad framing as BadHttpRequestException, and a chunk size of 2^31 or more as an
        // IOException around an OverflowException (as RequestBodyReader notes); a client that left also looks
        // like the first, which the relay tells apart by RequestAborted.
        catch (Exception ex) when (ex is Microsoft.AspNetCore.Http.BadHttpRequestException || ex is IOException { InnerException: OverflowException })
        {
            Malformed = true;
            throw;
        }
    }

    /// <summary>The caller's <c>Content-Length</c> when it sent one (forwarded as is); chunked otherwise.</summary>
    protected override bool TryComputeLength(out long length)
    {
        length = contentLength ?? 0;
        return contentLength is not null;
    }
}
