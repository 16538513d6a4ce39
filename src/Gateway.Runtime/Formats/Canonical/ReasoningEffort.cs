namespace Gateway.Runtime.Formats.Canonical;

/// <summary>How hard the model should think (OpenAI <c>reasoning_effort</c>, Anthropic <c>output_config.effort</c>).</summary>
internal enum ReasoningEffort : byte
{
    Unspecified,
    /// <summary>OpenAI <c>none</c>/<c>minimal</c>, Anthropic <c>thinking.type = "disabled"</c>.</summary>
    None,
    Low,
    Medium,
    High,
}
