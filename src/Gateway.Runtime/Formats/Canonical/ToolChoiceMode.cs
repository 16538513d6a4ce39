namespace Gateway.Runtime.Formats.Canonical;

/// <summary>How the model may use tools.</summary>
internal enum ToolChoiceMode : byte
{
    /// <summary>Not given: each provider's default (auto when tools are present).</summary>
    Unspecified,
    Auto,
    None,
    /// <summary>OpenAI <c>required</c>, Anthropic <c>any</c>.</summary>
    Required,
    /// <summary>One named function (<see cref="ToolChoice.FunctionName"/>).</summary>
    Function,
}
