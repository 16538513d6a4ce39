namespace Gateway.Runtime.Routing;

/// <summary>The wire format a provider speaks (<c>[providers.id] api</c>, SPEC §9).</summary>
public enum ProviderApi
{
    /// <summary>OpenAI: Chat Completions and the other OpenAI endpoints.</summary>
    OpenAi,

    /// <summary>Anthropic Messages (chat only).</summary>
    Anthropic,
}
