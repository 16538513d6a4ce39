using Gateway.Runtime.Attempts;
using Gateway.Runtime.Relay;
using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Telemetry;

/// <summary>
/// Source-generated log messages with stable event ids (Kestrel's KestrelTrace pattern). Arguments are
/// names, ids, statuses and enum values only: never headers, bodies, URLs (a query credential lives
/// there) or exception messages (S4).
/// </summary>
internal static partial class GatewayLog
{
    /// <summary>
    /// The one line per forwarded request, written when it ends. Debug, so off by default: formatting and
    /// writing it to the console was ~6 % of the proxy's CPU at 13k req/s (bench/README.md, "Optimisations").
    /// Turn the access log on with <c>Logging__LogLevel__Gateway.Runtime.Forwarding=Debug</c>.
    /// </summary>
    [LoggerMessage(1, LogLevel.Debug, "Request {Route} → {Provider}/{Target}: {StatusCode} after {Attempts} attempt(s) in {DurationMs:F1} ms")]
    public static partial void RequestCompleted(ILogger logger, string route, string provider, string target, int statusCode, int attempts, double durationMs);

    /// <summary>One line per retry or fallback: which attempt failed, why, and what comes next after which delay.</summary>
    [LoggerMessage(3, LogLevel.Warning, "Route {Route}: attempt {Attempt} on {Provider}/{Target} failed ({Reason}, status {StatusCode}); {Next} {NextProvider}/{NextTarget} in {DelayMs:F0} ms")]
    public static partial void Retrying(ILogger logger, string route, int attempt, string provider, string target, AttemptFailure reason, int statusCode, RetryKind next, string nextProvider, string nextTarget, double delayMs);

    [LoggerMessage(4, LogLevel.Warning, "Upstream stream failed after the response started: route {Route}, provider {Provider}: {Result}")]
    public static partial void StreamFailed(ILogger logger, string route, string provider, AttemptFailure result);

    /// <summary>R03: the caller stopped reading; its connection was aborted and the upstream response released.</summary>
    [LoggerMessage(11, LogLevel.Warning, "Client stopped reading for {TimeoutMs} ms: route {Route}, provider {Provider}; connection aborted")]
    public static partial void ClientWriteStalled(ILogger logger, string route, string provider, int timeoutMs);

    /// <summary>T4 at the drain deadline: a stream still running was ended with the error event.</summary>
    [LoggerMessage(12, LogLevel.Warning, "Drain deadline: stream ended with an error event: route {Route}, provider {Provider}")]
    public static partial void StreamEndedByDrain(ILogger logger, string route, string provider);

    [LoggerMessage(5, LogLevel.Debug, "Client went away: route {Route}")]
    public static partial void ClientAborted(ILogger logger, string route);

    [LoggerMessage(6, LogLevel.Debug, "Request rejected: {Code}")]
    public static partial void Rejected(ILogger logger, string code);

    [LoggerMessage(7, LogLevel.Warning, "Managed upstream rejected the gateway credential: route {Route}, provider {Provider}, status {StatusCode}")]
    public static partial void UpstreamAuthFailed(ILogger logger, string route, string provider, int statusCode);

    [LoggerMessage(8, LogLevel.Warning, "Upstream redirect refused: route {Route}, provider {Provider}, status {StatusCode}")]
    public static partial void RedirectRefused(ILogger logger, string route, string provider, int statusCode);

    [LoggerMessage(9, LogLevel.Information, "Draining: readiness reports 503")]
    public static partial void Draining(ILogger logger);

    [LoggerMessage(10, LogLevel.Warning, "Route {Route}: attempt {Attempt} on {Provider}/{Target} failed ({Reason}, status {StatusCode}); no attempt left, returning the last error")]
    public static partial void AttemptsExhausted(ILogger logger, string route, int attempt, string provider, string target, AttemptFailure reason, int statusCode);

    /// <summary>H7: the upstream's response framing cannot be relayed; the attempt fails (502 when none is left).</summary>
    [LoggerMessage(20, LogLevel.Warning, "Upstream framing fault refused: route {Route}, provider {Provider}, status {StatusCode} ({Fault})")]
    public static partial void FramingFault(ILogger logger, string route, string provider, int statusCode, string fault);

    /// <summary>SPEC §9: the provider's answer could not be read in its own format; the caller gets its format's error.</summary>
    [LoggerMessage(30, LogLevel.Warning, "Route {Route}: the answer of {Provider} could not be translated ({Reason})")]
    public static partial void TranslationFailed(ILogger logger, string route, string provider, string reason);

    /// <summary>SPEC §10: a file or stored-response request got no usable upstream answer (never retried).</summary>
    [LoggerMessage(50, LogLevel.Warning, "{Route} request to {Provider} failed: {Failure}")]
    public static partial void StoredRequestFailed(ILogger logger, string route, string provider, AttemptFailure failure);
}
