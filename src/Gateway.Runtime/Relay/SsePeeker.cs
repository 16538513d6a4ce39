using Gateway.Runtime.Attempts;
using Gateway.Runtime.Buffers;

namespace Gateway.Runtime.Relay;

/// <summary>
/// Reads the start of an SSE response, before anything is sent to the client, until its first
/// data-carrying event is complete (R11): an in-band error there is a failed attempt that may fall
/// back. Bounded in size (<see cref="Limit"/>) and in time (the caller arms the attempt timeout on the
/// token). The bytes read are handed back so the relay replays them first, unchanged (T2).
/// </summary>
internal static class SsePeeker
{
    /// <summary>A first event larger than this is relayed without judging it.</summary>
    public const int Limit = 64 * 1024;

    private const int ReadSize = 4096;

    public static async ValueTask<(AttemptFailure Result, PooledBuffer? Peeked)> PeekAsync(Stream input, CancellationToken token, CancellationToken clientAborted)
    {
        var buffer = new PooledBuffer(ReadSize);
        try
        {
            while (buffer.Length < Limit)
            {
                var free = buffer.GetFreeMemory(ReadSize);
                var read = await input.ReadAsync(free[..Math.Min(free.Length, Limit - buffer.Length)], token).ConfigureAwait(false);
                if (read == 0)
                {
                    if (buffer.Length == 0)
                    {
                        buffer.Dispose();
                        return (AttemptFailure.BodyFailed, null);
                    }
                    return Judge(buffer, complete: true);
                }
                buffer.Advance(read);
                var verdict = Judge(buffer, complete: false);
                if (verdict.Result != AttemptFailure.None || verdict.Peeked is not null)
                {
                    return verdict;
                }
            }
            return (AttemptFailure.None, buffer);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            buffer.Dispose();
            if (clientAborted.IsCancellationRequested) return (AttemptFailure.ClientAborted, null);
            return (ex is OperationCanceledException ? AttemptFailure.Timeout : AttemptFailure.BodyFailed, null);
        }
    }

    /// <summary>(Relay, null) means "need more bytes".</summary>
    private static (AttemptFailure Result, PooledBuffer? Peeked) Judge(PooledBuffer buffer, bool complete) =>
        SseFirstEvent.Inspect(buffer.Span, complete) switch
        {
            SseFirstEventKind.Error => (AttemptFailure.ErrorEvent, buffer),
            SseFirstEventKind.Data => (AttemptFailure.None, buffer),
            _ => (AttemptFailure.None, null),
        };
}
