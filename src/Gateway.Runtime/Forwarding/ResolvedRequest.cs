using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// Where a request goes: a managed route (the gateway's credentials, its strategy picks targets) or a
/// passthrough to one provider (the caller's own credential). Null route and provider mean not found.
/// </summary>
internal readonly record struct ResolvedRequest(RouteDefinition? Route, ProviderDefinition? Provider, string? PassthroughModel, int PassthroughTimeoutMs, int? PassthroughMaxOutputTokens = null)
{
    public bool Found => Route is not null || Provider is not null;

    public bool IsPassthrough => Provider is not null;

    public static ResolvedRequest Managed(RouteDefinition route) => new(route, null, null, 0);

    public static ResolvedRequest Passthrough(ProviderDefinition provider, string model, int timeoutMs, int? maxOutputTokens = null) => new(null, provider, model, timeoutMs, maxOutputTokens);

    public static ResolvedRequest Passthrough(PassthroughDefinition listed) => new(null, listed.Provider, listed.Model, listed.TimeoutMs, listed.MaxOutputTokens);
}
