using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;
using Gateway.Runtime.Formats.Responses;

namespace Gateway.Runtime.Formats;

/// <summary>
/// The one place a caller's chat body becomes another format's (SPEC §9): the caller's reader fills the
/// canonical <see cref="ChatRequest"/>, the provider's writer writes it. One reader and one writer per
/// format, chosen here, so a new format (Responses, issue 14) adds a case, not a translator per pair.
/// </summary>
internal static class RequestTranslation
{
    /// <remarks><c>responses</c>, for a Responses caller: receives the dropped hosted tools and the custom tool names (the Responses writers need them).</remarks>
    public static FormatResult Read(WireFormat caller, ReadOnlyMemory<byte> body, ChatRequest request, ResponsesRequestInfo? responses = null) => caller switch
    {
        WireFormat.Anthropic => AnthropicRequestReader.Read(body, request),
        WireFormat.OpenAiChat => OpenAiChatRequestReader.Read(body, request),
        WireFormat.OpenAiResponses => ResponsesRequestReader.Read(body, request, responses ?? new ResponsesRequestInfo()),
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "no request reader for this format"),
    };

    public static FormatResult Write(WireFormat provider, ChatRequest request, IBufferWriter<byte> output, RequestTranslationOptions options)
    {
        using var writer = new Utf8JsonWriter(output, JsonValues.WriterOptions);
        var result = provider switch
        {
            WireFormat.Anthropic => AnthropicRequestWriter.Write(request, writer, options),
            WireFormat.OpenAiChat => OpenAiChatRequestWriter.Write(request, writer, options),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "no request writer for this format"),
        };
        writer.Flush();
        return result;
    }
}
