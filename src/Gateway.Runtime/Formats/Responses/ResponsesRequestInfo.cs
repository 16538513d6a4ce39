namespace Gateway.Runtime.Formats.Responses;

/// <summary>
/// What reading a Responses request learned that the canonical <see cref="Canonical.ChatRequest"/>
/// cannot say, for the host and for the Responses writers of the same exchange.
/// </summary>
internal sealed class ResponsesRequestInfo
{
    /// <summary>Hosted tools (their <c>type</c>, e.g. <c>web_search</c>) left out of the translated request: the <c>x-gateway-dropped-tools</c> header.</summary>
    public List<string> DroppedTools { get; } = new();

    /// <summary>
    /// Names of <c>custom</c> tools, sent upstream as functions taking one string <c>input</c>: a call
    /// to one of them is answered as a <c>custom_tool_call</c> with that string, not a <c>function_call</c>.
    /// Kept as decoded UTF-8 so a stream writer can compare names without allocating.
    /// </summary>
    public List<byte[]> CustomTools { get; } = new();

    /// <summary>True when <paramref name="name"/> (an encoded JSON string) is one of <see cref="CustomTools"/>.</summary>
    public bool IsCustomTool(Canonical.JsonText name)
    {
        foreach (var custom in CustomTools)
        {
            if (name.ValueEquals(custom))
            {
                return true;
            }
        }
        return false;
    }
}
