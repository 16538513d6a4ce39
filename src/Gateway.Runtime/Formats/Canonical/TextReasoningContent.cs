namespace Gateway.Runtime.Formats.Canonical;

/// <summary>
/// Reasoning the model showed: Anthropic <c>thinking</c> (with its <c>signature</c>) and
/// <c>redacted_thinking</c> (<see cref="ProtectedData"/> only), OpenAI-compatible
/// <c>reasoning_content</c> (no signature).
/// </summary>
internal sealed class TextReasoningContent(JsonText text) : AIContent
{
    public JsonText Text { get; } = text;

    /// <summary>Anthropic's <c>signature</c>: the block can only be sent back to Anthropic with it.</summary>
    public JsonText Signature { get; init; }

    /// <summary>Anthropic <c>redacted_thinking.data</c> (encrypted, opaque).</summary>
    public JsonText ProtectedData { get; init; }
}
