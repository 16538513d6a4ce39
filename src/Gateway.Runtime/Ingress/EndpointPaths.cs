using Gateway.Runtime.Model;

namespace Gateway.Runtime.Ingress;

/// <summary>Endpoint path appended to a provider's <c>base_url</c> (SPEC §3). Never taken from the request (S5).</summary>
internal static class EndpointPaths
{
    /// <summary>How many endpoint kinds there are: the shared enum decides (src/Shared/ConfigEnums.cs), not a second list.</summary>
    public static readonly int Count = Enum.GetValues<EndpointKind>().Length;

    /// <summary>Anthropic Messages, where an <c>api = "anthropic"</c> provider serves chat (SPEC §9).</summary>
    public const string AnthropicMessages = "/messages";

    /// <summary>Anthropic's token counting, for <c>/v1/messages/count_tokens</c>.</summary>
    public const string AnthropicCountTokens = "/messages/count_tokens";

    /// <summary>OpenAI Responses, where a provider with <c>responses = true</c> serves <c>/v1/responses</c> natively (SPEC §10).</summary>
    public const string Responses = "/responses";

    /// <summary>The path for <paramref name="endpoint"/> at a provider of <paramref name="api"/>.</summary>
    public static string Upstream(ProviderApi api, EndpointKind endpoint) =>
        api == ProviderApi.Anthropic && endpoint == EndpointKind.Chat ? AnthropicMessages : Upstream(endpoint);

    public static string Upstream(EndpointKind endpoint) => endpoint switch
    {
        EndpointKind.Chat => "/chat/completions",
        EndpointKind.Embeddings => "/embeddings",
        EndpointKind.AudioSpeech => "/audio/speech",
        EndpointKind.AudioTranscription => "/audio/transcriptions",
        EndpointKind.ImageGeneration => "/images/generations",
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };
}
