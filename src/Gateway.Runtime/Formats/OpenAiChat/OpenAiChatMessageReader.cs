using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>Reads one entry of an OpenAI <c>messages</c> array (its properties may come in any order).</summary>
internal static class OpenAiChatMessageReader
{
    public static FormatResult Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, int index, out ChatMessage? message)
    {
        message = null;
        ChatRole? role = null;
        JsonText toolCallId = default;
        var contents = new List<AIContent>(2);
        List<AIContent>? toolCalls = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                role = reader.ValueTextEquals("system"u8) || reader.ValueTextEquals("developer"u8) ? ChatRole.System
                    : reader.ValueTextEquals("user"u8) ? ChatRole.User
                    : reader.ValueTextEquals("assistant"u8) ? ChatRole.Assistant
                    : reader.ValueTextEquals("tool"u8) ? ChatRole.Tool
                    : null;
                if (role is null)
                {
                    return FormatResult.Unsupported($"messages[{index}].role", "only system, developer, user, assistant and tool messages are translated");
                }
            }
            else if (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("refusal"u8))
            {
                if (JsonValues.NextValue(ref reader))
                {
                    var result = ReadContent(ref reader, body, $"messages[{index}].content", contents);
                    if (!result.IsSuccess)
                    {
                        return result;
                    }
                }
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                if (JsonValues.NextValue(ref reader))
                {
                    toolCalls = new List<AIContent>(2);
                    var result = ReadToolCalls(ref reader, body, index, toolCalls);
                    if (!result.IsSuccess)
                    {
                        return result;
                    }
                }
            }
            else if (reader.ValueTextEquals("tool_call_id"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out toolCallId);
            }
            else if (reader.ValueTextEquals("function_call"u8) || reader.ValueTextEquals("audio"u8))
            {
                var field = reader.ValueTextEquals("audio"u8) ? "audio" : "function_call";
                if (JsonValues.NextValue(ref reader))
                {
                    return FormatResult.Unsupported($"messages[{index}].{field}", "legacy function calls and audio are not translated");
                }
            }
            else
            {
                // name, reasoning_content (an assistant's earlier reasoning is not sent back), annotations…
                reader.Read();
                reader.Skip();
            }
        }
        if (role is null)
        {
            return FormatResult.Invalid($"messages[{index}].role", "it is required");
        }
        message = new ChatMessage(role.Value);
        if (role == ChatRole.Tool)
        {
            if (toolCallId.IsDefault)
            {
                return FormatResult.Invalid($"messages[{index}].tool_call_id", "a tool message needs it");
            }
            message.Contents.Add(new FunctionResultContent(toolCallId, contents));
            return FormatResult.Ok;
        }
        message.Contents.AddRange(contents);
        if (toolCalls is not null)
        {
            message.Contents.AddRange(toolCalls);
        }
        return FormatResult.Ok;
    }

    /// <summary>A string, or an array of <c>text</c>, <c>image_url</c> and <c>refusal</c> parts.</summary>
    private static FormatResult ReadContent(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, string path, List<AIContent> contents)
    {
        if (JsonValues.TryString(ref reader, body, out var text))
        {
            if (!text.IsEmpty)
            {
                contents.Add(new TextContent(text));
            }
            return FormatResult.Ok;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FormatResult.Invalid(path, "it must be a string or an array of content parts");
        }
        var part = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var result = ReadPart(ref reader, body, $"{path}[{part}]", contents);
            if (!result.IsSuccess)
            {
                return result;
            }
            part++;
        }
        return FormatResult.Ok;
    }

    private static FormatResult ReadPart(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, string path, List<AIContent> contents)
    {
        var isImage = false;
        var unsupported = false;
        JsonText text = default;
        JsonText url = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isImage = reader.ValueTextEquals("image_url"u8);
                unsupported = !isImage && !reader.ValueTextEquals("text"u8) && !reader.ValueTextEquals("refusal"u8);
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("refusal"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out text);
            }
            else if (reader.ValueTextEquals("image_url"u8))
            {
                reader.Read();
                if (!JsonValues.TryString(ref reader, body, out url) && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isUrl = reader.ValueTextEquals("url"u8);
                        reader.Read();
                        if (isUrl)
                        {
                            JsonValues.TryString(ref reader, body, out url);
                        }
                        // "detail" has no Anthropic counterpart: dropped.
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (unsupported)
        {
            return FormatResult.Unsupported(path, "only text and image_url parts are translated (not audio or files)");
        }
        if (isImage)
        {
            if (url.IsDefault)
            {
                return FormatResult.Invalid(path, "an image_url part needs a url");
            }
            var image = Images.FromUrl(url);
            if (image is null)
            {
                return FormatResult.Invalid(path, "a data: URL must be base64 with a media type");
            }
            contents.Add(image);
        }
        else if (!text.IsEmpty)
        {
            contents.Add(new TextContent(text));
        }
        return FormatResult.Ok;
    }

    private static FormatResult ReadToolCalls(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, int index, List<AIContent> calls)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FormatResult.Invalid($"messages[{index}].tool_calls", "it must be an array");
        }
        var call = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!OpenAiToolCalls.Read(ref reader, body, out var id, out var name, out var arguments))
            {
                return FormatResult.Invalid($"messages[{index}].tool_calls[{call}].function", "it must be an object");
            }
            if (id.IsDefault || name.IsDefault)
            {
                return FormatResult.Invalid($"messages[{index}].tool_calls[{call}]", "a tool call needs an id and a function name");
            }
            calls.Add(new FunctionCallContent(id, name) { ArgumentsString = arguments });
            call++;
        }
        return FormatResult.Ok;
    }
}
