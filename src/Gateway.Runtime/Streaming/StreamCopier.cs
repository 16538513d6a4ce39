using System.Runtime.CompilerServices;
using System.Buffers;

namespace Gateway.Runtime.Streaming;

/// <summary>
/// Relays an upstream response body to the client as it arrives (modelled on YARP's StreamCopier):
/// a zero-byte read first so no buffer is held while the upstream is silent, a pooled buffer per
/// chunk, a flush per read when streaming, and an idle timeout that restarts before every read.
/// Bytes are never inspected or re-framed, so a 20 MiB line costs one buffer, not 20 MiB (R20).
/// </summary>
internal static class StreamCopier
{
    private const int BufferSize = 64 * 1024;

    /// <param name="input">Upstream body.</param>
    /// <param name="output">Client body.</param>
    /// <param name="idle">Cancels reads; restarted with <paramref name="idleTimeout"/> before each read. Linked to client abort.</param>
    /// <param name="idleTimeout">Longest silence allowed between upstream chunks.</param>
    /// <param name="flush">Flush after every chunk (streams, unknown length).</param>
    /// <param name="clientAborted">Cancels writes.</param>
    /// <param name="tail">Receives the last bytes written (SSE event boundary tracking).</param>
    /// <param name="prefix">Bytes already read from <paramref name="input"/> (the R11 peek), written first.</param>
    public static async ValueTask<StreamCopyResult> CopyAsync(
        Stream input, Stream output, CancellationTokenSource idle, TimeSpan idleTimeout, bool flush,
        CancellationToken clientAborted, StrongBox<SseTail> tail, ReadOnlyMemory<byte> prefix = default)
    {
        if (!prefix.IsEmpty)
        {
            try
            {
                await output.WriteAsync(prefix, clientAborted).ConfigureAwait(false);
                tail.Value.Append(prefix.Span);
                if (flush)
                {
                    await output.FlushAsync(clientAborted).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                return StreamCopyResult.OutputError;
            }
        }
        while (true)
        {
            byte[]? buffer = null;
            int read;
            try
            {
                idle.CancelAfter(idleTimeout);
                // Wait for data without holding a buffer: idle SSE streams cost no memory.
                await input.ReadAsync(Memory<byte>.Empty, idle.Token).ConfigureAwait(false);
                buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                read = await input.ReadAsync(buffer.AsMemory(), idle.Token).ConfigureAwait(false);
                // A slow client write must not count as upstream silence, and a fired CTS cannot be re-armed.
                idle.CancelAfter(Timeout.InfiniteTimeSpan);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
            {
                Return(buffer);
                if (clientAborted.IsCancellationRequested) return StreamCopyResult.OutputError;
                return ex is OperationCanceledException ? StreamCopyResult.InputTimeout : StreamCopyResult.InputError;
            }

            if (read == 0)
            {
                Return(buffer);
                return StreamCopyResult.Success;
            }

            try
            {
                await output.WriteAsync(buffer.AsMemory(0, read), clientAborted).ConfigureAwait(false);
                tail.Value.Append(buffer.AsSpan(0, read));
                if (flush)
                {
                    await output.FlushAsync(clientAborted).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                return StreamCopyResult.OutputError;
            }
            finally
            {
                Return(buffer);
            }
        }
    }

    private static void Return(byte[]? buffer)
    {
        if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
    }
}
