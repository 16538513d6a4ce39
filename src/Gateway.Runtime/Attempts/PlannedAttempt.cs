using Gateway.Runtime.Model;

namespace Gateway.Runtime.Attempts;

/// <summary>One attempt handed out by <see cref="AttemptCursor"/>.</summary>
/// <param name="Target">The target to call; null for a passthrough request.</param>
/// <param name="Retry">0 for a target's first try, n for its n-th retry (drives the backoff).</param>
/// <param name="Variant">The target is an experiment variant (<c>x-gateway-variant</c>).</param>
/// <param name="Degraded">The final "degraded-mode" attempt of the first target after every target failed.</param>
internal readonly record struct PlannedAttempt(TargetDefinition? Target, int Retry, bool Variant, bool Degraded = false);
