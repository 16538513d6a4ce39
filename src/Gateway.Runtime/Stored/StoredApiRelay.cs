using System.Diagnostics;
using Gateway.Runtime.Attempts;
using Gateway.Runtime.Errors;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Keys;
using Gateway.Runtime.Model;
using Gateway.Runtime.Relay;
using Gateway.Runtime.Telemetry;
using Gateway.Runtime.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Stored;

/// <summary>
/// Relays the stored-object endpoints (SPEC §10: <c>/v1/files</c>, <c>/v1/responses/{id}</c>) to the one
/// provider their table names, bytes both ways: the body is streamed up as it arrives and the answer streamed
/// back with the chat relay's copier (pooled buffers), so no file is ever held whole. One attempt, no retry:
/// an upload cannot be replayed without buffering it, and a DELETE or cancel is not known to be idempotent.
/// </summary>
internal sealed class StoredApiRelay(GatewayRuntime runtime, ResponseRelay relay, KeyAdmission keys, ILogger<StoredApiRelay> logger)
{
    /// <summary>Route names in logs, metrics and <c>x-gateway-route</c>.</summary>
    public const string FilesRouteName = "files";

    public const string ResponsesRouteName = "responses";

    /// <summary>
    /// 1. No table for this API: 404 (the endpoint does not exist on this gateway).
    /// 2. Who: with <c>[keys]</c>, any valid key uses a managed table; passthrough needs the key's
    ///    <c>passthrough = true</c> and the key in <c>x-gateway-key</c>, and (always) a caller key (401).
    /// 3. Size: a <c>Content-Length</c> over the limit is 413 before any upstream work; a chunked body is
    ///    counted as it streams and cut at the limit, which aborts the upstream request, then 413.
    /// 4. Send, timed by the provider's timeout between chunks and to the response headers.
    /// 5. Classify as the chat relay does: 3xx, a framing fault, a managed 401/403 are 502; else relayed as is.
    /// 6. Whatever happened: one log line, <c>gateway.requests</c>, the span.
    /// </summary>
    public async Task RelayAsync(HttpContext context, StoredRoute route, CallerKey key)
    {
        var api = route.Api == StoredApi.Files ? runtime.Gateway.Files : runtime.Gateway.StoredResponses;
        var routeName = route.Api == StoredApi.Files ? FilesRouteName : ResponsesRouteName;
        var started = runtime.TimeProvider.GetTimestamp();
        var activity = GatewayTelemetry.ActivitySource.HasListeners() ? GatewayTelemetry.ActivitySource.StartActivity(routeName, ActivityKind.Client) : null;
        var clientAborted = false;
        try
        {
            // 1.
            if (api is null)
            {
                await ErrorResponseWriter.WriteAsync(context, GatewayError.NotFound).ConfigureAwait(false);
                return;
            }
            // 2.
            if (Refusal(context, route, api, key) is { } refusal)
            {
                GatewayLog.Rejected(logger, GatewayErrors.Code(refusal.Error));
                await ErrorResponseWriter.WriteAsync(context, refusal.Error, refusal.Message).ConfigureAwait(false);
                return;
            }
            clientAborted = await SendAndRelayAsync(context, route, api, routeName, activity).ConfigureAwait(false);
        }
        finally
        {
            // 6.
            var status = clientAborted ? RequestTelemetry.ClientClosedRequest : context.Response.StatusCode;
            RequestTelemetry.CompleteStored(logger, routeName, api?.Provider.Id, status, runtime.TimeProvider.GetElapsedTime(started), activity);
        }
    }

    /// <summary>Steps 2 and 3 before any upstream work; null when the request may go.</summary>
    private (GatewayError Error, string? Message)? Refusal(HttpContext context, StoredRoute route, StoredApiSettings api, CallerKey key)
    {
        var request = context.Request;
        if (!api.Managed)
        {
            if (key.Index >= 0)
            {
                var definition = keys.Table.Keys[key.Index];
                if (!definition.Passthrough)
                {
                    return (GatewayError.ModelNotAllowed, "The gateway key '" + definition.Name + "' may not use passthrough endpoints (passthrough = false), and this one forwards the caller's own provider key.");
                }
                if (!key.Dedicated)
                {
                    return (GatewayError.InvalidGatewayKey, "This endpoint is passthrough: send the gateway key in x-gateway-key and your own provider key in Authorization, api-key or x-api-key.");
                }
            }
            if (!HeaderPolicy.HasCallerCredential(request.Headers))
            {
                return (GatewayError.InvalidApiKey, null);
            }
        }
        if (route.HasBody && request.ContentLength > Limit(route))
        {
            return (GatewayError.RequestTooLarge, TooLargeMessage(route));
        }
        return null;
    }

    /// <summary>Uploads are bounded by <c>[files] max_bytes</c>; a stored response's cancel by <c>max_request_body_bytes</c>.</summary>
    private long Limit(StoredRoute route) =>
        route.Api == StoredApi.Files ? runtime.Gateway.Files!.MaxBodyBytes : runtime.Gateway.Server.MaxRequestBodyBytes;

    private string TooLargeMessage(StoredRoute route) =>
        "The request body is larger than this endpoint's limit of " + Limit(route).ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes.";

    /// <summary>Steps 3–5; true when the client went away.</summary>
    private async Task<bool> SendAndRelayAsync(HttpContext context, StoredRoute route, StoredApiSettings api, string routeName, Activity? activity)
    {
        var provider = api.Provider;
        var secret = api.CredentialSlot >= 0 ? runtime.Secrets[api.CredentialSlot] : null;
        var call = new UpstreamCall(provider, string.Empty, secret, api.Managed, provider.TimeoutMs, null);
        var timeout = TimeSpan.FromMilliseconds(call.TimeoutMs);
        var source = context.Request;
        var url = new Uri(provider.BaseUrl + route.UpstreamPath + source.QueryString.Value, UriKind.Absolute);

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        BoundedBodyContent? body = null;
        using var message = new HttpRequestMessage(HttpMethod.Parse(source.Method), url) { Version = System.Net.HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        if (route.HasBody)
        {
            // 3. The gateway counts the body itself (Kestrel's own limit is max_request_body_bytes, too small for
            // an upload, and would fail the read with an exception that cannot tell 413 from a reset).
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = null;
            }
            body = new BoundedBodyContent(source.Body, Limit(route), source.ContentLength, cancellation, timeout);
            message.Content = body;
        }
        UpstreamRequestFactory.ApplyHeaders(message, source, call, url, activity, translated: false);

        // 4.
        HttpResponseMessage? response = null;
        var failure = AttemptFailure.None;
        cancellation.CancelAfter(timeout);
        try
        {
            response = await runtime.Clients.Invoker(provider).SendAsync(message, cancellation.Token).ConfigureAwait(false);
            cancellation.CancelAfter(Timeout.InfiniteTimeSpan);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            if (body is { Exceeded: true })
            {
                GatewayLog.Rejected(logger, GatewayErrors.Code(GatewayError.RequestTooLarge));
                await ErrorResponseWriter.WriteAsync(context, GatewayError.RequestTooLarge, TooLargeMessage(route)).ConfigureAwait(false);
                return false;
            }
            if (context.RequestAborted.IsCancellationRequested)
            {
                return true;
            }
            if (body is { Malformed: true })
            {
                GatewayLog.Rejected(logger, GatewayErrors.Code(GatewayError.InvalidRequest));
                await ErrorResponseWriter.WriteAsync(context, GatewayError.InvalidRequest, "The request body could not be read: its framing is malformed (for example a bad chunk size).").ConfigureAwait(false);
                return false;
            }
            failure = ex is OperationCanceledException ? AttemptFailure.Timeout : AttemptFailure.ConnectionFailed;
        }

        using (response)
        {
            // 5.
            var status = response is null ? 0 : (int)response.StatusCode;
            if (response is not null && status is >= 300 and < 400)
            {
                // S5: a redirect would send the request (and a managed key) elsewhere.
                GatewayLog.RedirectRefused(logger, routeName, provider.Id, status);
                await ErrorResponseWriter.WriteAsync(context, GatewayError.UpstreamError).ConfigureAwait(false);
                return false;
            }
            if (response is not null && AttemptLoop.FramingFault(response, status) is { } fault)
            {
                GatewayLog.FramingFault(logger, routeName, provider.Id, status, fault); // H7
                await ErrorResponseWriter.WriteAsync(context, GatewayError.UpstreamError).ConfigureAwait(false);
                return false;
            }
            if (response is not null && api.Managed && status is 401 or 403)
            {
                // SPEC §6: the gateway's key was refused, not the caller's; the body may echo the key.
                GatewayLog.UpstreamAuthFailed(logger, routeName, provider.Id, status);
                await ErrorResponseWriter.WriteAsync(context, GatewayError.UpstreamAuthFailed).ConfigureAwait(false);
                return false;
            }
            if (failure != AttemptFailure.None)
            {
                GatewayLog.StoredRequestFailed(logger, routeName, provider.Id, failure);
                await ErrorResponseWriter.WriteAsync(context, failure == AttemptFailure.Timeout ? GatewayError.UpstreamTimeout : GatewayError.UpstreamError).ConfigureAwait(false);
                return false;
            }
            var info = new RelayInfo(routeName, null, call, EventStream: ResponseRelay.IsEventStream(response!), Variant: false, Usage: null, runtime.StreamsEnding,
                CallerFormat: CallerFormat.Of(context));
            var result = await relay.RelayAsync(context, response!, info, cancellation).ConfigureAwait(false);
            switch (result)
            {
                case AttemptFailure.ClientAborted:
                    return true;
                case AttemptFailure.BodyFailed or AttemptFailure.Timeout:
                    GatewayLog.StoredRequestFailed(logger, routeName, provider.Id, AttemptFailure.BodyFailed);
                    await ErrorResponseWriter.WriteAsync(context, result == AttemptFailure.Timeout ? GatewayError.UpstreamTimeout : GatewayError.UpstreamError).ConfigureAwait(false);
                    return false;
                default:
                    return false;
            }
        }
    }
}
