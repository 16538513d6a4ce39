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
    TelemetrySpec Telemetry,
    EquatableArray<KeySpec> Keys,
    LimitsSpec Limits,
    StoredApiSpec? Files = null,
    StoredApiSpec? Responses = null)
{
    public const long DefaultMaxRequestBodyBytes = 32L * 1024 * 1024;
    public const int DefaultShutdownDrainMs = 25_000;
    public const int DefaultTimeoutMs = 30_000;
    /// <summary>SPEC §10 <c>[files] max_bytes</c>: 512 MiB, OpenAI's own limit for one file.</summary>
    public const long DefaultMaxFileBytes = 512L * 1024 * 1024;

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
        new SecuritySpec(false, EquatableArray<string>.Empty, PiiDetectors.None),
        new TelemetrySpec(false, null, "gateway"),
        EquatableArray<KeySpec>.Empty,
        LimitsSpec.Memory);
}

internal sealed record ServerSpec(string Host, int Port, long MaxRequestBodyBytes, int ShutdownDrainMs);

internal sealed record ProviderSpec(
    string Id,
    string BaseUrl,
    ProviderApi Api,
    AuthScheme AuthScheme,
    string AuthParameterName,
    EquatableArray<HeaderSpec> Headers,
    int TimeoutMs,
    EquatableArray<string> Models,
    bool ServesResponses = true);

internal sealed record HeaderSpec(string Name, string Value);

internal sealed record RouteSpec(
    string Name,
    RouteKind Kind,
    EndpointKind Endpoint,
    EquatableArray<StepSpec> Steps,
    int MaxRetries,
    int BackoffBaseMs);

/// <param name="AliasThreshold">Vose alias table (empty unless weighted/experiment).</param>
internal sealed record StepSpec(
    StrategyKind Strategy,
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
    int? MaxOutputTokens,
    PriceSpec? Price);

internal sealed record OverridesSpec(double? Temperature, double? TopP, int? MaxTokens);

internal sealed record PassthroughSpec(int ProviderIndex, string Model, int TimeoutMs, int? MaxOutputTokens, PriceSpec? Price);

/// <summary><c>[models.&lt;m&gt;]</c> prices in USD per million tokens; cached input null when not given.</summary>
internal sealed record PriceSpec(double InputUsdPerMTok, double OutputUsdPerMTok, double? CachedInputUsdPerMTok);

/// <param name="IsFile">file:: (true) or env:: (false).</param>
internal sealed record CredentialSpec(bool IsFile, string Name, string NeededBy);

/// <summary>One unprefixed managed lookup entry: on <paramref name="Endpoint"/>, <paramref name="Model"/> resolves to route <paramref name="Index"/>.</summary>
internal sealed record LookupSpec(EndpointKind Endpoint, string Model, int Index);

internal sealed record NamedIndexSpec(string Name, int Index);

internal sealed record ModelListingSpec(string Id, string OwnedBy);

internal sealed record SecuritySpec(bool Enabled, EquatableArray<string> Blocklist, PiiDetectors Pii);

internal sealed record TelemetrySpec(bool Enabled, string? OtlpEndpoint, string ServiceName);

/// <summary>A <c>[keys.&lt;name&gt;]</c> table: exactly one of <paramref name="CredentialSlot"/> (≥ 0) and <paramref name="Sha256Hex"/> is set.</summary>
/// <param name="Models">Null for the default allow-list (every managed route).</param>
internal sealed record KeySpec(
    string Name,
    int CredentialSlot,
    string? Sha256Hex,
    AllowListSpec? Models,
    int? RequestsPerMinute,
    long? TokensPerMinute,
    double? BudgetUsd,
    BudgetPeriod BudgetPeriod,
    bool Passthrough);

/// <summary>Sorted, distinct indices into routes, passthroughs and providers.</summary>
internal sealed record AllowListSpec(EquatableArray<int> Routes, EquatableArray<int> Passthroughs, EquatableArray<int> PassthroughProviders);

internal sealed record LimitsSpec(LimitStoreKind Store, int RedisCredentialSlot, StoreErrorPolicy OnStoreError)
{
    public static readonly LimitsSpec Memory = new(LimitStoreKind.Memory, -1, StoreErrorPolicy.Deny);
}

/// <summary>A compiled <c>[files]</c> or <c>[responses]</c> table (SPEC §10).</summary>
/// <param name="Managed">A credential was given: the gateway's key replaces the caller's.</param>
/// <param name="CredentialSlot">-1 when passthrough or the provider takes no key.</param>
/// <param name="MaxBytes">Upload bound (files); 0 for responses (the server's body limit applies).</param>
internal sealed record StoredApiSpec(int ProviderIndex, bool Managed, int CredentialSlot, long MaxBytes);
