using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Telemetry;

/// <summary>
/// Source-generated log messages with stable event ids (Kestrel's KestrelTrace pattern). Arguments are
/// names, ids, statuses and enum values only: never headers, bodies, URLs (a query credential lives
/// there) or exception messages (S4).
/// </summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Debug, "Forwarded {Route} to {Provider}/{Target}: {StatusCode}")]
    public static partial void Forwarded(ILogger logger, string route, string provider, string? target, int statusCode);

    [LoggerMessage(2, LogLevel.Warning, "Upstream attempt failed: route {Route}, provider {Provider}, target {Target}: {Failure} ({ErrorKind})")]
    public static partial void AttemptFailed(ILogger logger, string route, string provider, string? target, string failure, string errorKind);

    [LoggerMessage(3, LogLevel.Information, "Upstream returned {StatusCode} on route {Route}, target {Target}; moving on")]
    public static partial void RetryableStatus(ILogger logger, int statusCode, string route, string? target);

    [LoggerMessage(4, LogLevel.Warning, "Upstream stream failed after the response started: route {Route}, provider {Provider}: {Result}")]
    public static partial void StreamFailed(ILogger logger, string route, string provider, string result);

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
}
