namespace Gateway.Runtime.Routing;

/// <summary>The OpenAI-compatible endpoints a route or function can serve (SPEC §3).</summary>
public enum EndpointKind : byte
{
    /// <summary><c>POST /v1/chat/completions</c></summary>
    Chat,
    /// <summary><c>POST /v1/embeddings</c></summary>
    Embeddings,
    /// <summary><c>POST /v1/audio/speech</c> (JSON in, binary audio out)</summary>
    AudioSpeech,
    /// <summary><c>POST /v1/audio/transcriptions</c> (multipart/form-data)</summary>
    AudioTranscription,
    /// <summary><c>POST /v1/images/generations</c></summary>
    ImageGeneration,
}
