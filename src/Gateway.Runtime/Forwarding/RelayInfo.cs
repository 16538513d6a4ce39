using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Forwarding;

/// <summary>What the relay needs to label and time a response.</summary>
/// <param name="RouteName">Route or function name, or <c>passthrough</c>.</param>
/// <param name="Route">The managed route, or null for passthrough.</param>
/// <param name="Call">The attempt whose response is relayed.</param>
/// <param name="Variant">The target is an experiment variant.</param>
/// <param name="Usage">Keeps what telemetry reports from the body, or null when nobody collects it.</param>
/// <param name="StreamsEnding">Cancelled at the drain deadline: an event stream still running is ended with the error event (T4).</param>
/// <param name="HidesUsageChunk">The gateway asked for the usage chunk on the caller's behalf: the relay removes it (SPEC §11).</param>
internal readonly record struct RelayInfo(string RouteName, RouteDefinition? Route, UpstreamCall Call, bool Variant, Telemetry.ResponseUsageCapture? Usage = null, CancellationToken StreamsEnding = default, bool HidesUsageChunk = false);
