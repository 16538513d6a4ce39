namespace Gateway.Runtime.Formats.Canonical;

/// <summary>
/// The result of a tool call: OpenAI <c>role: "tool"</c> messages, Anthropic <c>tool_result</c>
/// blocks. The result is text and images (<see cref="TextContent"/>, <see cref="DataContent"/>,
/// <see cref="UriContent"/>).
/// </summary>
internal sealed class FunctionResultContent(JsonText callId, List<AIContent> result) : AIContent
{
    public JsonText CallId { get; } = callId;

    public List<AIContent> Result { get; } = result;

    /// <summary>Anthropic <c>is_error</c>; OpenAI has no such flag (the text says it).</summary>
    public bool IsError { get; init; }
}
