namespace Gateway.Runtime.Model;

/// <summary>
/// What a gateway key may reach, resolved by the generator into indices of the compiled table: request
/// model names, <c>route::x</c> and <c>function::x</c> become route indices, a model name a provider
/// lists becomes a passthrough index, <c>provider::*</c> a provider index. Without a <c>models</c> list a
/// key reaches every managed route and no passthrough (SPEC §11).
/// </summary>
public sealed class ModelAllowList(bool everyRoute, int[] routes, int[] passthroughs, int[] passthroughProviders)
{
    /// <summary>The default list: every route of the table, no passthrough.</summary>
    public static ModelAllowList EveryRoute { get; } = new(true, [], [], []);

    public bool EveryRouteAllowed { get; } = everyRoute;

    /// <summary>Indices into <see cref="CompiledGateway.Routes"/> (ignored when <see cref="EveryRouteAllowed"/>).</summary>
    public int[] Routes { get; } = routes;

    /// <summary>Indices into <see cref="CompiledGateway.Passthroughs"/>.</summary>
    public int[] Passthroughs { get; } = passthroughs;

    /// <summary>Indices into <see cref="CompiledGateway.Providers"/> whose every model is allowed (<c>provider::*</c>).</summary>
    public int[] PassthroughProviders { get; } = passthroughProviders;

    public bool AllowsRoute(int routeIndex) => EveryRouteAllowed || Array.IndexOf(Routes, routeIndex) >= 0;

    /// <summary>A passthrough to <paramref name="providerIndex"/>; <paramref name="passthroughIndex"/> is -1 for a model the provider does not list.</summary>
    public bool AllowsPassthrough(int passthroughIndex, int providerIndex) =>
        Array.IndexOf(PassthroughProviders, providerIndex) >= 0
        || (passthroughIndex >= 0 && Array.IndexOf(Passthroughs, passthroughIndex) >= 0);
}
