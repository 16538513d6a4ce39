using Microsoft.Extensions.Logging;

namespace Gateway.Runtime.Hosting;

/// <summary>
/// Start-up and shutdown events of the host, with explicit event ids in their own range (100+) so they
/// never collide with the forwarder's <c>GatewayLog</c>. Counts and addresses only: never a credential (S4).
/// </summary>
internal static partial class HostingLog
{
    [LoggerMessage(100, LogLevel.Information,
        "Gateway started: {Providers} providers, {Routes} routes, {Functions} functions, {PassthroughModels} passthrough models; security {Security}, telemetry {Telemetry}; listening on {Addresses}")]
    public static partial void Started(ILogger logger, int providers, int routes, int functions, int passthroughModels, string security, string telemetry, string addresses);

    [LoggerMessage(101, LogLevel.Information, "Drained: {InFlight} in-flight request(s) finished; stopping the server")]
    public static partial void Drained(ILogger logger, int inFlight);

    [LoggerMessage(102, LogLevel.Warning, "Drain deadline (shutdown_drain_ms) reached with {InFlight} request(s) still in flight; ending their streams with an error event")]
    public static partial void DrainDeadline(ILogger logger, int inFlight);

    [LoggerMessage(103, LogLevel.Warning, "{InFlight} request(s) still in flight after the closing allowance; aborting them")]
    public static partial void ClosingDeadline(ILogger logger, int inFlight);
}
