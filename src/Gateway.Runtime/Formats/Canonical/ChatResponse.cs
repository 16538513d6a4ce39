namespace Gateway.Runtime.Formats.Canonical;

/// <summary>The canonical non-streaming answer: one assistant message with its finish reason and usage.</summary>
internal sealed class ChatResponse
{
    public JsonText Id { get; set; }

    public JsonText Model { get; set; }

    /// <summary>OpenAI <c>created</c>; Anthropic does not say (the OpenAI writer then uses the current time).</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Text, reasoning and tool calls in the order the model produced them.</summary>
    public List<AIContent> Contents { get; } = new(2);

    public ChatFinishReason FinishReason { get; set; }

    /// <summary>Anthropic <c>stop_sequence</c>: which stop sequence matched (OpenAI does not say).</summary>
    public JsonText StopSequence { get; set; }

    public UsageDetails Usage;
}
