using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;
using Gateway.Runtime.Formats.Responses;

namespace Gateway.Runtime.Formats;

/// <summary>A whole (non-streaming) answer from the provider's format into the caller's, through <see cref="ChatResponse"/>.</summary>
internal static class ResponseTranslation
{
    /// <remarks><c>responses</c>, for a Responses caller: what its request reader learned (which tools are custom).</remarks>
    public static FormatResult Translate(WireFormat provider, ReadOnlyMemory<byte> body, WireFormat caller, IBufferWriter<byte> output, DateTimeOffset now, ResponsesRequestInfo? responses = null)
    {
        var response = new ChatResponse();
        var read = provider switch
        {
            WireFormat.Anthropic => AnthropicResponseReader.Read(body, response),
            WireFormat.OpenAiChat => OpenAiChatResponseReader.Read(body, response),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "no response reader for this format"),
        };
        if (!read.IsSuccess)
        {
            return read;
        }
        using var writer = new Utf8JsonWriter(output, JsonValues.WriterOptions);
        var written = caller switch
        {
            WireFormat.Anthropic => AnthropicResponseWriter.Write(response, writer),
            WireFormat.OpenAiChat => OpenAiChatResponseWriter.Write(response, writer, now),
            WireFormat.OpenAiResponses => ResponsesResponseWriter.Write(response, writer, now, responses),
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "no response writer for this format"),
        };
        writer.Flush();
        return written;
    }

    /// <summary>An upstream error body in the caller's envelope; the status a caller of that format expects for it.</summary>
    public static int TranslateError(int status, ReadOnlySpan<byte> body, WireFormat caller, IBufferWriter<byte> output)
    {
        var error = ErrorEnvelope.Read(status, body);
        using (var writer = new Utf8JsonWriter(output, ErrorEnvelope.WriterOptions))
        {
            ErrorEnvelope.Write(writer, caller, error);
        }
        // Anthropic's 529 "overloaded" is not an OpenAI status; everything else keeps the upstream's.
        return status == 529 && caller != WireFormat.Anthropic ? ErrorEnvelope.Status(error.Kind, caller) : status;
    }
}
