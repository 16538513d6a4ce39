namespace Gateway.Runtime.Formats.Canonical;

/// <summary>
/// One step of a streamed answer (Microsoft.Extensions.AI's <c>ChatResponseUpdate</c>, flattened to a
/// value so a stream allocates nothing per event). Strings are <see cref="JsonText"/> slices of the
/// upstream event's bytes: valid only until the next event is read, so a stream writer copies what
/// it must keep (the response id and model).
/// </summary>
internal readonly struct ChatResponseUpdate
{
    private ChatResponseUpdate(ChatResponseUpdateKind kind) => Kind = kind;

    public ChatResponseUpdateKind Kind { get; }

    public JsonText ResponseId { get; private init; }

    public JsonText ModelId { get; private init; }

    /// <summary>Text, reasoning, signature or argument piece, still JSON-encoded (quotes included).</summary>
    public JsonText Text { get; private init; }

    /// <summary>Which tool call of the answer (0, 1, …): OpenAI's <c>tool_calls[].index</c>; Anthropic blocks are numbered per call.</summary>
    public int ToolCallIndex { get; private init; }

    public JsonText CallId { get; private init; }

    public JsonText Name { get; private init; }

    public ChatFinishReason FinishReason { get; private init; }

    /// <summary>Anthropic <c>stop_sequence</c>: which one matched (default when none or unknown).</summary>
    public JsonText StopSequence { get; private init; }

    public UsageDetails Usage { get; private init; }

    public ChatError Error { get; private init; }

    public static ChatResponseUpdate Started(JsonText responseId, JsonText modelId) =>
        new(ChatResponseUpdateKind.ResponseStarted) { ResponseId = responseId, ModelId = modelId };

    public static ChatResponseUpdate TextDelta(JsonText text) => new(ChatResponseUpdateKind.TextDelta) { Text = text };

    public static ChatResponseUpdate ReasoningDelta(JsonText text) => new(ChatResponseUpdateKind.ReasoningDelta) { Text = text };

    public static ChatResponseUpdate ReasoningSignature(JsonText signature) => new(ChatResponseUpdateKind.ReasoningSignature) { Text = signature };

    public static ChatResponseUpdate FunctionCallStarted(int index, JsonText callId, JsonText name) =>
        new(ChatResponseUpdateKind.FunctionCallStarted) { ToolCallIndex = index, CallId = callId, Name = name };

    public static ChatResponseUpdate FunctionCallArgumentsDelta(int index, JsonText arguments) =>
        new(ChatResponseUpdateKind.FunctionCallArgumentsDelta) { ToolCallIndex = index, Text = arguments };

    public static ChatResponseUpdate Finished(ChatFinishReason reason, JsonText stopSequence = default) =>
        new(ChatResponseUpdateKind.Finished) { FinishReason = reason, StopSequence = stopSequence };

    public static ChatResponseUpdate UsageReported(in UsageDetails usage) => new(ChatResponseUpdateKind.Usage) { Usage = usage };

    public static ChatResponseUpdate Failed(in ChatError error) => new(ChatResponseUpdateKind.Error) { Error = error };

    public static ChatResponseUpdate Completed { get; } = new(ChatResponseUpdateKind.Completed);
}
