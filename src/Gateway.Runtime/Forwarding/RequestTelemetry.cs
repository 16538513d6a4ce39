using System.Diagnostics;
using Gateway.Runtime.Attempts;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;
using Gateway.Runtime.Routing;
using Gateway.Runtime.Telemetry;
using Gateway.Runtime.Text;
using Gateway.Runtime.Upstream;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// What a forwarded request reports: the retry line and counter per failed attempt that moves on, and
/// at the end one log line, <c>gateway.requests</c>, <c>gen_ai.client.operation.duration</c> and the
/// span's tags. Every instrument is checked with <c>Enabled</c> (and the span exists only with a
/// listener) so nothing is allocated for telemetry nobody collects; tags go in a stack-only <see cref="TagList"/>.
/// </summary>
internal static class RequestTelemetry
{
    /// <summary>nginx's "client closed request": the client left before the response completed.</summary>
    public const int ClientClosedRequest = 499;

    private const string None = "-";

    /// <summary>E2: the metric tag value for a request model the compiled config does not list.</summary>
    public const string Other = "other";

    /// <summary>E2: request- or upstream-supplied text on a span is cut to this many chars.</summary>
    public const int MaxSpanTextLength = CallerText.MaxLength;

    public static Activity? StartActivity(IngressEndpoint endpoint)
    {
        var operation = endpoint.Name;
        // GenAI semconv span name is "{operation} {model}"; the model is set once resolved.
        var activity = GatewayTelemetry.ActivitySource.StartActivity(operation, ActivityKind.Client);
        activity?.SetTag(GatewayTelemetry.OperationNameTag, operation);
        return activity;
    }

    public static void Retrying(ILogger logger, ForwardRequest request, in UpstreamCall call, in PlannedAttempt failed, in PlannedAttempt next, AttemptFailure reason, int status, TimeSpan delay)
    {
        var route = request.RouteName ?? None;
        var target = call.Target?.Name ?? route;
        if (logger.IsEnabled(LogLevel.Warning))
        {
            var kind = next.Degraded ? RetryKind.Degraded : next.Retry > 0 ? RetryKind.Retry : RetryKind.Fallback;
            var nextTarget = next.Target ?? failed.Target;
            GatewayLog.Retrying(logger, route, request.Attempts, call.Provider.Id, target, reason, status, kind,
                nextTarget?.Provider.Id ?? call.Provider.Id, nextTarget?.Name ?? route, delay.TotalMilliseconds);
        }
        if (GatewayTelemetry.RetryAttempts.Enabled)
        {
            var tags = new TagList
            {
                { GatewayTelemetry.RouteTag, route },
                { GatewayTelemetry.TargetTag, target },
                { GatewayTelemetry.ProviderNameTag, call.Provider.Id },
                { GatewayTelemetry.RetryReasonTag, ReasonTag(reason, status) },
            };
            GatewayTelemetry.RetryAttempts.Add(1, tags);
        }
    }

    /// <summary>
    /// The end of a request, however it ended (called from a finally block). <paramref name="gateway"/> is
    /// the compiled table: metric tags only carry model names it lists (E2).
    /// </summary>
    public static void Complete(ILogger logger, CompiledGateway gateway, ForwardRequest request, TimeSpan duration)
    {
        var status = request.ClientAborted ? ClientClosedRequest : request.Context.Response.StatusCode;
        var route = request.RouteName ?? None;
        var call = request.Call;
        var provider = call?.Provider.Id ?? None;
        var target = call?.Target?.Name ?? (call is null ? None : route);
        GatewayLog.RequestCompleted(logger, route, provider, target, status, request.Attempts, duration.TotalMilliseconds);

        if (GatewayTelemetry.Requests.Enabled)
        {
            var tags = new TagList
            {
                { GatewayTelemetry.RouteTag, route },
                { GatewayTelemetry.TargetTag, target },
                { GatewayTelemetry.ProviderNameTag, provider },
                { GatewayTelemetry.HttpStatusTag, status },
            };
            GatewayTelemetry.Requests.Add(1, tags);
        }
        if (GatewayTelemetry.OperationDuration.Enabled && call is { } c)
        {
            var tags = new TagList
            {
                { GatewayTelemetry.OperationNameTag, request.Ingress.Name },
                { GatewayTelemetry.RequestModelTag, MetricModel(gateway, request.Model) },
                { GatewayTelemetry.ProviderNameTag, c.Provider.Id },
                { GatewayTelemetry.HttpStatusTag, status },
            };
            GatewayTelemetry.OperationDuration.Record(duration.TotalSeconds, tags);
        }
        var usage = default(ResponseUsage);
        var hasUsage = request.TryGetUsage(status, out usage);
        if (hasUsage && call is { } u && GatewayTelemetry.TokenUsage.Enabled)
        {
            var model = MetricModel(gateway, request.Model);
            RecordTokens(usage.InputTokens, "input", request, model, u);
            RecordTokens(usage.OutputTokens, "output", request, model, u);
        }
        if (request.Activity is { } activity)
        {
            if (hasUsage)
            {
                if (usage.Model is not null) activity.SetTag(GatewayTelemetry.ResponseModelTag, CallerText.Bounded(usage.Model));
                if (usage.InputTokens is { } input) activity.SetTag(GatewayTelemetry.InputTokensTag, input);
                if (usage.OutputTokens is { } output) activity.SetTag(GatewayTelemetry.OutputTokensTag, output);
            }
            if (call is { } a)
            {
                // The caller's model (and a passthrough's upstream model, taken from it) is request text.
                var model = CallerText.Bounded(request.Model.Value);
                activity.DisplayName = request.Ingress.Name + " " + model;
                activity.SetTag(GatewayTelemetry.RequestModelTag, model);
                activity.SetTag(GatewayTelemetry.UpstreamModelTag, CallerText.Bounded(a.Model));
                activity.SetTag(GatewayTelemetry.ProviderNameTag, a.Provider.Id);
                activity.SetTag(GatewayTelemetry.TargetTag, target);
            }
            activity.SetTag(GatewayTelemetry.RouteTag, route);
            activity.SetTag(GatewayTelemetry.HttpStatusTag, status);
            activity.SetTag("gateway.attempts", request.Attempts);
            if (status >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
            activity.Dispose();
        }
    }

    /// <summary>
    /// The end of a file or stored-response request (SPEC §10): the same log line and <c>gateway.requests</c>
    /// point as a forwarded request (one attempt; the route is <c>files</c> or <c>responses</c>, the target
    /// the same), and its span, which has no model.
    /// </summary>
    public static void CompleteStored(ILogger logger, string route, string? provider, int status, TimeSpan duration, Activity? activity)
    {
        var providerId = provider ?? None;
        GatewayLog.RequestCompleted(logger, route, providerId, route, status, provider is null ? 0 : 1, duration.TotalMilliseconds);
        if (GatewayTelemetry.Requests.Enabled)
        {
            var tags = new TagList
            {
                { GatewayTelemetry.RouteTag, route },
                { GatewayTelemetry.TargetTag, route },
                { GatewayTelemetry.ProviderNameTag, providerId },
                { GatewayTelemetry.HttpStatusTag, status },
            };
            GatewayTelemetry.Requests.Add(1, tags);
        }
        if (activity is not null)
        {
            activity.SetTag(GatewayTelemetry.RouteTag, route);
            activity.SetTag(GatewayTelemetry.ProviderNameTag, providerId);
            activity.SetTag(GatewayTelemetry.HttpStatusTag, status);
            if (status >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
            activity.Dispose();
        }
    }

    /// <summary>
    /// One <c>gen_ai.client.token.usage</c> point. <c>gen_ai.response.model</c> stays on the span: it is the
    /// upstream's text, and metric tags are kept to values the config bounds.
    /// </summary>
    private static void RecordTokens(long? count, string type, ForwardRequest request, string model, in UpstreamCall call)
    {
        if (count is not { } tokens)
        {
            return;
        }
        var tags = new TagList
        {
            { GatewayTelemetry.OperationNameTag, request.Ingress.Name },
            { GatewayTelemetry.RequestModelTag, model },
            { GatewayTelemetry.ProviderNameTag, call.Provider.Id },
            { GatewayTelemetry.TokenTypeTag, type },
        };
        GatewayTelemetry.TokenUsage.Record(tokens, tags);
    }

    /// <summary>
    /// E2: a metric series per distinct tag value lives as long as the process, so the request model is a
    /// tag only when the compiled config lists it (route and function names, provider models); anything
    /// else — a prefixed passthrough, a typo, a megabyte of text — is <see cref="Other"/>.
    /// </summary>
    public static string MetricModel(CompiledGateway gateway, in ModelField model) =>
        (model.Listing == ModelField.NotLookedUp ? gateway.FindModelListing(model.Value) >= 0 : model.Listing >= 0) ? model.Value : Other;

    /// <summary>Bounded set of <c>reason</c> tag values.</summary>
    public static string ReasonTag(AttemptFailure reason, int status) => reason switch
    {
        AttemptFailure.ConnectionFailed => "connection_failed",
        AttemptFailure.ConnectionLost => "connection_lost",
        AttemptFailure.Timeout => "timeout",
        AttemptFailure.ErrorEvent => "error_event",
        AttemptFailure.BodyFailed => "body_failed",
        AttemptFailure.FramingFault => "framing_fault",
        AttemptFailure.RetryableStatus => status switch
        {
            429 => "http_429",
            500 => "http_500",
            502 => "http_502",
            503 => "http_503",
            504 => "http_504",
            529 => "http_529",
            _ => "http_other",
        },
        _ => "unknown",
    };
}
