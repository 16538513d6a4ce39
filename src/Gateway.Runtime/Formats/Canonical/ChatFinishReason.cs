namespace Gateway.Runtime.Formats.Canonical;

/// <summary>Why the model stopped (Microsoft.Extensions.AI's <c>ChatFinishReason</c> plus Anthropic's stop sequence).</summary>
internal enum ChatFinishReason : byte
{
    Unspecified,
    /// <summary>OpenAI <c>stop</c>, Anthropic <c>end_turn</c> (and <c>pause_turn</c>).</summary>
    Stop,
    /// <summary>Anthropic <c>stop_sequence</c>; OpenAI reports it as <c>stop</c>.</summary>
    StopSequence,
    /// <summary>OpenAI <c>length</c>, Anthropic <c>max_tokens</c> / <c>model_context_window_exceeded</c>.</summary>
    Length,
    /// <summary>OpenAI <c>tool_calls</c>, Anthropic <c>tool_use</c>.</summary>
    ToolCalls,
    /// <summary>OpenAI <c>content_filter</c>, Anthropic <c>refusal</c>.</summary>
    ContentFilter,
}
