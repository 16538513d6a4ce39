using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Gateway.Runtime.Attempts;

namespace Gateway.Runtime.Relay;

/// <summary>
/// Relays an upstream response body to the client as it arrives (modelled on YARP's StreamCopier):
/// a zero-byte read first so no buffer is held while the upstream is silent, a pooled buffer per
/// chunk, a flush per read when streaming, and an idle timeout that restarts before every read.
/// Bytes are never inspected or re-framed, so a 20 MiB line costs one buffer, not 20 MiB (R20).
/// The same timeout bounds every write to the client (R03): a caller that stops reading cannot hold the
/// stream and its upstream connection. Kestrel's minimum response data rate does not cover this: each byte
/// the socket buffers accepted earns the connection credit, so after a fast start it waits for many minutes.
/// </summary>
internal static class StreamCopier
{
    /// <summary>The largest buffer rented per read (YARP's size).</summary>
    public const int MaxBufferSize = 64 * 1024;

    /// <summary>Timers run on a coarse clock (a few ms on Linux) and may fire that much before the stopwatch agrees.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(16);

    /// <summary>
    /// The buffer for a body of <paramref name="contentLength"/> bytes: a small response (the common
    /// non-streaming completion is a few hundred bytes) rents a small array instead of 64 KiB per request.
    /// </summary>
    public static int BufferSizeFor(long? contentLength) =>
        contentLength is { } length && length < MaxBufferSize ? (int)Math.Max(length, 256) : MaxBufferSize;

    /// <param name="input">Upstream body.</param>
    /// <param name="output">Client body.</param>
    /// <param name="idle">Cancels reads; restarted with <paramref name="idleTimeout"/> before each read. Linked to client abort.</param>
    /// <param name="idleTimeout">Longest silence allowed between upstream chunks, and longest a write to the client may take.</param>
    /// <param name="flush">Flush after every chunk (streams, unknown length).</param>
    /// <param name="clientAborted">The client went away (tells a client abort from a timeout).</param>
    /// <param name="tail">Receives the last bytes written (SSE event boundary tracking), unless null: <paramref name="usage"/> keeps them then.</param>
    /// <param name="prefix">Bytes already read from <paramref name="input"/> (the R11 peek), written first.</param>
    /// <param name="bufferSize">Size of the array rented per read (<see cref="BufferSizeFor"/>).</param>
    /// <param name="usage">Sees every byte written, when telemetry reports usage (<see cref="ResponseUsageCapture"/>).</param>
    /// <param name="startOutput">
    /// The response must start at once (SSE, T1): flush <paramref name="output"/> (which sends the response
    /// headers) before the first read that has to wait, and before returning if nothing was written. When
    /// the first bytes are already there they go out with the headers in one write: no separate
    /// header packet ahead of the first event (time to first event).
    /// </param>
    public static async ValueTask<AttemptFailure> CopyAsync(
        Stream input, Stream output, CancellationTokenSource idle, TimeSpan idleTimeout, bool flush,
        CancellationToken clientAborted, StrongBox<SseTail>? tail, ReadOnlyMemory<byte> prefix = default, int bufferSize = MaxBufferSize,
        bool startOutput = false, ResponseUsageCapture? usage = null)
    {
        if (!prefix.IsEmpty)
        {
            if (await WriteAsync(output, prefix, flush, idle, idleTimeout, clientAborted).ConfigureAwait(false) is { } failed)
            {
                return failed;
            }
            tail?.Value.Append(prefix.Span);
            usage?.Observe(prefix.Span);
            startOutput = false; // the write started the response
        }
        while (true)
        {
            byte[]? buffer = null;
            int read;
            AttemptFailure? inputFailure = null;
            try
            {
                idle.CancelAfter(idleTimeout);
                // Wait for data without holding a buffer: idle SSE streams cost no memory.
                var waiting = input.ReadAsync(Memory<byte>.Empty, idle.Token);
                if (startOutput && !waiting.IsCompleted)
                {
                    startOutput = false;
                    // Bounded by the read's timer (the same timeout): a caller that takes no bytes at all.
                    if (!await TryFlushAsync(output, idle.Token).ConfigureAwait(false))
                    {
                        await AbandonAsync(waiting, idle).ConfigureAwait(false);
                        return AttemptFailure.ClientAborted;
                    }
                }
                await waiting.ConfigureAwait(false);
                buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
                var reading = input.ReadAsync(buffer.AsMemory(), idle.Token);
                if (startOutput && !reading.IsCompleted)
                {
                    startOutput = false;
                    if (!await TryFlushAsync(output, idle.Token).ConfigureAwait(false))
                    {
                        await AbandonAsync(reading, idle).ConfigureAwait(false);
                        Return(buffer);
                        return AttemptFailure.ClientAborted;
                    }
                }
                read = await reading.ConfigureAwait(false);
                // A slow client write must not count as upstream silence, and a fired CTS cannot be re-armed.
                idle.CancelAfter(Timeout.InfiniteTimeSpan);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
            {
                Return(buffer);
                buffer = null;
                read = 0;
                inputFailure = clientAborted.IsCancellationRequested ? AttemptFailure.ClientAborted
                    : ex is OperationCanceledException ? AttemptFailure.Timeout : AttemptFailure.BodyFailed;
            }

            if (read == 0)
            {
                Return(buffer);
                // Nothing written yet: the response still starts here (an empty stream, or headers then an error event).
                if (startOutput && inputFailure != AttemptFailure.ClientAborted && !await TryFlushAsync(output, clientAborted).ConfigureAwait(false))
                {
                    return AttemptFailure.ClientAborted;
                }
                return inputFailure ?? AttemptFailure.None;
            }
            startOutput = false;

            try
            {
                // Before the write: tokens the upstream reported were used even if the client has gone (A3).
                usage?.Observe(buffer.AsSpan(0, read));
                if (await WriteAsync(output, buffer.AsMemory(0, read), flush, idle, idleTimeout, clientAborted).ConfigureAwait(false) is { } failed)
                {
                    return failed;
                }
                tail?.Value.Append(buffer.AsSpan(0, read));
            }
            finally
            {
                Return(buffer);
            }
        }
    }

    /// <summary>
    /// One bounded write (R03), or the failure: <see cref="AttemptFailure.ClientStalled"/> when the client took
    /// nothing for <paramref name="timeout"/>. Between reads the idle source is disarmed, so it times the write
    /// too: no second timer per stream. It is linked to the client abort, which still wins the classification.
    /// </summary>
    private static async ValueTask<AttemptFailure?> WriteAsync(
        Stream output, ReadOnlyMemory<byte> data, bool flush, CancellationTokenSource idle, TimeSpan timeout, CancellationToken clientAborted)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            idle.CancelAfter(timeout);
            await output.WriteAsync(data, idle.Token).ConfigureAwait(false);
            if (flush)
            {
                await output.FlushAsync(idle.Token).ConfigureAwait(false);
            }
            idle.CancelAfter(Timeout.InfiniteTimeSpan);
            return null;
        }
        // Kestrel aborts the connection when a write is cancelled, so RequestAborted may be set by the time this
        // runs: the elapsed time, not the client token, says whether the bound fired.
        catch (OperationCanceledException) when (!clientAborted.IsCancellationRequested || Stopwatch.GetElapsedTime(started) >= timeout - TimerSlack)
        {
            return AttemptFailure.ClientStalled;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            return AttemptFailure.ClientAborted;
        }
    }

    private static async ValueTask<bool> TryFlushAsync(Stream output, CancellationToken clientAborted)
    {
        try
        {
            await output.FlushAsync(clientAborted).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>The client is gone: cancel a pending upstream read and observe its outcome.</summary>
    private static async ValueTask AbandonAsync(ValueTask<int> pending, CancellationTokenSource idle)
    {
        await idle.CancelAsync().ConfigureAwait(false);
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // Expected: the read was cancelled.
        }
    }

    private static void Return(byte[]? buffer)
    {
        if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
    }
}
