namespace Gateway.Runtime.Formats.Canonical;

/// <summary>
/// The canonical chat request every format is read into and written from (Microsoft.Extensions.AI:
/// the messages plus <c>ChatOptions</c>). Strings and schemas are slices of the caller's body
/// (<see cref="JsonText"/>, <see cref="RawJson"/>), so the body must outlive the request.
/// </summary>
internal sealed class ChatRequest
{
    public JsonText Model { get; set; }

    /// <summary>In order; <see cref="ChatRole.System"/> entries may appear anywhere (Claude Code sends one mid-conversation).</summary>
    public List<ChatMessage> Messages { get; } = new(8);

    public List<ToolDefinition> Tools { get; } = new();

    public ToolChoice ToolChoice { get; set; }

    /// <summary>OpenAI <c>parallel_tool_calls</c>; Anthropic <c>!tool_choice.disable_parallel_tool_use</c>.</summary>
    public bool? AllowParallelToolCalls { get; set; }

    /// <summary>OpenAI <c>max_completion_tokens</c>/<c>max_tokens</c>, Anthropic <c>max_tokens</c>.</summary>
    public int? MaxOutputTokens { get; set; }

    public double? Temperature { get; set; }

    public double? TopP { get; set; }

    public List<JsonText> StopSequences { get; } = new();

    public bool Stream { get; set; }

    /// <summary>OpenAI <c>stream_options.include_usage</c>: the caller wants the final usage chunk.</summary>
    public bool IncludeUsage { get; set; }

    public ReasoningOptions Reasoning { get; set; }

    public ResponseFormat ResponseFormat { get; set; }

    /// <summary>Controls only one format has; writers refuse the ones their format lacks.</summary>
    public RequestExtras Extras;
}
