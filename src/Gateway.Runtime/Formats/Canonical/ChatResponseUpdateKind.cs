namespace Gateway.Runtime.Formats.Canonical;

/// <summary>What one <see cref="ChatResponseUpdate"/> says (the contents Microsoft.Extensions.AI puts in an update, one at a time).</summary>
internal enum ChatResponseUpdateKind : byte
{
    /// <summary>The response began: <see cref="ChatResponseUpdate.ResponseId"/> and <see cref="ChatResponseUpdate.ModelId"/>.</summary>
    ResponseStarted,
    /// <summary>A piece of answer text (<see cref="ChatResponseUpdate.Text"/>).</summary>
    TextDelta,
    /// <summary>A piece of shown reasoning (Anthropic <c>thinking_delta</c>, OpenAI-compatible <c>reasoning_content</c>).</summary>
    ReasoningDelta,
    /// <summary>Anthropic <c>signature_delta</c> of the current thinking block (formats without signatures drop it).</summary>
    ReasoningSignature,
    /// <summary>A tool call began: <see cref="ChatResponseUpdate.ToolCallIndex"/>, <see cref="ChatResponseUpdate.CallId"/>, <see cref="ChatResponseUpdate.Name"/>.</summary>
    FunctionCallStarted,
    /// <summary>A piece of a tool call's arguments JSON (<see cref="ChatResponseUpdate.Text"/>: a JSON string holding partial JSON).</summary>
    FunctionCallArgumentsDelta,
    /// <summary>The model stopped (<see cref="ChatResponseUpdate.FinishReason"/>, <see cref="ChatResponseUpdate.StopSequence"/>).</summary>
    Finished,
    /// <summary>Token counts (<see cref="ChatResponseUpdate.Usage"/>); several may arrive, they merge.</summary>
    Usage,
    /// <summary>The upstream reported an error in the stream (<see cref="ChatResponseUpdate.Error"/>); nothing follows.</summary>
    Error,
    /// <summary>The upstream ended the stream properly (OpenAI <c>[DONE]</c>, Anthropic <c>message_stop</c>).</summary>
    Completed,
}
