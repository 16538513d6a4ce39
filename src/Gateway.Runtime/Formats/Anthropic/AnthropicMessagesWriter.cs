using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Anthropic;

/// <summary>Anthropic <c>messages</c>: user/assistant turns of blocks, consecutive same-role entries merged.</summary>
internal static class AnthropicMessagesWriter
{
    public static FormatResult Write(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        writer.WritePropertyName("messages"u8);
        writer.WriteStartArray();
        ChatRole? open = null;
        for (var m = 0; m < messages.Count; m++)
        {
            var message = messages[m];
            if (message.Role == ChatRole.System)
            {
                continue;
            }
            var role = message.Role == ChatRole.Assistant ? ChatRole.Assistant : ChatRole.User;
            foreach (var content in message.Contents)
            {
                if (content is TextReasoningContent { Signature.IsEmpty: true, ProtectedData.IsEmpty: true })
                {
                    continue;
                }
                if (open != role)
                {
                    if (open is not null)
                    {
                        writer.WriteEndArray();
                        writer.WriteEndObject();
                    }
                    writer.WriteStartObject();
                    writer.WriteString("role"u8, role == ChatRole.Assistant ? "assistant"u8 : "user"u8);
                    writer.WritePropertyName("content"u8);
                    writer.WriteStartArray();
                    open = role;
                }
                if (!WriteBlock(writer, content))
                {
                    return FormatResult.Invalid($"messages[{m}].tool_calls", "the arguments are not a JSON object");
                }
            }
        }
        if (open is not null)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        return FormatResult.Ok;
    }

    private static bool WriteBlock(Utf8JsonWriter writer, AIContent content)
    {
        writer.WriteStartObject();
        switch (content)
        {
            case TextContent text:
                writer.WriteString("type"u8, "text"u8);
                writer.WritePropertyName("text"u8);
                text.Text.WriteTo(writer);
                break;
            case DataContent data:
                writer.WriteString("type"u8, "image"u8);
                writer.WritePropertyName("source"u8);
                writer.WriteStartObject();
                writer.WriteString("type"u8, "base64"u8);
                writer.WriteString("media_type"u8, data.MediaType);
                writer.WriteString("data"u8, data.Base64.Span);
                writer.WriteEndObject();
                break;
            case UriContent uri:
                writer.WriteString("type"u8, "image"u8);
                writer.WritePropertyName("source"u8);
                writer.WriteStartObject();
                writer.WriteString("type"u8, "url"u8);
                writer.WritePropertyName("url"u8);
                uri.Uri.WriteTo(writer);
                writer.WriteEndObject();
                break;
            case FunctionCallContent call:
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
                break;
            case FunctionResultContent result:
                writer.WriteString("type"u8, "tool_result"u8);
                writer.WritePropertyName("tool_use_id"u8);
                result.CallId.WriteTo(writer);
                writer.WritePropertyName("content"u8);
                writer.WriteStartArray();
                foreach (var item in result.Result)
                {
                    WriteBlock(writer, item);
                }
                writer.WriteEndArray();
                if (result.IsError)
                {
                    writer.WriteBoolean("is_error"u8, true);
                }
                break;
            case TextReasoningContent reasoning when !reasoning.ProtectedData.IsDefault:
                writer.WriteString("type"u8, "redacted_thinking"u8);
                writer.WritePropertyName("data"u8);
                reasoning.ProtectedData.WriteTo(writer);
                break;
            case TextReasoningContent reasoning:
                writer.WriteString("type"u8, "thinking"u8);
                writer.WritePropertyName("thinking"u8);
                reasoning.Text.WriteTo(writer);
                writer.WritePropertyName("signature"u8);
                reasoning.Signature.WriteTo(writer);
                break;
        }
        writer.WriteEndObject();
        return true;
    }
}
