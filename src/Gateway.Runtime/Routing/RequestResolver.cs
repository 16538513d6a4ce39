using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Routing;

/// <summary>Applies SPEC §3: explicit prefix first, otherwise the generated top-down lookup.</summary>
internal static class RequestResolver
{
    /// <param name="gateway">The compiled table.</param>
    /// <param name="endpoint">The request's endpoint kind.</param>
    /// <param name="model">The request's model.</param>
    /// <param name="listing">Its index in the table's listings when the peek found it (<see cref="ModelField.Listing"/>).</param>
    public static ResolvedRequest Resolve(CompiledGateway gateway, EndpointKind endpoint, string model, int listing = ModelField.NotLookedUp)
    {
        var reference = ModelReference.Parse(model);
        switch (reference.Prefix)
        {
            case ModelPrefix.Function:
                return ManagedIfServes(gateway, gateway.FindFunction(reference.Name), endpoint);
            case ModelPrefix.Route:
                return ManagedIfServes(gateway, gateway.FindRoute(reference.Name), endpoint);
            case ModelPrefix.Provider:
                var providerIndex = gateway.FindProvider(reference.Qualifier);
                if (providerIndex < 0 || reference.Name.IsEmpty)
                {
                    return default;
                }
                var provider = gateway.Providers[providerIndex];
                var listed = gateway.FindPassthrough(providerIndex, reference.Name);
                // An unlisted model is allowed with an explicit prefix; it gets the provider's timeout.
                return listed >= 0
                    ? ResolvedRequest.Passthrough(gateway, listed)
                    : ResolvedRequest.Passthrough(provider, reference.Name.ToString(), provider.TimeoutMs);
            default:
                // A listed name (no prefix) was found by the peek already: its match is an array read.
                var match = listing >= 0 ? gateway.ResolveListed(endpoint, listing) : gateway.Resolve(endpoint, model);
                return match.Kind switch
                {
                    RouteMatchKind.Route => ResolvedRequest.Managed(gateway.Routes[match.Index]),
                    RouteMatchKind.Passthrough => ResolvedRequest.Passthrough(gateway, match.Index),
                    RouteMatchKind.None => default,
                    _ => throw new InvalidOperationException("Unknown match kind " + match.Kind + "."),
                };
        }
    }

    /// <summary>SPEC §9: an Anthropic provider speaks only Messages; its models exist on no other endpoint.</summary>
    public static bool IsAnthropicPassthroughOffChat(in ResolvedRequest resolved, EndpointKind endpoint) =>
        resolved.IsPassthrough && endpoint != EndpointKind.Chat && resolved.Provider!.Api == ProviderApi.Anthropic;

    /// <summary>Whether a request for <paramref name="model"/> on <paramref name="endpoint"/> would get past the 404s.</summary>
    public static bool Serves(CompiledGateway gateway, EndpointKind endpoint, string model)
    {
        var resolved = Resolve(gateway, endpoint, model);
        return resolved.Found && !IsAnthropicPassthroughOffChat(resolved, endpoint);
    }

    private static ResolvedRequest ManagedIfServes(CompiledGateway gateway, int index, EndpointKind endpoint)
    {
        // A route for another endpoint does not exist for this one.
        if (index < 0 || gateway.Routes[index].Endpoint != endpoint)
        {
            return default;
        }
        return ResolvedRequest.Managed(gateway.Routes[index]);
    }
}
