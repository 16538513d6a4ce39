namespace Gateway.Runtime.Formats.Canonical;

/// <summary>A wire format a caller speaks or a provider serves (SPEC §9, §10).</summary>
internal enum WireFormat : byte
{
    /// <summary>OpenAI Chat Completions (<c>/v1/chat/completions</c>).</summary>
    OpenAiChat,
    /// <summary>Anthropic Messages (<c>/v1/messages</c>).</summary>
    Anthropic,
    /// <summary>OpenAI Responses (<c>/v1/responses</c>, SPEC §10): reader and writer arrive with issue 14.</summary>
    OpenAiResponses,
}
