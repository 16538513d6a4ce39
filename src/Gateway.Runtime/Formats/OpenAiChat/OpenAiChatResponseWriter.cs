using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>
/// Writes a <see cref="ChatResponse"/> as an OpenAI Chat Completions response with one choice. Text
/// blocks are joined into one <c>content</c> string; tool calls carry their arguments as a string.
/// Reasoning is dropped (Chat Completions has no field for it) and so is the matched stop sequence
/// (OpenAI reports it as <c>stop</c> without naming it).
/// </summary>
internal static class OpenAiChatResponseWriter
{
    /// <summary><paramref name="now"/> is written as <c>created</c> when the upstream did not say (Anthropic never does).</summary>
    public static FormatResult Write(ChatResponse response, Utf8JsonWriter writer, DateTimeOffset now)
    {
        writer.WriteStartObject();
        ResponseIds.Write(writer, response.Id, "chatcmpl-"u8);
        writer.WriteString("object"u8, "chat.completion"u8);
        writer.WriteNumber("created"u8, (response.CreatedAt ?? now).ToUnixTimeSeconds());
        writer.WritePropertyName("model"u8);
        if (response.Model.IsDefault)
        {
            writer.WriteStringValue(""u8);
        }
        else
        {
            response.Model.WriteTo(writer);
        }
        writer.WritePropertyName("choices"u8);
        writer.WriteStartArray();
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        WriteMessage(writer, response.Contents);
        writer.WriteNull("logprobs"u8);
        writer.WriteString("finish_reason"u8, FinishReasons.OpenAi(response.FinishReason));
        writer.WriteEndObject();
        writer.WriteEndArray();
        OpenAiUsage.Write(writer, response.Usage);
        writer.WriteEndObject();
        return FormatResult.Ok;
    }

    private static void WriteMessage(Utf8JsonWriter writer, List<AIContent> contents)
    {
        writer.WritePropertyName("message"u8);
        writer.WriteStartObject();
        writer.WriteString("role"u8, "assistant"u8);
        writer.WritePropertyName("content"u8);
        if (EncodedConcat.HasText(contents))
        {
            EncodedConcat.WriteJoinedText(writer, contents);
        }
        else
        {
            // OpenAI's own shape for a turn of tool calls only.
            writer.WriteNullValue();
        }
        writer.WriteNull("refusal"u8);
        var any = false;
        foreach (var content in contents)
        {
            if (content is not FunctionCallContent call)
            {
                continue;
            }
            if (!any)
            {
                writer.WritePropertyName("tool_calls"u8);
                writer.WriteStartArray();
                any = true;
            }
            writer.WriteStartObject();
            writer.WritePropertyName("id"u8);
            call.CallId.WriteTo(writer);
            writer.WriteString("type"u8, "function"u8);
            writer.WritePropertyName("function"u8);
            writer.WriteStartObject();
            writer.WritePropertyName("name"u8);
            call.Name.WriteTo(writer);
            writer.WritePropertyName("arguments"u8);
            ToolArguments.WriteAsString(writer, call);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        if (any)
        {
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
