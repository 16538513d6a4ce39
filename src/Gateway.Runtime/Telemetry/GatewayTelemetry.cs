using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Gateway.Runtime.Telemetry;

/// <summary>
/// The gateway's traces and metrics (SPEC §8), by name so the host can subscribe an OpenTelemetry SDK
/// (<c>AddSource(ActivitySourceName)</c>, <c>AddMeter(MeterName)</c>). With no listener attached every
/// instrument's <c>Enabled</c> is false and <see cref="ActivitySource.HasListeners"/> is false: the
/// forwarder checks both first, so disabled telemetry allocates nothing. Tag values are config names
/// and status codes only (bounded cardinality; never a credential, URL or body).
/// </summary>
public static class GatewayTelemetry
{
    public const string ActivitySourceName = "Gateway";
    public const string MeterName = "Gateway";

    /// <summary>One client-kind span per forwarded request (GenAI semantic conventions).</summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Requests by route, target, provider and status (<see cref="RouteTag"/>, <see cref="TargetTag"/>, <see cref="ProviderNameTag"/>, <see cref="HttpStatusTag"/>).</summary>
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("gateway.requests", "{request}", "Requests forwarded by the gateway.");

    /// <summary>Retries and fallbacks by route, target (the one that failed), provider and <see cref="RetryReasonTag"/>.</summary>
    public static readonly Counter<long> RetryAttempts = Meter.CreateCounter<long>("gateway.retry.attempts", "{attempt}", "Upstream attempts that failed and moved on to a retry or fallback.");

    /// <summary>GenAI client operation duration in seconds (request start to end of the relayed response).</summary>
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "gen_ai.client.operation.duration", "s", "GenAI operation duration.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    /// <summary>
    /// GenAI token usage, one point per <see cref="TokenTypeTag"/> (input, output), when a 2xx response
    /// body reports usage (<c>Relay/ResponseUsageCapture</c>; a stream reports it only when the caller
    /// asked for <c>stream_options.include_usage</c>). Buckets: the semantic conventions' advice.
    /// </summary>
    public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram(
        "gen_ai.client.token.usage", "{token}", "Tokens used by GenAI operations.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });

    // Tag names: OpenTelemetry GenAI semantic conventions, plus the gateway's own under "gateway.".
    // Spans and metrics use the same keys so a dashboard can join them.
    public const string OperationNameTag = "gen_ai.operation.name";
    /// <summary>The model the caller asked for (route alias, function name, provider model); set once it resolved.</summary>
    public const string RequestModelTag = "gen_ai.request.model";
    /// <summary>The model the upstream says answered (the response body's <c>model</c>; span only).</summary>
    public const string ResponseModelTag = "gen_ai.response.model";
    /// <summary><c>input</c> or <c>output</c> on <see cref="TokenUsage"/>.</summary>
    public const string TokenTypeTag = "gen_ai.token.type";
    public const string InputTokensTag = "gen_ai.usage.input_tokens";
    public const string OutputTokensTag = "gen_ai.usage.output_tokens";
    /// <summary>The model sent upstream by the attempt that answered (span only).</summary>
    public const string UpstreamModelTag = "gateway.upstream.model";
    /// <summary><c>connection_failed</c>, <c>connection_lost</c>, <c>timeout</c>, <c>http_429</c> … <c>http_529</c>, <c>error_event</c>, <c>body_failed</c>.</summary>
    public const string RetryReasonTag = "gateway.retry.reason";
    public const string ProviderNameTag = "gen_ai.provider.name";
    public const string RouteTag = "gateway.route";
    public const string TargetTag = "gateway.target";
    public const string HttpStatusTag = "http.response.status_code";
}
