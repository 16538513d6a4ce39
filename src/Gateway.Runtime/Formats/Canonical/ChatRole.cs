namespace Gateway.Runtime.Formats.Canonical;

/// <summary>Who a <see cref="ChatMessage"/> is from (Microsoft.Extensions.AI's <c>ChatRole</c>).</summary>
internal enum ChatRole : byte
{
    /// <summary>Instructions: OpenAI <c>system</c>/<c>developer</c>, Anthropic <c>system</c> (top level or inside <c>messages</c>).</summary>
    System,
    User,
    Assistant,
    /// <summary>Tool results: OpenAI <c>role: "tool"</c>; Anthropic carries them as <c>tool_result</c> blocks in a user turn.</summary>
    Tool,
}
