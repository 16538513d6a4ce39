namespace Gateway.Runtime.Model;

/// <summary>A model served by a provider without a route: the caller's own key is forwarded (SPEC §4).</summary>
public sealed class PassthroughDefinition(ProviderDefinition provider, string model, int timeoutMs, int? maxOutputTokens = null, ModelPrice? price = null)
{
    public ProviderDefinition Provider { get; } = provider;
    public string Model { get; } = model;
    /// <summary>Model → provider → defaults, resolved by the generator.</summary>
    public int TimeoutMs { get; } = timeoutMs;
    /// <summary>See <see cref="TargetDefinition.MaxOutputTokens"/>.</summary>
    public int? MaxOutputTokens { get; } = maxOutputTokens;
    /// <summary>See <see cref="TargetDefinition.Price"/>.</summary>
    public ModelPrice? Price { get; } = price;
}
