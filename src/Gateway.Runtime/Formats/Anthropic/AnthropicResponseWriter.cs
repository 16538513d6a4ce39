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
            if (!WriteBlock(writer, content))
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

    private static bool WriteBlock(Utf8JsonWriter writer, AIContent content)
    {
        switch (content)
        {
            case TextContent text:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "text"u8);
                writer.WritePropertyName("text"u8);
                text.Text.WriteTo(writer);
                writer.WriteEndObject();
                return true;
            case FunctionCallContent call:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "tool_use"u8);
                writer.WritePropertyName("id"u8);
                call.CallId.WriteTo(writer);
                writer.WritePropertyName("name"u8);
                call.Name.WriteTo(writer);
                writer.WritePropertyName("input"u8);
                if (!ToolArguments.TryWriteAsObject(writer, call))
                {
                    return false;
                }
                writer.WriteEndObject();
                return true;
            case TextReasoningContent reasoning when !reasoning.ProtectedData.IsDefault:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "redacted_thinking"u8);
                writer.WritePropertyName("data"u8);
                reasoning.ProtectedData.WriteTo(writer);
                writer.WriteEndObject();
                return true;
            case TextReasoningContent reasoning:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "thinking"u8);
                writer.WritePropertyName("thinking"u8);
                WriteOrEmpty(writer, reasoning.Text);
                writer.WritePropertyName("signature"u8);
                WriteOrEmpty(writer, reasoning.Signature);
                writer.WriteEndObject();
                return true;
            default:
                // A response holds no images or tool results.
                return true;
        }
    }

    private static void WriteOrEmpty(Utf8JsonWriter writer, JsonText text)
    {
        if (text.IsDefault)
        {
            writer.WriteStringValue(""u8);
        }
        else
        {
            text.WriteTo(writer);
        }
    }
}
