using System.Buffers;
using Gateway.Runtime.Attempts;
using Gateway.Runtime.Buffers;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Relay;

/// <summary>
/// Relays the answer of a provider that speaks another format than the caller (SPEC §9), translated:
/// 1. A 2xx event stream: event by event through <see cref="StreamTranslator"/>, each translated event
///    flushed as it is made (T1); an upstream failure after the first byte ends the caller's stream with
///    its format's error event (T4); before the first byte another attempt may still run (R10).
/// 2. A 2xx JSON body: read whole (bounded), translated through the canonical response, sent with its length.
/// 3. Any other status: the error body in the caller's envelope, with the status its SDK expects.
/// Upstream headers other than content and hop-by-hop ones are relayed (request ids, rate-limit hints).
/// </summary>
internal sealed class TranslatingRelay(ILogger logger, TimeProvider time)
{
    /// <summary>A non-streaming chat answer larger than this is not read (R20); a real one is kilobytes.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    private const int ReadSize = 16 * 1024;

    public async Task<AttemptFailure> RelayAsync(HttpContext context, HttpResponseMessage upstream, RelayInfo info, CancellationTokenSource cancellation, Stream? peekedBody, ReadOnlyMemory<byte> peeked)
    {
        var status = (int)upstream.StatusCode;
        var providerFormat = ProviderFormat.Of(info.Call.Provider);
        var callerFormat = info.CallerFormat;
        var response = context.Response;
        response.StatusCode = status;
        var connection = upstream.Headers.NonValidated.TryGetValues("Connection", out var tokens) ? ResponseRelay.ToStringValues(tokens) : default;
        ResponseRelay.CopyHeaders(upstream.Headers, response.Headers, connection);
        ResponseRelay.AddGatewayHeaders(response.Headers, info);
        if (info.Responses is { DroppedTools.Count: > 0 } responses)
        {
            // SPEC §10: the hosted tools this provider cannot run were left out; say which, so it is not silent.
            response.Headers["x-gateway-dropped-tools"] = string.Join(",", responses.DroppedTools);
        }
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // Usage is read from what the provider sent, in its format (telemetry, key counting): a translated
        // answer may carry none (an OpenAI caller that did not ask for the usage chunk), and a client that
        // left after the usage arrived still used those tokens (A3).
        info.Usage?.Reset();

        if (status is >= 200 and < 300 && info.EventStream)
        {
            return await RelayStreamAsync(context, upstream, info, providerFormat, callerFormat, cancellation, peekedBody, peeked).ConfigureAwait(false);
        }

        // 2 and 3: the whole body, within the attempt's idle timeout.
        using var body = new PooledBuffer(4096);
        try
        {
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(info.Call.TimeoutMs));
            var input = peekedBody ?? await upstream.Content.ReadAsStreamAsync(cancellation.Token).ConfigureAwait(false);
            body.Write(peeked.Span);
            while (true)
            {
                var read = await input.ReadAsync(body.GetFreeMemory(8192), cancellation.Token).ConfigureAwait(false);
                if (read == 0) break;
                body.Advance(read);
                if (body.Length > MaxBodyBytes) return Fail(context);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            response.Clear();
            if (context.RequestAborted.IsCancellationRequested) return AttemptFailure.ClientAborted;
            return ex is OperationCanceledException ? AttemptFailure.Timeout : AttemptFailure.BodyFailed;
        }
        finally
        {
            cancellation.CancelAfter(Timeout.InfiniteTimeSpan);
        }

        using var output = new PooledBuffer(body.Length + 512);
        if (status is >= 200 and < 300)
        {
            info.Usage?.Observe(body.Span);
            var result = ResponseTranslation.Translate(providerFormat, body.Memory, callerFormat, output, time.GetUtcNow(), info.Responses);
            if (!result.IsSuccess)
            {
                GatewayLog.TranslationFailed(logger, info.RouteName, info.Call.Provider.Id, result.Message ?? result.Error.ToString());
                return Fail(context);
            }
        }
        else
        {
            response.StatusCode = ResponseTranslation.TranslateError(status, body.Span, callerFormat, output);
        }
        response.ContentType = "application/json";
        response.ContentLength = output.Length;
        try
        {
            await response.Body.WriteAsync(output.Memory, context.RequestAborted).ConfigureAwait(false);
            return AttemptFailure.None;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            return AttemptFailure.ClientAborted;
        }
    }

    private async Task<AttemptFailure> RelayStreamAsync(HttpContext context, HttpResponseMessage upstream, RelayInfo info, WireFormat providerFormat, WireFormat callerFormat,
        CancellationTokenSource cancellation, Stream? peekedBody, ReadOnlyMemory<byte> peeked)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        using var translator = new StreamTranslator(providerFormat, callerFormat, info.CallerAskedForUsage, time.GetUtcNow(), info.Responses);
        using var output = new PooledBuffer(4096);
        var idle = TimeSpan.FromMilliseconds(info.Call.TimeoutMs);
        var started = false;
        Stream input;
        try
        {
            input = peekedBody ?? await upstream.Content.ReadAsStreamAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            response.Clear();
            return context.RequestAborted.IsCancellationRequested ? AttemptFailure.ClientAborted : AttemptFailure.BodyFailed;
        }
        using var events = new SseDataParser();
        events.Append(peeked.Span);
        info.Usage?.Observe(peeked.Span);
        var chunk = ArrayPool<byte>.Shared.Rent(ReadSize);
        ChatError? failure = null;
        var timedOut = false;
        var ended = false;
        try
        {
            while (!translator.IsClosed)
            {
                var status = events.TryRead(out var data);
                if (status == SseParseStatus.TooLarge)
                {
                    failure = StreamError(ChatErrorKind.Server, "The upstream stream sent an event larger than the gateway translates.");
                    break;
                }
                if (status == SseParseStatus.Event)
                {
                    var result = translator.Translate(data, output);
                    if (!result.IsSuccess)
                    {
                        GatewayLog.TranslationFailed(logger, info.RouteName, info.Call.Provider.Id, result.Message ?? result.Error.ToString());
                        failure = StreamError(ChatErrorKind.Server, "The upstream stream could not be translated.");
                        break;
                    }
                    if (output.Length > 0)
                    {
                        // T1: each translated event leaves as soon as it is made.
                        if (!await TryWriteAsync(context, output).ConfigureAwait(false)) return AttemptFailure.ClientAborted;
                        started = true;
                    }
                    continue;
                }
                if (ended)
                {
                    if (!translator.TryComplete(output))
                    {
                        failure = StreamError(ChatErrorKind.Server, "The upstream stream ended before the answer was complete.");
                    }
                    break;
                }
                try
                {
                    cancellation.CancelAfter(idle);
                    var read = await input.ReadAsync(chunk, cancellation.Token).ConfigureAwait(false);
                    if (read == 0) ended = true;
                    else
                    {
                        events.Append(chunk.AsSpan(0, read));
                        info.Usage?.Observe(chunk.AsSpan(0, read));
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
                {
                    if (context.RequestAborted.IsCancellationRequested) return AttemptFailure.ClientAborted;
                    timedOut = ex is OperationCanceledException;
                    failure = timedOut
                        ? StreamError(ChatErrorKind.Timeout, "The upstream stream stalled longer than the timeout.")
                        : StreamError(ChatErrorKind.Server, "The upstream stream failed before it completed.");
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        cancellation.CancelAfter(Timeout.InfiniteTimeSpan);

        if (failure is { } error)
        {
            if (!started)
            {
                // Nothing reached the caller: this attempt's headers are forgotten and another may run (R10).
                response.Clear();
                return timedOut ? AttemptFailure.Timeout : AttemptFailure.BodyFailed;
            }
            GatewayLog.StreamFailed(logger, info.RouteName, info.Call.Provider.Id, timedOut ? AttemptFailure.Timeout : AttemptFailure.BodyFailed);
            translator.WriteError(output, error);
            await TryWriteAsync(context, output).ConfigureAwait(false);
            return AttemptFailure.StreamBroken;
        }
        if (output.Length > 0 && !await TryWriteAsync(context, output).ConfigureAwait(false)) return AttemptFailure.ClientAborted;
        return AttemptFailure.None;
    }

    private static ChatError StreamError(ChatErrorKind kind, string message) => new(kind, message, Code: "upstream_stream_error");

    /// <summary>Writes and flushes what the translator produced, then empties the buffer for the next event.</summary>
    private static async ValueTask<bool> TryWriteAsync(HttpContext context, PooledBuffer output)
    {
        try
        {
            await context.Response.Body.WriteAsync(output.Memory, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            output.Clear();
        }
    }

    /// <summary>A 2xx answer that is not valid for its format: the caller gets 502 in its own envelope.</summary>
    private static AttemptFailure Fail(HttpContext context)
    {
        context.Response.Clear();
        return AttemptFailure.BodyFailed;
    }
}
