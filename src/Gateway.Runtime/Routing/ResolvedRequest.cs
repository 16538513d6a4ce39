using Gateway.Runtime.Model;

namespace Gateway.Runtime.Routing;

/// <summary>
/// Where a request goes: a managed route (the gateway's credentials, its strategy picks targets) or a
/// passthrough to one provider (the caller's own credential). Null route and provider mean not found.
/// </summary>
internal readonly record struct ResolvedRequest(RouteDefinition? Route, ProviderDefinition? Provider, string? PassthroughModel, int PassthroughTimeoutMs, int? PassthroughMaxOutputTokens = null,
    int PassthroughIndex = -1, ModelPrice? PassthroughPrice = null)
{
    public bool Found => Route is not null || Provider is not null;

    public bool IsPassthrough => Provider is not null;

    public static ResolvedRequest Managed(RouteDefinition route) => new(route, null, null, 0);

    public static ResolvedRequest Passthrough(ProviderDefinition provider, string model, int timeoutMs, int? maxOutputTokens = null) => new(null, provider, model, timeoutMs, maxOutputTokens);

    /// <summary>A model the provider lists: <paramref name="index"/> into <see cref="CompiledGateway.Passthroughs"/> (a gateway key's allow-list names it).</summary>
    public static ResolvedRequest Passthrough(CompiledGateway gateway, int index)
    {
        var listed = gateway.Passthroughs[index];
        return new(null, listed.Provider, listed.Model, listed.TimeoutMs, listed.MaxOutputTokens, index, listed.Price);
    }
}
