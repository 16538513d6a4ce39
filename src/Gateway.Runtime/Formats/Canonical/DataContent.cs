namespace Gateway.Runtime.Formats.Canonical;

/// <summary>
/// Inline binary data, base64 (an image): Anthropic <c>source.type = "base64"</c>, OpenAI
/// <c>data:</c> URLs. <see cref="Base64"/> is the encoded content without <c>data:…;base64,</c>.
/// </summary>
internal sealed class DataContent(string mediaType, ReadOnlyMemory<byte> base64) : AIContent
{
    public string MediaType { get; } = mediaType;

    /// <summary>Base64 characters as UTF-8 (unescaped; base64 never needs JSON escaping).</summary>
    public ReadOnlyMemory<byte> Base64 { get; } = base64;
}
