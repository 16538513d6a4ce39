using Gateway.Runtime.Attempts;
using Gateway.Runtime.Buffers;
using Gateway.Runtime.Errors;
using Gateway.Runtime.Model;
using Gateway.Runtime.Relay;
using Gateway.Runtime.Telemetry;
using Gateway.Runtime.Upstream;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// Steps 5–6 of <see cref="GatewayForwarder.ForwardAsync"/>: tries the attempts an <see cref="AttemptCursor"/>
/// hands out until one response can be returned. Hand-written rather than Polly; the measurement and the
/// reasons are on <see cref="AttemptPlanner"/>.
/// </summary>
internal sealed class AttemptLoop(GatewayRuntime runtime, ResponseRelay relay, ILogger logger)
{
    private readonly TranslatingRelay _translatingRelay = new(logger, runtime.TimeProvider);

    /// <summary>
    /// Per attempt:
    /// 1. Never start one for a client that left (R08), or past the deadline (R12).
    /// 2. Send with this target's own credential, URL and body (S3), its timeout clamped to the deadline;
    ///    a client abort cancels the upstream call at once through the linked token (R06).
    /// 3. Classify: connect failure, timeout before headers, 429/500/502/503/504/529 move on (R09);
    ///    3xx → 502, managed 401/403 → 502 <c>upstream_auth_failed</c>; anything else is returned as is.
    /// 4. A 2xx <c>text/event-stream</c> that could still fall back is peeked until its first event: an
    ///    in-band error moves on (R11), otherwise the peeked bytes are replayed first.
    /// 5. Relay. A body that fails before its first byte reached the client may still move on; after
    ///    that, never (R10).
    /// 6. On a failure, <see cref="AttemptPlanner.TryScheduleNext"/> picks the next attempt and its delay.
    ///    None left: the last upstream response is relayed as is, or 502/504 when there is none.
    /// A failed attempt's response is disposed before the next one starts, its headers never copied (S3).
    /// </summary>
    public async Task RunAsync(ForwardRequest request, AttemptCursor cursor, RequestDeadline deadline, UpstreamCall passthrough)
    {
        var context = request.Context;
        var route = request.Route;
        var routeName = request.RouteName!;
        var attempt = cursor.Start();
        while (true)
        {
            // 1.
            if (context.RequestAborted.IsCancellationRequested)
            {
                request.ClientAborted = true;
                return;
            }
            var call = route is null ? passthrough : ManagedCall(attempt.Target!);
            request.Call = call;

            // 2. The body this target reads: the caller's bytes (rewritten for its model), or translated into
            // its provider's format (SPEC §9). A field that format cannot honour is the caller's 400.
            var translated = request.NeedsTranslation(call.Provider);
            ReadOnlyMemory<byte> body;
            if (translated)
            {
                var translation = request.TranslatedBodyFor(call, out body);
                if (!translation.IsSuccess)
                {
                    var refused = translation.Error == Formats.FormatError.InvalidRequest ? GatewayError.InvalidRequest : GatewayError.UnsupportedParameter;
                    GatewayLog.Rejected(logger, GatewayErrors.Code(refused));
                    await ErrorResponseWriter.WriteAsync(context, refused, translation.Message, translation.Param).ConfigureAwait(false);
                    return;
                }
            }
            else
            {
                body = request.BodyFor(call.Model, call.Target?.Overrides);
            }
            request.Attempts++;

            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            var (failure, response) = await SendAsync(request, call, body, translated, deadline.Clamp(call.TimeoutMs), cancellation).ConfigureAwait(false);
            PooledBuffer? peeked = null;
            try
            {
                var status = 0;
                TimeSpan? retryAfter = null;
                Stream? peekedBody = null;
                var relayable = response is not null;
                // Read once: the SSE peek below and the relay both depend on it.
                var eventStream = response is not null && ResponseRelay.IsEventStream(response);
                if (failure == AttemptFailure.ClientAborted)
                {
                    request.ClientAborted = true;
                    return;
                }

                // 3.
                if (response is not null)
                {
                    status = (int)response.StatusCode;
                    if (FramingFault(response, status) is { } fault)
                    {
                        // H7: never relayed (a 101's content is the raw upstream connection); another
                        // attempt may still answer properly, and with none left it is 502 upstream_error.
                        GatewayLog.FramingFault(logger, routeName, call.Provider.Id, status, fault);
                        failure = AttemptFailure.FramingFault;
                        relayable = false;
                    }
                    else if (status is >= 300 and < 400)
                    {
                        // S5: a redirect would send the request (and our key) elsewhere.
                        GatewayLog.RedirectRefused(logger, routeName, call.Provider.Id, status);
                        await ErrorResponseWriter.WriteAsync(context, GatewayError.UpstreamError).ConfigureAwait(false);
                        return;
                    }
                    if (call.Managed && status is 401 or 403)
                    {
                        // SPEC §6: the caller's request was fine, our key is not; the body may echo the key.
                        GatewayLog.UpstreamAuthFailed(logger, routeName, call.Provider.Id, status);
                        await ErrorResponseWriter.WriteAsync(context, GatewayError.UpstreamAuthFailed).ConfigureAwait(false);
                        return;
                    }
                    if (AttemptPlanner.IsRetryableStatus(status))
                    {
                        failure = AttemptFailure.RetryableStatus;
                        retryAfter = RetryAfter(response);
                    }
                    else if (status is >= 200 and < 300 && eventStream && CanMoveOn(cursor, deadline))
                    {
                        // 4. Bounded by the attempt's own timeout (not the deadline: this attempt has its headers).
                        cancellation.CancelAfter(TimeSpan.FromMilliseconds(call.TimeoutMs));
                        AttemptFailure peek;
                        try
                        {
                            peekedBody = await response.Content.ReadAsStreamAsync(cancellation.Token).ConfigureAwait(false);
                            (peek, peeked) = await SsePeeker.PeekAsync(peekedBody, cancellation.Token, context.RequestAborted).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
                        {
                            peek = context.RequestAborted.IsCancellationRequested ? AttemptFailure.ClientAborted : AttemptFailure.BodyFailed;
                        }
                        cancellation.CancelAfter(Timeout.InfiniteTimeSpan);
                        switch (peek)
                        {
                            case AttemptFailure.None:
                                break;
                            case AttemptFailure.ClientAborted:
                                request.ClientAborted = true;
                                return;
                            case AttemptFailure.ErrorEvent:
                                failure = peek; // still relayable as is, from the peeked bytes
                                break;
                            default: // Timeout, BodyFailed (an empty stream too)
                                failure = peek;
                                relayable = false;
                                break;
                        }
                    }
                }

                // 5.
                if (failure == AttemptFailure.None)
                {
                    var info = RelayInfoFor(request, call, attempt, translated, eventStream);
                    var result = translated
                        ? await _translatingRelay.RelayAsync(context, response!, info, cancellation, peekedBody, peeked?.Memory ?? default).ConfigureAwait(false)
                        : await relay.RelayAsync(context, response!, info, cancellation, peekedBody, peeked?.Memory ?? default).ConfigureAwait(false);
                    switch (result)
                    {
                        case AttemptFailure.ClientAborted:
                            request.ClientAborted = true;
                            return;
                        case AttemptFailure.BodyFailed or AttemptFailure.Timeout:
                            failure = result; // before the first byte reached the client (R10)
                            break;
                        default: // None, or StreamBroken: ended with the error event, no fallback
                            return;
                    }
                    relayable = false;
                }

                // 6.
                if (AttemptPlanner.TryScheduleNext(ref cursor, retryAfter, route?.Retry ?? default, runtime.Random, deadline.Remaining, out var next, out var delay))
                {
                    RequestTelemetry.Retrying(logger, request, call, attempt, next, failure, status, delay);
                    response?.Dispose();
                    response = null;
                    if (delay > TimeSpan.Zero)
                    {
                        try
                        {
                            await Task.Delay(delay, runtime.TimeProvider, context.RequestAborted).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            request.ClientAborted = true;
                            return;
                        }
                    }
                    attempt = next;
                    continue;
                }

                GatewayLog.AttemptsExhausted(logger, routeName, request.Attempts, call.Provider.Id, call.Target?.Name ?? routeName, failure, status);
                if (relayable)
                {
                    // The last error is the upstream's own (its status and body, or its error event).
                    var info = RelayInfoFor(request, call, attempt, translated, eventStream);
                    var last = translated
                        ? await _translatingRelay.RelayAsync(context, response!, info, cancellation, peekedBody, peeked?.Memory ?? default).ConfigureAwait(false)
                        : await relay.RelayAsync(context, response!, info, cancellation, peekedBody, peeked?.Memory ?? default).ConfigureAwait(false);
                    if (last is AttemptFailure.ClientAborted)
                    {
                        request.ClientAborted = true;
                    }
                    else if (last is AttemptFailure.BodyFailed or AttemptFailure.Timeout)
                    {
                        await ErrorResponseWriter.WriteAsync(context, last == AttemptFailure.Timeout ? GatewayError.UpstreamTimeout : GatewayError.UpstreamError).ConfigureAwait(false);
                    }
                    return;
                }
                await ErrorResponseWriter.WriteAsync(context, failure == AttemptFailure.Timeout ? GatewayError.UpstreamTimeout : GatewayError.UpstreamError).ConfigureAwait(false);
                return;
            }
            finally
            {
                response?.Dispose();
                peeked?.Dispose();
            }
        }
    }

    /// <summary>
    /// Why response headers cannot be relayed, or null (H7). SocketsHttpHandler consumes 100 and 103 itself;
    /// any other 1xx reaching here was not asked for (the gateway never sends <c>Upgrade</c>). Both framing
    /// fields present: the handler let Transfer-Encoding win, but RFC 9112 §6.3 calls the message a likely
    /// smuggling attempt and an intermediary must not pass the Content-Length on; refusing is the safe reading.
    /// </summary>
    internal static string? FramingFault(HttpResponseMessage response, int status)
    {
        if (status < 200)
        {
            return "unsolicited 1xx";
        }
        if (response.Headers.NonValidated.Contains("Transfer-Encoding") && response.Content.Headers.NonValidated.Contains("Content-Length"))
        {
            return "Content-Length with Transfer-Encoding";
        }
        return null;
    }

    private RelayInfo RelayInfoFor(ForwardRequest request, UpstreamCall call, PlannedAttempt attempt, bool translated, bool eventStream) =>
        new(request.RouteName!, request.Route, call, eventStream, attempt.Variant, request.UsageCapture(), runtime.StreamsEnding, request.AddsUsageChunk && !translated,
            request.Format, request.CanonicalIncludeUsage, request.ResponsesInfo);

    /// <summary>Whether another attempt could follow this one (a copy of the cursor is advanced, not the cursor).</summary>
    private static bool CanMoveOn(AttemptCursor cursor, RequestDeadline deadline) =>
        cursor.TryAdvance(retrySameTarget: true, out _) && deadline.Remaining > TimeSpan.Zero;

    internal UpstreamCall ManagedCall(TargetDefinition target)
    {
        // S3: the credential belongs to the target, so a fallback to another provider never carries this one's key.
        var secret = target.CredentialSlot >= 0 ? runtime.Secrets[target.CredentialSlot] : null;
        return new UpstreamCall(target.Provider, target.Model, secret, true, target.TimeoutMs, target);
    }

    /// <summary>One send: exceptions of the I/O boundary become <see cref="AttemptFailure"/> values (None with the response).</summary>
    private async Task<(AttemptFailure, HttpResponseMessage?)> SendAsync(ForwardRequest request, UpstreamCall call, ReadOnlyMemory<byte> body, bool translated, TimeSpan timeout, CancellationTokenSource cancellation)
    {
        using var message = UpstreamRequestFactory.Create(request.Context.Request, runtime.Clients, request.Ingress, call, body, request.Activity, translated);
        cancellation.CancelAfter(timeout);
        try
        {
            var response = await runtime.Clients.Invoker(call.Provider).SendAsync(message, cancellation.Token).ConfigureAwait(false);
            // Headers are in; from here the timeout bounds idle gaps and is re-armed per read.
            cancellation.CancelAfter(Timeout.InfiniteTimeSpan);
            return (AttemptFailure.None, response);
        }
        catch (OperationCanceledException) when (request.Context.RequestAborted.IsCancellationRequested)
        {
            return (AttemptFailure.ClientAborted, null);
        }
        catch (OperationCanceledException)
        {
            return (AttemptFailure.Timeout, null);
        }
        catch (HttpRequestException ex)
        {
            return (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
                ? AttemptFailure.ConnectionFailed : AttemptFailure.ConnectionLost, null);
        }
    }

    /// <summary>Retry-After as a delay (delta-seconds or an HTTP date; RFC 9110 §10.2.3); a past date is "now".</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date)
        {
            var wait = date - runtime.TimeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
