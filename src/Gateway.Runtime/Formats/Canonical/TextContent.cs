namespace Gateway.Runtime.Formats.Canonical;

/// <summary>Plain text: OpenAI <c>content</c> strings and <c>text</c> parts, Anthropic <c>text</c> blocks.</summary>
internal sealed class TextContent(JsonText text) : AIContent
{
    public JsonText Text { get; } = text;
}
