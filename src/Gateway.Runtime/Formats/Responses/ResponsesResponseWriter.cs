using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Responses;

/// <summary>
/// Writes a <see cref="ChatResponse"/> as a Responses <c>response</c> object: <c>id</c> <c>resp_…</c>
/// (the upstream's id behind the prefix), one output item per step in the order the model made
/// them (a run of text is one <c>message</c>, shown reasoning a <c>reasoning</c> item with a summary,
/// each tool call a <c>function_call</c>, or a <c>custom_tool_call</c> for a tool the request
/// declared <c>custom</c>), <c>status</c> <c>incomplete</c> with <c>incomplete_details</c> when the
/// output limit or a content filter stopped it, and <c>usage</c>. Anthropic signatures and redacted
/// thinking are dropped: <c>encrypted_content</c> is OpenAI's and could never be sent back to them.
/// </summary>
internal static class ResponsesResponseWriter
{
    public static FormatResult Write(ChatResponse response, Utf8JsonWriter writer, DateTimeOffset now, ResponsesRequestInfo? info = null)
    {
        var token = ResponsesItems.NewToken();
        writer.WriteStartObject();
        ResponseIds.Write(writer, response.Id, "resp_"u8);
        writer.WriteString("object"u8, "response"u8);
        writer.WriteNumber("created_at"u8, (response.CreatedAt ?? now).ToUnixTimeSeconds());
        ResponsesItems.WriteStatus(writer, response.FinishReason);
        writer.WriteNull("error"u8);
        writer.WritePropertyName("model"u8);
        if (response.Model.IsDefault) writer.WriteStringValue(""u8); else response.Model.WriteTo(writer);
        writer.WriteStartArray("output"u8);
        var result = WriteOutput(writer, response.Contents, token, info);
        writer.WriteEndArray();
        ResponsesUsage.Write(writer, response.Usage);
        writer.WriteEndObject();
        return result;
    }

    private static FormatResult WriteOutput(Utf8JsonWriter writer, List<AIContent> contents, byte[] token, ResponsesRequestInfo? info)
    {
        var index = 0;
        var inMessage = false;
        foreach (var content in contents)
        {
            if (content is TextContent text)
            {
                if (!inMessage)
                {
                    ResponsesItems.BeginMessage(writer, token, index++, "completed"u8);
                    inMessage = true;
                }
                ResponsesItems.WriteOutputText(writer, text.Text.Encoded);
                continue;
            }
            if (inMessage)
            {
                ResponsesItems.EndMessage(writer);
                inMessage = false;
            }
            if (content is TextReasoningContent reasoning && !reasoning.Text.IsEmpty)
            {
                ResponsesItems.WriteReasoning(writer, token, index++, reasoning.Text.Encoded);
            }
            else if (content is FunctionCallContent call)
            {
                if (call.CallId.IsDefault || call.Name.IsDefault)
                {
                    return FormatResult.BadUpstream("a tool call has no id or name");
                }
                var custom = info?.IsCustomTool(call.Name) == true;
                ResponsesItems.BeginCall(writer, custom, token, index++, "completed"u8, call.CallId.Encoded, call.Name.Encoded);
                if (custom)
                {
                    ResponsesItems.WriteCustomInput(writer, call.Arguments.IsEmpty ? JsonValues.Decoded(call.ArgumentsString).Span : call.Arguments.Utf8.Span);
                }
                else
                {
                    ToolArguments.WriteAsString(writer, call);
                }
                writer.WriteEndObject();
            }
        }
        if (inMessage)
        {
            ResponsesItems.EndMessage(writer);
        }
        return FormatResult.Ok;
    }
}
