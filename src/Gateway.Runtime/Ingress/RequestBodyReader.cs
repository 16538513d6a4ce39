using Gateway.Runtime.Buffers;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Ingress;

/// <summary>
/// Buffers the request body up to <c>max_request_body_bytes</c> so it can be peeked, rewritten and
/// replayed on retry (SPEC §5). The limit is checked against <c>Content-Length</c> before reading and
/// against the bytes counted while reading (chunked), so an oversize body never reaches an upstream (R16).
/// </summary>
internal static class RequestBodyReader
{
    private const int ReadSize = 16 * 1024;

    public static async ValueTask<(BodyReadStatus Status, PooledBuffer? Body)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        if (declared > limit)
        {
            return (BodyReadStatus.TooLarge, null);
        }
        var body = new PooledBuffer((int)Math.Min(declared ?? ReadSize, limit) + 1);
        try
        {
            while (true)
            {
                // With a Content-Length the first buffer already fits the body (+1 byte to see the end):
                // ask for no more than that, so a small body is not copied into a 16 KiB array.
                var hint = declared is { } length && body.Length <= length ? (int)Math.Min(ReadSize, length - body.Length + 1) : ReadSize;
                var read = await request.Body.ReadAsync(body.GetFreeMemory(hint), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (BodyReadStatus.Complete, body);
                }
                body.Advance(read);
                if (body.Length > limit)
                {
                    body.Dispose();
                    return (BodyReadStatus.TooLarge, null);
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            body.Dispose();
            // Kestrel enforces MaxRequestBodySize too and reports it as 413.
            return (ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? BodyReadStatus.TooLarge : BodyReadStatus.Malformed, null);
        }
        catch (IOException ex) when (ex.InnerException is OverflowException)
        {
            body.Dispose();
            // Kestrel reports a chunk size of 2^31 or more as a plain IOException wrapping the OverflowException of
            // its chunk-size parser (Http1ChunkedEncodingMessageBody.CalculateChunkSize), not as a
            // BadHttpRequestException. The caller is still connected and sent malformed framing: 400, never an
            // empty 200 (RELIABILITY H7).
            return (BodyReadStatus.Malformed, null);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            body.Dispose();
            return (BodyReadStatus.ClientAborted, null);
        }
    }
}
