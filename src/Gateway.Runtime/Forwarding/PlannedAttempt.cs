using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Forwarding;

/// <summary>One entry of a route's attempt plan.</summary>
/// <param name="Target">The target to call.</param>
/// <param name="Retry">0 for a target's first try, n for its n-th retry (drives the backoff).</param>
/// <param name="Variant">The target is an experiment variant (<c>x-gateway-variant</c>).</param>
internal readonly record struct PlannedAttempt(TargetDefinition Target, int Retry, bool Variant);
