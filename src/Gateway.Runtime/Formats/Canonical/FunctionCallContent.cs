namespace Gateway.Runtime.Formats.Canonical;

/// <summary>
/// A tool call the model made: OpenAI <c>tool_calls[]</c>, Anthropic <c>tool_use</c>. The arguments
/// are a JSON object; OpenAI carries it as a string (<see cref="ArgumentsString"/>), Anthropic as an
/// object (<see cref="Arguments"/>). Exactly one of the two is set; writers convert as needed.
/// </summary>
internal sealed class FunctionCallContent(JsonText callId, JsonText name) : AIContent
{
    public JsonText CallId { get; } = callId;

    public JsonText Name { get; } = name;

    /// <summary>The arguments object as it arrived (Anthropic <c>input</c>).</summary>
    public RawJson Arguments { get; init; }

    /// <summary>The arguments as an encoded JSON string holding JSON (OpenAI <c>function.arguments</c>).</summary>
    public JsonText ArgumentsString { get; init; }
}
