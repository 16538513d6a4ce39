using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Ingress;

/// <summary>
/// The one table of forwarded endpoints: the dispatcher matches paths against it, the caller's format and
/// the upstream path come from its rows, and telemetry names come from it. A new ingress format is one row
/// here (plus its reader and writer in <c>Formats/</c>). The kinds themselves are the shared
/// <see cref="EndpointKind"/> (the config's spelling of them lives with the generator's schema).
/// </summary>
internal static class IngressEndpoints
{
    public static readonly IngressEndpoint Chat = new(0, "/v1/chat/completions", EndpointKind.Chat, WireFormat.OpenAiChat, "/chat/completions", "chat");

    /// <summary>SPEC §9: Anthropic Messages is the chat kind in Anthropic's format (Claude Code's <c>?beta=true</c> is in the query, not the path).</summary>
    public static readonly IngressEndpoint Messages = new(1, "/v1/messages", EndpointKind.Chat, WireFormat.Anthropic, "/messages", "chat");

    public static readonly IngressEndpoint CountTokens = new(2, "/v1/messages/count_tokens", EndpointKind.Chat, WireFormat.Anthropic, "/messages/count_tokens", "chat", CountTokens: true);

    /// <summary>SPEC §10: Responses is the chat kind too, relayed natively or translated per target.</summary>
    public static readonly IngressEndpoint Responses = new(3, "/v1/responses", EndpointKind.Chat, WireFormat.OpenAiResponses, "/responses", "chat");

    public static readonly IngressEndpoint Embeddings = new(4, "/v1/embeddings", EndpointKind.Embeddings, WireFormat.OpenAiChat, "/embeddings", "embeddings");

    public static readonly IngressEndpoint AudioSpeech = new(5, "/v1/audio/speech", EndpointKind.AudioSpeech, WireFormat.OpenAiChat, "/audio/speech", "audio_speech");

    public static readonly IngressEndpoint AudioTranscription = new(6, "/v1/audio/transcriptions", EndpointKind.AudioTranscription, WireFormat.OpenAiChat, "/audio/transcriptions", "audio_transcription");

    public static readonly IngressEndpoint ImageGeneration = new(7, "/v1/images/generations", EndpointKind.ImageGeneration, WireFormat.OpenAiChat, "/images/generations", "image_generation");

    /// <summary>Every row, in <see cref="IngressEndpoint.Index"/> order; the OpenAI rows follow <see cref="EndpointKind"/> order.</summary>
    public static readonly IngressEndpoint[] All = [Chat, Messages, CountTokens, Responses, Embeddings, AudioSpeech, AudioTranscription, ImageGeneration];

    /// <summary>The row for an exact path, or null (SPEC §6: no trailing slash, no case folding). Chat is the first row: one comparison for most requests.</summary>
    public static IngressEndpoint? Find(string path)
    {
        foreach (var endpoint in All)
        {
            if (string.Equals(path, endpoint.Path, StringComparison.Ordinal))
            {
                return endpoint;
            }
        }
        return null;
    }

    /// <summary>The OpenAI-compatible row of a kind (SPEC §3's table): where a caller of the OpenAI SDK sends it.</summary>
    public static IngressEndpoint OpenAi(EndpointKind kind)
    {
        foreach (var endpoint in All)
        {
            if (endpoint.Kind == kind && endpoint.Format == WireFormat.OpenAiChat)
            {
                return endpoint;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "No OpenAI endpoint row for this kind.");
    }

    /// <summary>The path a provider of <paramref name="format"/> serves chat on: where a translated chat body goes.</summary>
    public static IngressEndpoint ChatIn(WireFormat format) => format switch
    {
        WireFormat.OpenAiChat => Chat,
        WireFormat.Anthropic => Messages,
        WireFormat.OpenAiResponses => Responses,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
