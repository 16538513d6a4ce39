using System.Diagnostics;

namespace Gateway.Runtime.Telemetry;

/// <summary>
/// W3C trace context (https://www.w3.org/TR/trace-context/). The caller's <c>traceparent</c>/<c>tracestate</c>
/// are copied like any end-to-end header; when the gateway has a span of its own (the request's
/// <see cref="GatewayTelemetry.ActivitySource"/> activity, else whatever is current), the upstream call
/// becomes its child instead, so traces show the hop.
/// </summary>
internal static class TraceHeaders
{
    public static void Propagate(HttpRequestMessage request, Activity? activity)
    {
        activity ??= Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return;
        }
        request.Headers.Remove("traceparent");
        request.Headers.Remove("tracestate");
        request.Headers.TryAddWithoutValidation("traceparent", activity.Id);
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            request.Headers.TryAddWithoutValidation("tracestate", activity.TraceStateString);
        }
    }
}
