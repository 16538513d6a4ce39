using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Forwarding;

/// <summary>Endpoint path appended to a provider's <c>base_url</c> (SPEC §3). Never taken from the request (S5).</summary>
internal static class EndpointPaths
{
    public const int Count = 5;

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
