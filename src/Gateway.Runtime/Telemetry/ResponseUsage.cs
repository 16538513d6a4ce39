namespace Gateway.Runtime.Telemetry;

/// <summary>The response model and token counts a response body reported (each may be missing); input includes cached input.</summary>
internal readonly record struct ResponseUsage(string? Model, long? InputTokens, long? OutputTokens, long? CachedInputTokens = null);
