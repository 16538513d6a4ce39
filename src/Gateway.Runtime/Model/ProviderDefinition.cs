namespace Gateway.Runtime.Model;

/// <summary>A compiled <c>[providers.id]</c> table. Every value was validated by the generator.</summary>
public sealed class ProviderDefinition(
    int index,
    string id,
    string baseUrl,
    AuthScheme auth,
    string authParameterName,
    KeyValuePair<string, string>[] staticHeaders,
    int timeoutMs,
    string[] models,
    ProviderApi api = ProviderApi.OpenAi,
    bool servesResponses = true)
{
    /// <summary>Position in <see cref="CompiledGateway.Providers"/> (file order).</summary>
    public int Index { get; } = index;
    public string Id { get; } = id;
    /// <summary>Absolute http(s) URL including the version segment, without a trailing slash.</summary>
    public string BaseUrl { get; } = baseUrl;
    /// <summary>The wire format the provider reads and writes (SPEC §9).</summary>
    public ProviderApi Api { get; } = api;
    /// <summary>SPEC §10: POST /v1/responses is relayed as bytes to <c>{base_url}/responses</c>; never for Anthropic.</summary>
    public bool ServesResponses { get; } = servesResponses && api == ProviderApi.OpenAi;
    public AuthScheme Auth { get; } = auth;
    /// <summary>Header name for <see cref="AuthScheme.ApiKeyHeader"/>, query parameter for <see cref="AuthScheme.QueryParam"/>.</summary>
    public string AuthParameterName { get; } = authParameterName;
    /// <summary>Extra headers sent upstream on every request (e.g. <c>anthropic-version</c>).</summary>
    public KeyValuePair<string, string>[] StaticHeaders { get; } = staticHeaders;
    /// <summary>Provider timeout, already defaulted from <c>[defaults.provider]</c>.</summary>
    public int TimeoutMs { get; } = timeoutMs;
    public string[] Models { get; } = models;

    public override string ToString() => Id;
}
