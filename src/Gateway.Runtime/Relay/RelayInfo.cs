using Gateway.Runtime.Model;
using Gateway.Runtime.Upstream;

using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.Responses;
using Gateway.Runtime.Ingress;

namespace Gateway.Runtime.Relay;

/// <summary>What the relay needs to label and time a response.</summary>
/// <param name="RouteName">Route or function name, or <c>passthrough</c>.</param>
/// <param name="Route">The managed route, or null for passthrough.</param>
/// <param name="Call">The attempt whose response is relayed.</param>
/// <param name="EventStream">The response is <c>text/event-stream</c> (<see cref="ResponseRelay.IsEventStream"/>), decided once by whoever read its headers.</param>
/// <param name="Variant">The target is an experiment variant.</param>
/// <param name="Usage">Keeps what telemetry reports from the body, or null when nobody collects it.</param>
/// <param name="StreamsEnding">Cancelled at the drain deadline: an event stream still running is ended with the error event (T4).</param>
/// <param name="HidesUsageChunk">The gateway asked for the usage chunk on the caller's behalf: the relay removes it (SPEC §11).</param>
/// <param name="CallerFormat">The format the caller speaks; a translated answer is written in it.</param>
/// <param name="CallerAskedForUsage">An OpenAI caller asked for the final usage chunk (a translated stream then ends with one).</param>
/// <param name="Responses">A Responses caller's dropped tools and custom tool names (SPEC §10), once its body was read for translation.</param>
internal readonly record struct RelayInfo(string RouteName, RouteDefinition? Route, UpstreamCall Call, bool EventStream, bool Variant, ResponseUsageCapture? Usage = null, CancellationToken StreamsEnding = default, bool HidesUsageChunk = false,
    WireFormat CallerFormat = WireFormat.OpenAiChat, bool CallerAskedForUsage = false, ResponsesRequestInfo? Responses = null);
