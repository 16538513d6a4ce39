using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Anthropic;

/// <summary>
/// Writes a <see cref="ChatResponse"/> as an Anthropic Messages response
/// (<c>type: "message"</c>, <c>role: "assistant"</c>): one block per canonical content, in order.
/// Reasoning without a signature (from an OpenAI-compatible upstream) is a <c>thinking</c> block with
/// an empty signature, which the request writer never sends back to Anthropic. On failure the
/// written output is incomplete and must be discarded.
/// </summary>
internal static class AnthropicResponseWriter
{
    public static FormatResult Write(ChatResponse response, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        ResponseIds.Write(writer, response.Id, "msg_"u8);
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WritePropertyName("model"u8);
        if (response.Model.IsDefault)
        {
            writer.WriteStringValue(""u8);
        }
        else
        {
            response.Model.WriteTo(writer);
        }
        writer.WritePropertyName("content"u8);
        writer.WriteStartArray();
        var call = 0;
        foreach (var content in response.Contents)
        {
            if (!AnthropicMessagesWriter.WriteBlock(writer, content))
            {
                // The model wrote arguments that are not JSON: Anthropic's tool_use.input must be an object.
                return FormatResult.BadUpstream($"The upstream's tool call {call} has arguments that are not a JSON object.");
            }
            call += content is FunctionCallContent ? 1 : 0;
        }
        writer.WriteEndArray();
        writer.WriteString("stop_reason"u8, FinishReasons.Anthropic(response.FinishReason));
        if (response.StopSequence.IsDefault)
        {
            writer.WriteNull("stop_sequence"u8);
        }
        else
        {
            writer.WritePropertyName("stop_sequence"u8);
            response.StopSequence.WriteTo(writer);
        }
        AnthropicUsage.Write(writer, response.Usage);
        writer.WriteEndObject();
        return FormatResult.Ok;
    }
}
