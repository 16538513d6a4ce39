using Gateway.Runtime.Credentials;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Tests.Support;

/// <summary>
/// A hand-written <see cref="CompiledGateway"/>: linear searches instead of generated switches, so unit
/// tests can build tables without running the generator.
/// </summary>
internal sealed class TestGateway : CompiledGateway
{
    public TestGateway(ProviderDefinition[] providers, RouteDefinition[] routes, (string Model, EndpointKind Endpoint, int Route)[] routeModels, CredentialRequirement[]? credentials = null)
    {
        Providers = providers;
        Routes = routes;
        RouteModels = routeModels;
        Passthroughs = providers.SelectMany(p => p.Models.Select(m => new PassthroughDefinition(p, m, p.TimeoutMs))).ToArray();
        Credentials = credentials ?? [];
        ModelListings = Passthroughs.Select(p => new ModelListing(p.Model, p.Provider.Id))
            .Concat(routeModels.Select(r => new ModelListing(r.Model, "gateway"))).ToArray();
    }

    public (string Model, EndpointKind Endpoint, int Route)[] RouteModels { get; }

    public override ServerSettings Server { get; } = new("127.0.0.1", 0, 1024 * 1024, 1000);
    public override SecuritySettings Security { get; } = new(false, [], PiiDetectors.None);
    public override TelemetrySettings Telemetry { get; } = new(false, null, "gateway");
    public override ProviderDefinition[] Providers { get; }
    public override RouteDefinition[] Routes { get; }
    public override PassthroughDefinition[] Passthroughs { get; }
    public override CredentialRequirement[] Credentials { get; }
    public override ModelListing[] ModelListings { get; }
    public override KeyDefinition[] Keys { get; } = [];
    public override LimitsSettings Limits { get; } = LimitsSettings.Memory;

    public override int FindModelListing(ReadOnlySpan<char> id)
    {
        for (var i = 0; i < ModelListings.Length; i++)
        {
            if (id.SequenceEqual(ModelListings[i].Id)) return i;
        }
        return -1;
    }

    public override RouteMatch Resolve(EndpointKind endpoint, ReadOnlySpan<char> model)
    {
        var name = model.ToString();
        var function = Array.FindIndex(Routes, r => r.Kind == RouteKind.Function && r.Name == name && r.Endpoint == endpoint);
        if (function >= 0) return RouteMatch.Route(function);
        foreach (var (m, e, route) in RouteModels)
        {
            if (m == name && e == endpoint) return RouteMatch.Route(route);
        }
        var passthrough = Array.FindIndex(Passthroughs, p => p.Model == name);
        return passthrough >= 0 ? RouteMatch.Passthrough(passthrough) : RouteMatch.None;
    }

    public override int FindFunction(ReadOnlySpan<char> name)
    {
        var n = name.ToString();
        return Array.FindIndex(Routes, r => r.Kind == RouteKind.Function && r.Name == n);
    }

    public override int FindRoute(ReadOnlySpan<char> name)
    {
        var n = name.ToString();
        return Array.FindIndex(Routes, r => r.Kind != RouteKind.Function && r.Name == n);
    }

    public override int FindProvider(ReadOnlySpan<char> id)
    {
        var n = id.ToString();
        return Array.FindIndex(Providers, p => p.Id == n);
    }

    public override int FindPassthrough(int providerIndex, ReadOnlySpan<char> model)
    {
        var n = model.ToString();
        return Array.FindIndex(Passthroughs, p => p.Provider.Index == providerIndex && p.Model == n);
    }

    public override CredentialResolution ResolveCredentials(ICredentialSource source)
    {
        var resolver = new CredentialResolver(source, Credentials.Length);
        for (var i = 0; i < Credentials.Length; i++) resolver.Resolve(i, Credentials[i]);
        return resolver.Complete();
    }

    public static ProviderDefinition Provider(int index, string id, string baseUrl, params string[] models) =>
        new(index, id, baseUrl, AuthScheme.Bearer, "", [], 30000, models);

    public static RouteDefinition SingleRoute(int index, string name, TargetDefinition target, RouteKind kind = RouteKind.Route, EndpointKind endpoint = EndpointKind.Chat) =>
        new(index, name, kind, endpoint, [new StepDefinition(StrategyKind.Single, [target])], new RetrySettings(0, 0));
}
