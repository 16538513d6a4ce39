using Gateway.Runtime.Attempts;
using Gateway.Runtime.Errors;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Keys;
using Gateway.Runtime.Model;
using Gateway.Runtime.Relay;
using Gateway.Runtime.Routing;
using Gateway.Runtime.Telemetry;
using Gateway.Runtime.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Forwarding;

/// <summary>Serves the five POST endpoints: from request bytes to a relayed upstream response.</summary>
internal sealed class GatewayForwarder
{
    /// <summary>The route name a passthrough request is logged and labelled with.</summary>
    internal const string PassthroughRouteName = "passthrough";

    /// <summary>Bodies above this are scanned on the thread pool, not inline on an I/O thread (~tens of µs of scanning).</summary>
    internal const int InlineWorkLimitBytes = 64 * 1024;

    private readonly GatewayRuntime _runtime;
    private readonly AttemptLoop _attempts;
    private readonly TokenCounter _tokenCounter;
    private readonly ILogger _logger;

    /// <summary>Per route index: the request deadline budget (<see cref="RequestDeadline"/>).</summary>
    private readonly TimeSpan[] _budgets;

    private readonly KeyAdmission _keys;

    public GatewayForwarder(GatewayRuntime runtime, ResponseRelay relay, ILogger<GatewayForwarder> logger, KeyAdmission? keys = null)
    {
        _runtime = runtime;
        _keys = keys ?? KeyAdmission.Disabled;
        _logger = logger;
        _attempts = new AttemptLoop(runtime, relay, logger);
        _tokenCounter = new TokenCounter(runtime, _attempts);
        var routes = runtime.Gateway.Routes;
        _budgets = new TimeSpan[routes.Length];
        foreach (var route in routes)
        {
            _budgets[route.Index] = RequestDeadline.BudgetFor(route);
        }
    }

    /// <summary>
    /// Forwards one request:
    /// 1. Buffer the body up to <c>max_request_body_bytes</c> (413 before any upstream connection, R16).
    /// 2. Read <c>model</c> from the JSON body or the multipart form (400).
    /// 3. Resolve it: prefix, then function → route → provider model (404, SPEC §3).
    ///    Then the <c>[security]</c> pipeline when enabled (400 <c>content_blocked</c>, SPEC §7).
    /// 4. Passthrough requires a caller credential (401 with zero upstream connections, S2).
    /// 5. Run the attempts (<see cref="AttemptLoop"/>): strategy, retries, fallback, degraded mode, deadline.
    /// 6. Whatever happened: one log line, the metrics and the span (<see cref="RequestTelemetry"/>).
    /// </summary>
    public async Task ForwardAsync(HttpContext context, IngressEndpoint endpoint, CallerKey? key = null)
    {
        var activity = GatewayTelemetry.ActivitySource.HasListeners() ? RequestTelemetry.StartActivity(endpoint) : null;
        var request = new ForwardRequest(context, endpoint, _runtime.TimeProvider.GetTimestamp(), activity) { Key = key?.Index ?? -1, KeyInDedicatedHeader = key?.Dedicated ?? false };
        try
        {
            await ForwardCoreAsync(request).ConfigureAwait(false);
        }
        finally
        {
            if (request.CountsUsage)
            {
                CountUsage(request);
            }
            RequestTelemetry.Complete(_logger, _runtime.Gateway, request, _runtime.TimeProvider.GetElapsedTime(request.StartTimestamp));
            request.Dispose();
        }
    }

    private async Task ForwardCoreAsync(ForwardRequest request)
    {
        var context = request.Context;
        var endpoint = request.Endpoint;

        // 1. Buffer.
        var (bodyStatus, body) = await RequestBodyReader.ReadAsync(context.Request, _runtime.Gateway.Server.MaxRequestBodyBytes, context.RequestAborted).ConfigureAwait(false);
        switch (bodyStatus)
        {
            case BodyReadStatus.TooLarge:
                await RejectAsync(context, GatewayError.RequestTooLarge).ConfigureAwait(false);
                return;
            case BodyReadStatus.Malformed:
                await RejectAsync(context, GatewayError.InvalidRequest, "The request body could not be read: its framing is malformed (for example a bad chunk size).").ConfigureAwait(false);
                return;
            case BodyReadStatus.ClientAborted:
                request.ClientAborted = true;
                // Nothing to answer; if the connection is in fact still there, close it rather than let the
                // server complete an empty 200 for a body that was never read (H7).
                context.Abort();
                return;
        }

        // With event-loop I/O (InlineIo) this may be a socket thread. Scanning a large body for the model and
        // for [security] costs time in proportion to its size: do it on the thread pool, so one big request
        // never holds up every other connection on that loop.
        if (body!.Length > InlineWorkLimitBytes)
        {
            await Task.Yield();
        }

        // 2. Model.
        var multipart = endpoint == EndpointKind.AudioTranscription;
        PeekStatus peek;
        ModelField field;
        if (multipart)
        {
            var boundary = MultipartModelReader.GetBoundary(context.Request.ContentType, out var duplicateBoundary);
            if (boundary is null)
            {
                body!.Dispose();
                await RejectAsync(context, GatewayError.InvalidRequest, duplicateBoundary
                    ? "The Content-Type has more than one boundary parameter; send exactly one."
                    : "This endpoint expects multipart/form-data with a boundary.").ConfigureAwait(false);
                return;
            }
            peek = MultipartModelReader.Peek(body!.Span, boundary, out field);
        }
        else
        {
            peek = JsonModelPeeker.Peek(body!.Span, out field, _runtime.Gateway);
        }
        request.SetBody(body, field, multipart);
        if (peek != PeekStatus.Found)
        {
            await RejectAsync(context, GatewayError.InvalidRequest, PeekMessage(peek, multipart), "model").ConfigureAwait(false);
            return;
        }

        // 3. Resolve.
        var resolved = RequestResolver.Resolve(_runtime.Gateway, endpoint, field.Value, field.Listing);
        if (!resolved.Found)
        {
            await RejectModelNotFoundAsync(request, field.Value).ConfigureAwait(false);
            return;
        }

        // SPEC §9: an Anthropic provider speaks only Messages; its models exist on no other endpoint.
        if (RequestResolver.IsAnthropicPassthroughOffChat(resolved, endpoint))
        {
            await RejectModelNotFoundAsync(request, field.Value).ConfigureAwait(false);
            return;
        }

        // 3a. Gateway key (SPEC §11): may it use this model, and is there room in its windows?
        if (request.Key >= 0 && !await AdmitAsync(request, resolved).ConfigureAwait(false))
        {
            return;
        }

        // 3b. [security] (SPEC §7): the request never reaches an upstream; the message names the detector only.
        if (_runtime.Security is { } security && security.TryBlock(endpoint, body.Span, out var detector))
        {
            await RejectAsync(context, GatewayError.ContentBlocked, "The request was blocked by the gateway's content policy (" + detector + ").").ConfigureAwait(false);
            return;
        }

        if (request.CountTokens)
        {
            await _tokenCounter.CountAsync(request, resolved).ConfigureAwait(false);
            return;
        }

        if (resolved.IsPassthrough)
        {
            request.RouteName = PassthroughRouteName;
            // 4. Passthrough never uses a gateway credential: the caller must bring one.
            if (!HeaderPolicy.HasCallerCredential(context.Request.Headers))
            {
                await RejectAsync(context, GatewayError.InvalidApiKey).ConfigureAwait(false);
                return;
            }
            var call = new UpstreamCall(resolved.Provider!, resolved.PassthroughModel!, null, false, resolved.PassthroughTimeoutMs, null, resolved.PassthroughMaxOutputTokens, resolved.PassthroughPrice);
            var deadline = new RequestDeadline(_runtime.TimeProvider, request.StartTimestamp, TimeSpan.FromMilliseconds(call.TimeoutMs));
            // 5. One attempt: a passthrough has no strategy and the caller's key is for this provider only.
            await _attempts.RunAsync(request, AttemptCursor.Passthrough(), deadline, call).ConfigureAwait(false);
        }
        else
        {
            var route = resolved.Route!;
            request.RouteName = route.Name;
            request.Route = route;
            var deadline = new RequestDeadline(_runtime.TimeProvider, request.StartTimestamp, _budgets[route.Index]);
            // 5. The route's strategy.
            await _attempts.RunAsync(request, new AttemptCursor(route, _runtime.Random), deadline, default).ConfigureAwait(false);
        }
    }

    /// <summary>Steps 2 and 3 of <see cref="KeyAdmission"/>; false when the request was answered (403, 401, 429, 503).</summary>
    private async ValueTask<bool> AdmitAsync(ForwardRequest request, ResolvedRequest resolved)
    {
        var context = request.Context;
        var key = _keys.Table.Keys[request.Key];
        if (!_keys.MayReach(request.Key, resolved))
        {
            KeyMetrics.Admitted(key.Name, "model_not_allowed");
            await RejectAsync(context, GatewayError.ModelNotAllowed,
                "The gateway key '" + key.Name + "' may not use the model '" + Text.CallerText.Bounded(request.Model.Value) + "'.", "model").ConfigureAwait(false);
            return false;
        }
        if (resolved.IsPassthrough && !request.KeyInDedicatedHeader)
        {
            // Passthrough forwards the caller's own provider key: it cannot also be the gateway key.
            KeyMetrics.Admitted(key.Name, "invalid_api_key");
            await RejectAsync(context, GatewayError.InvalidGatewayKey,
                "This model is passthrough: send the gateway key in x-gateway-key and your own provider key in Authorization, api-key or x-api-key.").ConfigureAwait(false);
            return false;
        }
        if (request.CountTokens)
        {
            return true; // counting tokens uses no window (it costs the provider nothing)
        }
        var admission = await _keys.AdmitAsync(request.Key, context.RequestAborted).ConfigureAwait(false);
        if (!admission.IsAdmitted)
        {
            KeyMetrics.Admitted(key.Name, GatewayErrors.Code(admission.Error));
            GatewayLog.Rejected(_logger, GatewayErrors.Code(admission.Error));
            await ErrorResponseWriter.WriteAsync(context, admission.Error, null, null, admission.Headers).ConfigureAwait(false);
            return false;
        }
        KeyMetrics.Admitted(key.Name, "admitted");
        request.CountsUsage = key.Limits.CountsUsage;
        // An OpenAI stream reports usage only when asked: ask for it, and hide it from a caller who did not.
        // (Model.Stream is the peeker's reading of "stream": a plain request never has its body scanned again.)
        request.AddsUsageChunk = request.CountsUsage && request.Model.Stream && request.Endpoint == EndpointKind.Chat
            && request.Format == Formats.Canonical.WireFormat.OpenAiChat && UsageChunkRequest.IsNeeded(request.Body.Span);
        return true;
    }

    /// <summary>Step 4 of <see cref="KeyAdmission"/>: the usage the answering attempt's upstream reported, priced by its model.</summary>
    private void CountUsage(ForwardRequest request)
    {
        if (request.Call is { } call && request.TryGetUsage(request.Context.Response.StatusCode, out var usage))
        {
            _keys.Record(request.Key, usage.InputTokens ?? 0, usage.CachedInputTokens ?? 0, usage.OutputTokens ?? 0, call.Price);
        }
    }

    private Task RejectAsync(HttpContext context, GatewayError error, string? message = null, string? param = null)
    {
        GatewayLog.Rejected(_logger, GatewayErrors.Code(error));
        return ErrorResponseWriter.WriteAsync(context, error, message, param);
    }

    /// <summary>The 404 names the model and the path the caller used, and where else the model is served (SPEC §6).</summary>
    private Task RejectModelNotFoundAsync(ForwardRequest request, string model)
    {
        var path = request.Context.Request.Path.Value ?? string.Empty;
        var message = ModelNotFoundMessage.For(_runtime.Gateway, request.Endpoint, path, model);
        return RejectAsync(request.Context, GatewayError.ModelNotFound, message, "model");
    }

    private static string PeekMessage(PeekStatus status, bool multipart) => status switch
    {
        PeekStatus.Missing => multipart ? "The form has no 'model' field." : "The request body has no 'model' field.",
        PeekStatus.WrongType => "'model' must be a single non-empty string.",
        PeekStatus.Duplicate => multipart
            ? "The form has more than one 'model' field (names are compared case-insensitively), or a part with more than one name; send exactly one."
            : "The request body has 'model' or 'stream' more than once (names are compared case-insensitively, after unescaping); send each exactly once.",
        _ => multipart ? "The multipart body is malformed." : "The request body is not a valid JSON object.",
    };
}
