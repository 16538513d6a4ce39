using Gateway.Runtime.Credentials;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Keys;
using Gateway.Runtime.Model;
using Gateway.Runtime.Routing;

namespace Gateway.Benchmarks;

/// <summary>
/// A hand-written stand-in for the generated <c>GeneratedGateway</c>: the lookups are shaped like
/// <c>LookupEmitter</c>'s output (a <c>switch</c> on the endpoint, then on the model span); every
/// table the benchmarks do not touch throws.
/// </summary>
public sealed class BenchCompiledGateway : CompiledGateway
{
    /// <summary>The chat models, in the switch's case order (routes 0–3, then passthroughs 0–5).</summary>
    public static readonly string[] ChatModels =
    [
        "smart", "fast", "gpt-4o", "claude-sonnet-4-6",
        "gpt-4o-mini", "o3", "o4-mini", "claude-haiku-4-5", "llama-3.3-70b", "mistral-large",
    ];

    public override ServerSettings Server => throw new NotSupportedException();
    public override SecuritySettings Security => throw new NotSupportedException();
    public override TelemetrySettings Telemetry => throw new NotSupportedException();
    public override ProviderDefinition[] Providers => throw new NotSupportedException();
    public override RouteDefinition[] Routes => throw new NotSupportedException();
    public override PassthroughDefinition[] Passthroughs => throw new NotSupportedException();
    public override CredentialRequirement[] Credentials => throw new NotSupportedException();
    public override KeyDefinition[] Keys => throw new NotSupportedException();
    public override LimitsSettings Limits => throw new NotSupportedException();
    public override ModelListing[] ModelListings { get; } = Array.ConvertAll(ChatModels, m => new ModelListing(m, "bench"));

    /// <summary>Shaped like the generated <c>FindModelListing</c> (ids in <see cref="ChatModels"/> order).</summary>
    public override int FindModelListing(ReadOnlySpan<char> id) => id switch
    {
        "smart" => 0,
        "fast" => 1,
        "gpt-4o" => 2,
        "claude-sonnet-4-6" => 3,
        "gpt-4o-mini" => 4,
        "o3" => 5,
        "o4-mini" => 6,
        "claude-haiku-4-5" => 7,
        "llama-3.3-70b" => 8,
        "mistral-large" => 9,
        _ => -1,
    };

    public override RouteMatch Resolve(EndpointKind endpoint, ReadOnlySpan<char> model)
    {
        switch (endpoint)
        {
            case EndpointKind.Chat:
                switch (model)
                {
                    case "smart": return RouteMatch.Route(0);
                    case "fast": return RouteMatch.Route(1);
                    case "gpt-4o": return RouteMatch.Route(2);
                    case "claude-sonnet-4-6": return RouteMatch.Route(3);
                    case "gpt-4o-mini": return RouteMatch.Passthrough(0);
                    case "o3": return RouteMatch.Passthrough(1);
                    case "o4-mini": return RouteMatch.Passthrough(2);
                    case "claude-haiku-4-5": return RouteMatch.Passthrough(3);
                    case "llama-3.3-70b": return RouteMatch.Passthrough(4);
                    case "mistral-large": return RouteMatch.Passthrough(5);
                }
                break;
            case EndpointKind.Embeddings:
                switch (model)
                {
                    case "text-embedding-3-small": return RouteMatch.Passthrough(6);
                    case "text-embedding-3-large": return RouteMatch.Passthrough(7);
                }
                break;
        }
        return RouteMatch.None;
    }

    public override int FindFunction(ReadOnlySpan<char> name) => -1;

    public override int FindRoute(ReadOnlySpan<char> name) => name switch
    {
        "smart" => 0,
        "fast" => 1,
        "gpt4o" => 2,
        "sonnet" => 3,
        _ => -1,
    };

    public override int FindProvider(ReadOnlySpan<char> id) => id switch
    {
        "openai" => 0,
        "anthropic" => 1,
        "groq" => 2,
        _ => -1,
    };

    public override int FindPassthrough(int providerIndex, ReadOnlySpan<char> model) => -1;

    public override CredentialResolution ResolveCredentials(ICredentialSource source) => throw new NotSupportedException();
}
