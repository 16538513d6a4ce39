using Gateway.Runtime.Errors;
using Gateway.Runtime.Hosting;
using Gateway.Runtime.Routing;
using Gateway.Runtime.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Forwarding;

/// <summary>Serves the five POST endpoints: from request bytes to a relayed upstream response.</summary>
internal sealed class GatewayForwarder(GatewayRuntime runtime, ResponseRelay relay, ILogger<GatewayForwarder> logger)
{
    private const string PassthroughRouteName = "passthrough";

    /// <summary>
    /// Forwards one request:
    /// 1. Buffer the body up to <c>max_request_body_bytes</c> (413 before any upstream connection, R16).
    /// 2. Read <c>model</c> from the JSON body or the multipart form (400).
    /// 3. Resolve it: prefix, then function → route → provider model (404, SPEC §3).
    /// 4. Passthrough requires a caller credential (401 with zero upstream connections, S2).
    /// 5. Try the planned attempts in order (<see cref="AttemptPlanner"/>); stop at the first response
    ///    that can be returned, on client abort, or once a byte was sent (R08, R10).
    /// 6. Relay status, filtered headers and body (<see cref="ResponseRelay"/>), or the last error.
    /// </summary>
    public async Task ForwardAsync(HttpContext context, EndpointKind endpoint)
    {
        // 1. Buffer.
        var (bodyStatus, body) = await RequestBodyReader.ReadAsync(context.Request, runtime.Gateway.Server.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        switch (bodyStatus)
        {
            case BodyReadStatus.TooLarge:
                await RejectAsync(context, GatewayError.RequestTooLarge).ConfigureAwait(false);
                return;
            case BodyReadStatus.Malformed:
                await RejectAsync(context, GatewayError.InvalidRequest, "The request body could not be read.").ConfigureAwait(false);
                return;
            case BodyReadStatus.ClientAborted:
                return;
        }

        using (body)
        {
            // 2. Model.
            var multipart = endpoint == EndpointKind.AudioTranscription;
            PeekStatus peek;
            ModelField field;
            if (multipart)
            {
                var boundary = MultipartModelReader.GetBoundary(context.Request.ContentType);
                if (boundary is null)
                {
                    await RejectAsync(context, GatewayError.InvalidRequest, "This endpoint expects multipart/form-data with a boundary.").ConfigureAwait(false);
                    return;
                }
                peek = MultipartModelReader.Peek(body!.Span, boundary, out field);
            }
            else
            {
                peek = JsonModelPeeker.Peek(body!.Span, out field);
            }
            if (peek != PeekStatus.Found)
            {
                await RejectAsync(context, GatewayError.InvalidRequest, PeekMessage(peek, multipart), "model").ConfigureAwait(false);
                return;
            }

            // 3. Resolve.
            var resolved = RequestResolver.Resolve(runtime.Gateway, endpoint, field.Value);
            if (!resolved.Found)
            {
                await RejectAsync(context, GatewayError.ModelNotFound, param: "model").ConfigureAwait(false);
                return;
            }

            var request = new ForwardRequest(context, endpoint, body, field, multipart);
            try
            {
                if (resolved.IsPassthrough)
                {
                    // 4. Passthrough never uses a gateway credential: the caller must bring one.
                    if (!HeaderPolicy.HasCallerCredential(context.Request.Headers))
                    {
                        await RejectAsync(context, GatewayError.InvalidApiKey).ConfigureAwait(false);
                        return;
                    }
                    var call = new UpstreamCall(resolved.Provider!, resolved.PassthroughModel!, null, false, resolved.PassthroughTimeoutMs, null);
                    await RunAttemptsAsync(request, PassthroughRouteName, null, [new PlannedAttempt(null!, 0, false)], call, 0).ConfigureAwait(false);
                }
                else
                {
                    var route = resolved.Route!;
                    var plan = AttemptPlanner.Plan(route, runtime.Random);
                    await RunAttemptsAsync(request, route.Name, route, plan, default, route.Retry.BackoffBaseMs).ConfigureAwait(false);
                }
            }
            finally
            {
                request.Dispose();
            }
        }
    }

    /// <summary>Steps 5 and 6. <paramref name="passthrough"/> is used when <paramref name="route"/> is null.</summary>
    private async Task RunAttemptsAsync(ForwardRequest request, string routeName, RouteDefinition? route, List<PlannedAttempt> plan, UpstreamCall passthrough, int backoffBaseMs)
    {
        var context = request.Context;
        var lastError = GatewayError.UpstreamError;
        TimeSpan? retryAfter = null;
        for (var i = 0; i < plan.Count; i++)
        {
            var attempt = plan[i];
            var call = route is null ? passthrough : ManagedCall(attempt.Target);
            if (attempt.Retry > 0)
            {
                try
                {
                    await Task.Delay(AttemptPlanner.Backoff(attempt.Retry, backoffBaseMs, retryAfter, runtime.Random), runtime.TimeProvider, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    GatewayLog.ClientAborted(logger, routeName);
                    return;
                }
            }
            if (context.RequestAborted.IsCancellationRequested)
            {
                // R08: never start an attempt for a client that is gone.
                GatewayLog.ClientAborted(logger, routeName);
                return;
            }

            var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            var (outcome, response) = await SendAsync(request, call, routeName, cancellation).ConfigureAwait(false);
            var keep = false;
            try
            {
                switch (outcome)
                {
                    case AttemptOutcome.ClientAborted:
                        GatewayLog.ClientAborted(logger, routeName);
                        return;
                    case AttemptOutcome.TimedOut:
                        lastError = GatewayError.UpstreamTimeout;
                        retryAfter = null;
                        continue;
                    case AttemptOutcome.Failed:
                        lastError = GatewayError.UpstreamError;
                        retryAfter = null;
                        continue;
                }

                var status = (int)response!.StatusCode;
                if (status is >= 300 and < 400)
                {
                    // S5: a redirect would send the request (and our key) elsewhere.
                    GatewayLog.RedirectRefused(logger, routeName, call.Provider.Id, status);
                    response.Dispose();
                    await RejectAsync(context, GatewayError.UpstreamError).ConfigureAwait(false);
                    return;
                }
                if (call.Managed && status is 401 or 403)
                {
                    // SPEC §6: the caller's request was fine, our key is not; the body may echo the key.
                    GatewayLog.UpstreamAuthFailed(logger, routeName, call.Provider.Id, status);
                    response.Dispose();
                    await RejectAsync(context, GatewayError.UpstreamAuthFailed).ConfigureAwait(false);
                    return;
                }
                if (AttemptPlanner.IsRetryableStatus(status) && i < plan.Count - 1)
                {
                    GatewayLog.RetryableStatus(logger, status, routeName, call.Target?.Name);
                    retryAfter = RetryAfter(response);
                    response.Dispose();
                    continue;
                }

                keep = true;
                var info = new RelayInfo(routeName, route, call, attempt.Variant);
                await relay.RelayAsync(context, response, info, cancellation).ConfigureAwait(false);
                GatewayLog.Forwarded(logger, routeName, call.Provider.Id, call.Target?.Name, status);
                return;
            }
            finally
            {
                if (!keep) response?.Dispose();
                cancellation.Dispose();
            }
        }

        await RejectAsync(context, lastError).ConfigureAwait(false);
    }

    private UpstreamCall ManagedCall(TargetDefinition target)
    {
        var secret = target.CredentialSlot >= 0 ? runtime.Secrets[target.CredentialSlot] : null;
        return new UpstreamCall(target.Provider, target.Model, secret, true, target.TimeoutMs, target);
    }

    /// <summary>One send: exceptions of the I/O boundary become <see cref="AttemptOutcome"/> values.</summary>
    private async Task<(AttemptOutcome, HttpResponseMessage?)> SendAsync(ForwardRequest request, UpstreamCall call, string routeName, CancellationTokenSource cancellation)
    {
        var body = request.BodyFor(call.Model);
        using var message = UpstreamRequestFactory.Create(request.Context.Request, runtime.Clients, request.Endpoint, call, body);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(call.TimeoutMs));
        try
        {
            var response = await runtime.Clients.Invoker(call.Provider).SendAsync(message, cancellation.Token).ConfigureAwait(false);
            // Headers are in; from here the timeout bounds idle gaps and is re-armed per read.
            cancellation.CancelAfter(Timeout.InfiniteTimeSpan);
            return (AttemptOutcome.Response, response);
        }
        catch (OperationCanceledException) when (request.Context.RequestAborted.IsCancellationRequested)
        {
            return (AttemptOutcome.ClientAborted, null);
        }
        catch (OperationCanceledException)
        {
            GatewayLog.AttemptFailed(logger, routeName, call.Provider.Id, call.Target?.Name, "timeout", "Timeout");
            return (AttemptOutcome.TimedOut, null);
        }
        catch (HttpRequestException ex)
        {
            GatewayLog.AttemptFailed(logger, routeName, call.Provider.Id, call.Target?.Name, "failed", ex.HttpRequestError.ToString());
            return (AttemptOutcome.Failed, null);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow;
        return null;
    }

    private Task RejectAsync(HttpContext context, GatewayError error, string? message = null, string? param = null)
    {
        GatewayLog.Rejected(logger, GatewayErrors.Code(error));
        return ErrorResponseWriter.WriteAsync(context, error, message, param);
    }

    private static string PeekMessage(PeekStatus status, bool multipart) => status switch
    {
        PeekStatus.Missing => multipart ? "The form has no 'model' field." : "The request body has no 'model' field.",
        PeekStatus.WrongType => "'model' must be a single non-empty string.",
        _ => multipart ? "The multipart body is malformed." : "The request body is not a valid JSON object.",
    };
}
