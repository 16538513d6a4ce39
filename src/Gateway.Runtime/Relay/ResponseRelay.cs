using System.Runtime.CompilerServices;
using Gateway.Runtime.Attempts;
using Gateway.Runtime.Model;
using Gateway.Runtime.Telemetry;
using Gateway.Runtime.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Relay;

/// <summary>Relays an upstream response: status, filtered headers, gateway headers, then the body as it arrives.</summary>
internal sealed class ResponseRelay(ILogger<ResponseRelay> logger)
{
    /// <summary>
    /// 1. Status and headers (hop-by-hop, Location, Set-Cookie, credentials dropped: H1, H5).
    /// 2. Server-sent events get <c>Cache-Control: no-cache</c>, <c>X-Accel-Buffering: no</c>, no
    ///    Content-Length, and the headers are flushed at once so the client sees the stream start (T1).
    /// 3. The peeked bytes (R11) are written first, then the body is copied with response buffering
    ///    disabled, flushing per read when streaming.
    /// 4. An upstream failure after the first byte ends a stream with one error event and no [DONE] (T4);
    ///    a non-stream response is aborted so it cannot look complete. Before any byte the response is
    ///    cleared (no header of the failed attempt leaks) and the caller decides: another attempt or an error.
    /// 5. A write the client does not take within the attempt timeout (it stopped reading) aborts its
    ///    connection; returning lets the caller dispose, and so release, the upstream response (R03).
    /// 6. At the drain deadline a stream still running is ended like an upstream failure: the upstream read is
    ///    cancelled, the error event written and the response completed, so the caller sees a clean end, not a
    ///    reset (T4). Other responses are left to the server's stop.
    /// </summary>
    public async Task<AttemptFailure> RelayAsync(HttpContext context, HttpResponseMessage upstream, RelayInfo info, CancellationTokenSource cancellation, Stream? peekedBody = null, ReadOnlyMemory<byte> peeked = default)
    {
        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        // NonValidated: no parsing, and nothing allocated when (as usual) there is no Connection header.
        var connection = upstream.Headers.NonValidated.TryGetValues("Connection", out var tokens) ? ToStringValues(tokens) : default;
        CopyHeaders(upstream.Headers, response.Headers, connection);
        CopyHeaders(upstream.Content.Headers, response.Headers, connection);
        AddGatewayHeaders(response.Headers, info);

        var sse = info.EventStream;
        if (sse)
        {
            response.Headers.ContentLength = null;
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
        }
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Usage is in JSON bodies and event streams only (not in audio, say). Its ring holds the last bytes
        // too, so a separate SSE tail is kept only for a stream nobody reads usage from.
        var usage = info.Usage is { } capture && (sse || IsJson(upstream)) ? capture : null;
        var tail = sse && usage is null ? new StrongBox<SseTail>() : null;
        AttemptFailure result;
        // 6. Cancelling the attempt's source cancels the pending upstream read (an already ended drain runs this at once).
        using var ending = sse && info.StreamsEnding.CanBeCanceled
            ? info.StreamsEnding.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), cancellation)
            : default;
        try
        {
            // SSE starts at once (T1): the copier flushes the headers before it first waits for the upstream,
            // or sends them with the first event when that is already there.
            var body = peekedBody ?? await upstream.Content.ReadAsStreamAsync(cancellation.Token).ConfigureAwait(false);
            var length = upstream.Content.Headers.ContentLength;
            var flush = sse || length is null;
            usage?.Reset();
            using var hidden = sse && info.HidesUsageChunk ? new UsageChunkFilter(response.Body) : null;
            result = await StreamCopier.CopyAsync(body, hidden ?? response.Body, cancellation, TimeSpan.FromMilliseconds(info.Call.TimeoutMs), flush, context.RequestAborted, tail, peeked,
                StreamCopier.BufferSizeFor(sse ? null : length), startOutput: sse, usage).ConfigureAwait(false);
            if (hidden is not null && result == AttemptFailure.None)
            {
                await hidden.CompleteAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            result = context.RequestAborted.IsCancellationRequested ? AttemptFailure.ClientAborted : AttemptFailure.BodyFailed;
        }

        switch (result)
        {
            case AttemptFailure.None:
            case AttemptFailure.ClientAborted:
                return result;
            case AttemptFailure.ClientStalled:
                // 5. The cancelled write may already have aborted it; Abort says so whatever the server did.
                GatewayLog.ClientWriteStalled(logger, info.RouteName, info.Call.Provider.Id, info.Call.TimeoutMs);
                context.Abort();
                return AttemptFailure.ClientAborted;
        }
        var drained = sse && info.StreamsEnding.IsCancellationRequested;

        if (!response.HasStarted)
        {
            // Nothing reached the client: forget this attempt's status and headers (R10 allows a fallback).
            response.Clear();
            return result; // Timeout or BodyFailed
        }
        if (drained)
        {
            GatewayLog.StreamEndedByDrain(logger, info.RouteName, info.Call.Provider.Id);
        }
        else
        {
            GatewayLog.StreamFailed(logger, info.RouteName, info.Call.Provider.Id, result);
        }
        if (!sse)
        {
            context.Abort();
            return AttemptFailure.StreamBroken;
        }
        // The attempt's source has fired (a timeout or the drain); this write has its own bound (R03).
        using var writeBound = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        writeBound.CancelAfter(TimeSpan.FromMilliseconds(info.Call.TimeoutMs));
        try
        {
            if (!(usage?.AtEventBoundary ?? tail!.Value.AtEventBoundary))
            {
                await response.Body.WriteAsync(SseErrorEvent.EventTerminator.ToArray(), writeBound.Token).ConfigureAwait(false);
            }
            var errorEvent = SseErrorEvent.For(info.CallerFormat, drained, result == AttemptFailure.Timeout);
            await response.Body.WriteAsync(errorEvent, writeBound.Token).ConfigureAwait(false);
            await response.Body.FlushAsync(writeBound.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client left too, or stopped reading (then the cancelled write aborted it); nothing more to say.
        }
        return AttemptFailure.StreamBroken;
    }

    /// <summary><c>Content-Type: text/event-stream</c> (any parameters, any case).</summary>
    public static bool IsEventStream(HttpResponseMessage upstream) =>
        string.Equals(upstream.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A JSON body (<c>application/json</c>, <c>…+json</c>)? Read from the raw header: the typed
    /// <c>ContentType</c> would parse it into objects on every request that reads usage.
    /// </summary>
    private static bool IsJson(HttpResponseMessage upstream)
    {
        if (!upstream.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values))
        {
            return false;
        }
        foreach (var value in values)
        {
            var type = value.AsSpan();
            var semicolon = type.IndexOf(';');
            return (semicolon < 0 ? type : type[..semicolon]).Trim().EndsWith("json", StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }

    internal static void CopyHeaders(System.Net.Http.Headers.HttpHeaders source, IHeaderDictionary destination, Microsoft.Extensions.Primitives.StringValues connection)
    {
        foreach (var header in source.NonValidated)
        {
            if (!HeaderPolicy.ForwardResponseHeader(header.Key, connection))
            {
                continue;
            }
            destination[header.Key] = ToStringValues(header.Value);
        }
    }

    internal static Microsoft.Extensions.Primitives.StringValues ToStringValues(System.Net.Http.Headers.HeaderStringValues values) =>
        values.Count == 1 ? new Microsoft.Extensions.Primitives.StringValues(values.ToString()) : new Microsoft.Extensions.Primitives.StringValues(values.ToArray());

    internal static void AddGatewayHeaders(IHeaderDictionary headers, in RelayInfo info)
    {
        headers["x-gateway-route"] = info.RouteName;
        headers["x-gateway-provider"] = info.Call.Provider.Id;
        if (info.Call.Target is { } target)
        {
            headers["x-gateway-target"] = target.Name;
            if (info.Variant) headers["x-gateway-variant"] = target.Name;
        }
        if (info.Route?.Kind == RouteKind.Function)
        {
            headers["x-gateway-function"] = info.Route.Name;
        }
    }
}
