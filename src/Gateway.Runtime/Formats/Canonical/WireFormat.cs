namespace Gateway.Runtime.Formats.Canonical;

/// <summary>A wire format a caller speaks or a provider serves (SPEC §9, §10).</summary>
internal enum WireFormat : byte
{
    /// <summary>OpenAI Chat Completions (<c>/v1/chat/completions</c>).</summary>
    OpenAiChat,
    /// <summary>Anthropic Messages (<c>/v1/messages</c>).</summary>
    Anthropic,
    /// <summary>OpenAI Responses (<c>/v1/responses</c>, SPEC §10): read from a caller and written back to it (<c>Formats/Responses</c>). A provider that serves it gets the caller's bytes; none is translated into it.</summary>
    OpenAiResponses,
}
