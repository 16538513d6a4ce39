using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as an OpenAI Chat Completions body. Tool results become
/// <c>role: "tool"</c> messages (images a tool returned follow in a user message: tool messages
/// carry text only); reasoning an assistant showed earlier is not sent back (Chat Completions has no
/// input for it). Streams always ask for usage, so the translated stream can report it.
/// </summary>
internal static class OpenAiChatRequestWriter
{
    public static FormatResult Write(ChatRequest request, Utf8JsonWriter writer, RequestTranslationOptions options)
    {
        if (request.Extras.TopK is not null)
        {
            return FormatResult.Unsupported("top_k", "OpenAI Chat Completions has no top_k");
        }
        writer.WriteStartObject();
        writer.WritePropertyName("model"u8);
        if (options.UpstreamModel is { } model)
        {
            writer.WriteStringValue(model);
        }
        else
        {
            request.Model.WriteTo(writer);
        }
        writer.WritePropertyName("messages"u8);
        writer.WriteStartArray();
        foreach (var message in request.Messages)
        {
            WriteMessage(writer, message);
        }
        writer.WriteEndArray();
        var max = Limits.MaxTokens(request.MaxOutputTokens, null, options);
        if (max is { } limit)
        {
            writer.WriteNumber("max_completion_tokens"u8, limit);
        }
        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature"u8, temperature);
        }
        if (request.TopP is { } topP)
        {
            writer.WriteNumber("top_p"u8, topP);
        }
        if (request.StopSequences.Count > 0)
        {
            writer.WritePropertyName("stop"u8);
            writer.WriteStartArray();
            foreach (var stop in request.StopSequences)
            {
                stop.WriteTo(writer);
            }
            writer.WriteEndArray();
        }
        if (request.Stream)
        {
            writer.WriteBoolean("stream"u8, true);
            writer.WritePropertyName("stream_options"u8);
            writer.WriteStartObject();
            writer.WriteBoolean("include_usage"u8, true);
            writer.WriteEndObject();
        }
        WriteTools(writer, request);
        if (options.MapThinkingToReasoningEffort && Limits.EffortFor(request.Reasoning) is { } effort)
        {
            writer.WriteString("reasoning_effort"u8, effort switch
            {
                ReasoningEffort.Low => "low"u8,
                ReasoningEffort.Medium => "medium"u8,
                _ => "high"u8,
            });
        }
        if (request.ResponseFormat.Kind == ResponseFormatKind.JsonSchema)
        {
            writer.WritePropertyName("response_format"u8);
            writer.WriteStartObject();
            writer.WriteString("type"u8, "json_schema"u8);
            writer.WritePropertyName("json_schema"u8);
            writer.WriteStartObject();
            writer.WritePropertyName("name"u8);
            if (request.ResponseFormat.Name.IsDefault)
            {
                writer.WriteStringValue("response"u8);
            }
            else
            {
                request.ResponseFormat.Name.WriteTo(writer);
            }
            writer.WritePropertyName("schema"u8);
            request.ResponseFormat.Schema.WriteTo(writer);
            if (request.ResponseFormat.Strict is { } strict)
            {
                writer.WriteBoolean("strict"u8, strict);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else if (request.ResponseFormat.Kind == ResponseFormatKind.JsonObject)
        {
            writer.WritePropertyName("response_format"u8);
            writer.WriteStartObject();
            writer.WriteString("type"u8, "json_object"u8);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        return FormatResult.Ok;
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        switch (message.Role)
        {
            case ChatRole.System:
                WriteTextMessage(writer, "system"u8, message.Contents, separator: "\\n"u8);
                break;
            case ChatRole.Assistant:
                WriteAssistant(writer, message.Contents);
                break;
            default:
                WriteUserOrTool(writer, message.Contents);
                break;
        }
    }

    private static void WriteTextMessage(Utf8JsonWriter writer, ReadOnlySpan<byte> role, List<AIContent> contents, ReadOnlySpan<byte> separator = default)
    {
        if (!EncodedConcat.HasText(contents))
        {
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("role"u8, role);
        writer.WritePropertyName("content"u8);
        EncodedConcat.WriteJoinedText(writer, contents, separator);
        writer.WriteEndObject();
    }

    private static void WriteAssistant(Utf8JsonWriter writer, List<AIContent> contents)
    {
        var hasCalls = false;
        foreach (var content in contents)
        {
            hasCalls |= content is FunctionCallContent;
        }
        var hasText = EncodedConcat.HasText(contents);
        if (!hasCalls && !hasText)
        {
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("role"u8, "assistant"u8);
        writer.WritePropertyName("content"u8);
        if (hasText)
        {
            EncodedConcat.WriteJoinedText(writer, contents);
        }
        else
        {
            writer.WriteNullValue();
        }
        if (hasCalls)
        {
            writer.WritePropertyName("tool_calls"u8);
            writer.WriteStartArray();
            foreach (var content in contents)
            {
                if (content is FunctionCallContent call)
                {
                    OpenAiToolCalls.Write(writer, call);
                }
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>Tool results first (as tool messages), then the rest of the turn as one user message.</summary>
    private static void WriteUserOrTool(Utf8JsonWriter writer, List<AIContent> contents)
    {
        var userParts = 0;
        foreach (var content in contents)
        {
            if (content is FunctionResultContent result)
            {
                WriteToolMessage(writer, result);
                foreach (var item in result.Result)
                {
                    userParts += item is TextContent ? 0 : 1;
                }
            }
            else
            {
                userParts++;
            }
        }
        if (userParts == 0)
        {
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("role"u8, "user"u8);
        writer.WritePropertyName("content"u8);
        if (userParts == 1 && contents.Count == 1 && contents[0] is TextContent only)
        {
            only.Text.WriteTo(writer);
        }
        else
        {
            writer.WriteStartArray();
            foreach (var content in contents)
            {
                if (content is FunctionResultContent result)
                {
                    // Tool messages carry text only: a tool's images follow in the user message.
                    foreach (var item in result.Result)
                    {
                        if (item is not TextContent)
                        {
                            WritePart(writer, item);
                        }
                    }
                }
                else
                {
                    WritePart(writer, content);
                }
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteToolMessage(Utf8JsonWriter writer, FunctionResultContent result)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, "tool"u8);
        writer.WritePropertyName("tool_call_id"u8);
        result.CallId.WriteTo(writer);
        writer.WritePropertyName("content"u8);
        if (EncodedConcat.HasText(result.Result))
        {
            EncodedConcat.WriteJoinedText(writer, result.Result);
        }
        else
        {
            writer.WriteStringValue(""u8);
        }
        writer.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter writer, AIContent content)
    {
        switch (content)
        {
            case TextContent text:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "text"u8);
                writer.WritePropertyName("text"u8);
                text.Text.WriteTo(writer);
                writer.WriteEndObject();
                break;
            case UriContent uri:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "image_url"u8);
                writer.WritePropertyName("image_url"u8);
                writer.WriteStartObject();
                writer.WritePropertyName("url"u8);
                uri.Uri.WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case DataContent data:
                writer.WriteStartObject();
                writer.WriteString("type"u8, "image_url"u8);
                writer.WritePropertyName("image_url"u8);
                writer.WriteStartObject();
                writer.WritePropertyName("url"u8);
                Images.WriteDataUrl(writer, data);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, ChatRequest request)
    {
        if (request.Tools.Count == 0)
        {
            return;
        }
        writer.WritePropertyName("tools"u8);
        writer.WriteStartArray();
        foreach (var tool in request.Tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WritePropertyName("function"u8);
            writer.WriteStartObject();
            writer.WritePropertyName("name"u8);
            tool.Name.WriteTo(writer);
            if (!tool.Description.IsDefault)
            {
                writer.WritePropertyName("description"u8);
                tool.Description.WriteTo(writer);
            }
            writer.WritePropertyName("parameters"u8);
            if (tool.ParametersSchema.IsEmpty)
            {
                writer.WriteRawValue("{\"type\":\"object\",\"properties\":{}}"u8, skipInputValidation: true);
            }
            else
            {
                tool.ParametersSchema.WriteTo(writer);
            }
            if (tool.Strict is { } strict)
            {
                writer.WriteBoolean("strict"u8, strict);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        switch (request.ToolChoice.Mode)
        {
            case ToolChoiceMode.Auto:
                writer.WriteString("tool_choice"u8, "auto"u8);
                break;
            case ToolChoiceMode.None:
                writer.WriteString("tool_choice"u8, "none"u8);
                break;
            case ToolChoiceMode.Required:
                writer.WriteString("tool_choice"u8, "required"u8);
                break;
            case ToolChoiceMode.Function:
                writer.WritePropertyName("tool_choice"u8);
                writer.WriteStartObject();
                writer.WriteString("type"u8, "function"u8);
                writer.WritePropertyName("function"u8);
                writer.WriteStartObject();
                writer.WritePropertyName("name"u8);
                request.ToolChoice.FunctionName.WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
        }
        if (request.AllowParallelToolCalls is { } parallel)
        {
            writer.WriteBoolean("parallel_tool_calls"u8, parallel);
        }
    }
}
