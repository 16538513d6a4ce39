namespace Gateway.Runtime.Model;

/// <summary>One upstream choice of a managed route: a provider, the upstream model and the credential to present.</summary>
public sealed class TargetDefinition(
    string name,
    ProviderDefinition provider,
    string model,
    int credentialSlot,
    int weight,
    int timeoutMs,
    RequestOverrides? overrides = null,
    int? maxOutputTokens = null,
    ModelPrice? price = null)
{
    /// <summary>Target name (<c>x-gateway-target</c>); for experiments the variant name.</summary>
    public string Name { get; } = name;
    public ProviderDefinition Provider { get; } = provider;
    /// <summary>The model sent upstream (prefix <c>provider::</c> already stripped).</summary>
    public string Model { get; } = model;
    /// <summary>Index into the resolved credential array, or -1 when the provider needs none.</summary>
    public int CredentialSlot { get; } = credentialSlot;
    public int Weight { get; } = weight;
    /// <summary>Attempt timeout: target → model → provider → defaults, resolved by the generator.</summary>
    public int TimeoutMs { get; } = timeoutMs;
    /// <summary>Experiment variant overrides, or null.</summary>
    public RequestOverrides? Overrides { get; } = overrides;
    /// <summary><c>[models.&lt;m&gt;] max_output_tokens</c> of the upstream model: max_tokens for an Anthropic provider when the caller sent none.</summary>
    public int? MaxOutputTokens { get; } = maxOutputTokens;
    /// <summary>The upstream model's <c>[models]</c> prices, or null when unpriced (spend is then not counted).</summary>
    public ModelPrice? Price { get; } = price;

    public override string ToString() => Name;
}
