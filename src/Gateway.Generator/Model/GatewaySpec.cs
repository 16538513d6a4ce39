namespace Gateway.Generator.Model;

// The location-free, value-equatable result of validation: exactly what the emitters need.
// Moving a line or editing a comment in gateway.toml leaves it equal, so no code is re-emitted.

/// <summary>Everything the emitters write. <see cref="Empty"/> when the config has errors.</summary>
internal sealed record GatewaySpec(
    ServerSpec Server,
    EquatableArray<ProviderSpec> Providers,
    EquatableArray<RouteSpec> Routes,
    EquatableArray<PassthroughSpec> Passthroughs,
    EquatableArray<CredentialSpec> Credentials,
    EquatableArray<LookupSpec> Lookups,
    EquatableArray<NamedIndexSpec> PassthroughLookups,
    EquatableArray<NamedIndexSpec> FunctionNames,
    EquatableArray<NamedIndexSpec> RouteNames,
    EquatableArray<ModelListingSpec> ModelListings,
    SecuritySpec Security,
    TelemetrySpec Telemetry)
{
    public const long DefaultMaxRequestBodyBytes = 32L * 1024 * 1024;
    public const int DefaultShutdownDrainMs = 25_000;
    public const int DefaultTimeoutMs = 30_000;

    public static readonly GatewaySpec Empty = new(
        new ServerSpec("127.0.0.1", 4000, DefaultMaxRequestBodyBytes, DefaultShutdownDrainMs),
        EquatableArray<ProviderSpec>.Empty,
        EquatableArray<RouteSpec>.Empty,
        EquatableArray<PassthroughSpec>.Empty,
        EquatableArray<CredentialSpec>.Empty,
        EquatableArray<LookupSpec>.Empty,
        EquatableArray<NamedIndexSpec>.Empty,
        EquatableArray<NamedIndexSpec>.Empty,
        EquatableArray<NamedIndexSpec>.Empty,
        EquatableArray<ModelListingSpec>.Empty,
        new SecuritySpec(false, EquatableArray<string>.Empty, EquatableArray<string>.Empty),
        new TelemetrySpec(false, null, "gateway"));
}

internal sealed record ServerSpec(string Host, int Port, long MaxRequestBodyBytes, int ShutdownDrainMs);

/// <param name="Api">Runtime enum member name: OpenAi, Anthropic.</param>
/// <param name="AuthScheme">Runtime enum member name: Bearer, ApiKeyHeader, QueryParam, None.</param>
internal sealed record ProviderSpec(
    string Id,
    string BaseUrl,
    string Api,
    string AuthScheme,
    string AuthParameterName,
    EquatableArray<HeaderSpec> Headers,
    int TimeoutMs,
    EquatableArray<string> Models);

internal sealed record HeaderSpec(string Name, string Value);

/// <param name="Kind">Runtime enum member name: Route, Function, BareTarget.</param>
/// <param name="Endpoint">Runtime enum member name: Chat, Embeddings, ...</param>
internal sealed record RouteSpec(
    string Name,
    string Kind,
    string Endpoint,
    EquatableArray<StepSpec> Steps,
    int MaxRetries,
    int BackoffBaseMs);

/// <param name="Strategy">Runtime enum member name: Single, Weighted, Fallback, Experiment.</param>
/// <param name="AliasThreshold">Vose alias table (empty unless weighted/experiment).</param>
internal sealed record StepSpec(
    string Strategy,
    EquatableArray<TargetSpec> Targets,
    EquatableArray<long> AliasThreshold,
    EquatableArray<int> Alias,
    long TotalWeight);

internal sealed record TargetSpec(
    string Name,
    int ProviderIndex,
    string Model,
    int CredentialSlot,
    int Weight,
    int TimeoutMs,
    OverridesSpec? Overrides,
    int? MaxOutputTokens);

internal sealed record OverridesSpec(double? Temperature, double? TopP, int? MaxTokens);

internal sealed record PassthroughSpec(int ProviderIndex, string Model, int TimeoutMs, int? MaxOutputTokens);

/// <param name="IsFile">file:: (true) or env:: (false).</param>
internal sealed record CredentialSpec(bool IsFile, string Name, string NeededBy);

/// <summary>One unprefixed managed lookup entry: on <paramref name="Endpoint"/>, <paramref name="Model"/> resolves to route <paramref name="Index"/>.</summary>
internal sealed record LookupSpec(string Endpoint, string Model, int Index);

internal sealed record NamedIndexSpec(string Name, int Index);

internal sealed record ModelListingSpec(string Id, string OwnedBy);

internal sealed record SecuritySpec(bool Enabled, EquatableArray<string> Blocklist, EquatableArray<string> Pii);

internal sealed record TelemetrySpec(bool Enabled, string? OtlpEndpoint, string ServiceName);
