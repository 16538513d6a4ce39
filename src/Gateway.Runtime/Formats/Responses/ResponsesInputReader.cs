using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Responses;

/// <summary>
/// Responses <c>input</c>: a string (one user message) or a list of items. Message items become
/// messages (<c>developer</c> and <c>system</c> both System), <c>function_call</c> and
/// <c>custom_tool_call</c> items join the assistant turn they follow, their outputs become tool
/// messages. <c>reasoning</c> items are dropped: their <c>encrypted_content</c> only OpenAI can read,
/// and a summary without a provider signature is sent to neither Chat nor Anthropic
/// (docs/formats.md). Items that need stored state (<c>item_reference</c>) are refused.
/// </summary>
internal static class ResponsesInputReader
{
    public static FormatResult Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request)
    {
        if (!JsonValues.NextValue(ref reader))
        {
            return FormatResult.Ok;
        }
        if (JsonValues.TryString(ref reader, body, out var text))
        {
            var message = new ChatMessage(ChatRole.User);
            message.Contents.Add(new TextContent(text));
            request.Messages.Add(message);
            return FormatResult.Ok;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FormatResult.Invalid("input", "it must be a string or an array of items");
        }
        var index = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var result = ReadItem(ref reader, body, index, request);
            if (!result.IsSuccess)
            {
                return result;
            }
            index++;
        }
        return reader.TokenType == JsonTokenType.EndArray ? FormatResult.Ok : FormatResult.Invalid("input", "every item must be an object");
    }

    private static FormatResult ReadItem(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, int index, ChatRequest request)
    {
        // Properties come in any order ("type" may follow "content"), so values are sliced first and read after.
        JsonText type = default, role = default, callId = default, name = default, arguments = default, input = default;
        RawJson content = default, output = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) { reader.Read(); JsonValues.TryString(ref reader, body, out type); }
            else if (reader.ValueTextEquals("role"u8)) { reader.Read(); JsonValues.TryString(ref reader, body, out role); }
            else if (reader.ValueTextEquals("call_id"u8)) { reader.Read(); JsonValues.TryString(ref reader, body, out callId); }
            else if (reader.ValueTextEquals("name"u8)) { reader.Read(); JsonValues.TryString(ref reader, body, out name); }
            else if (reader.ValueTextEquals("arguments"u8)) { reader.Read(); JsonValues.TryString(ref reader, body, out arguments); }
            else if (reader.ValueTextEquals("input"u8)) { reader.Read(); JsonValues.TryString(ref reader, body, out input); }
            else if (reader.ValueTextEquals("content"u8)) { reader.Read(); content = RawJson.Read(ref reader, body); }
            else if (reader.ValueTextEquals("output"u8)) { reader.Read(); output = RawJson.Read(ref reader, body); }
            else
            {
                // id, status, summary, encrypted_content, …
                reader.Read();
                reader.Skip();
            }
        }
        var path = $"input[{index}]";
        if (type.IsDefault || type.ValueEquals("message"u8))
        {
            return ReadMessage(role, content, path, request);
        }
        if (type.ValueEquals("function_call"u8) || type.ValueEquals("custom_tool_call"u8))
        {
            if (callId.IsDefault || name.IsDefault)
            {
                return FormatResult.Invalid(path, "a tool call item needs a call_id and a name");
            }
            var call = type.ValueEquals("function_call"u8)
                ? new FunctionCallContent(callId, name) { ArgumentsString = arguments.IsDefault ? JsonText.FromString("{}") : arguments }
                : new FunctionCallContent(callId, name) { Arguments = CustomInputArguments(input) };
            AssistantTurn(request).Contents.Add(call);
            return FormatResult.Ok;
        }
        if (type.ValueEquals("function_call_output"u8) || type.ValueEquals("custom_tool_call_output"u8))
        {
            if (callId.IsDefault)
            {
                return FormatResult.Invalid($"{path}.call_id", "a tool output item needs one");
            }
            var result = new List<AIContent>(1);
            if (!output.IsEmpty)
            {
                var read = ReadContent(output, $"{path}.output", result);
                if (!read.IsSuccess) return read;
            }
            var message = new ChatMessage(ChatRole.Tool);
            message.Contents.Add(new FunctionResultContent(callId, result));
            request.Messages.Add(message);
            return FormatResult.Ok;
        }
        if (type.ValueEquals("reasoning"u8) || type.ValueEquals("web_search_call"u8))
        {
            // Dropped (see the summary): an earlier hosted search's record means nothing to another provider either.
            return FormatResult.Ok;
        }
        if (type.ValueEquals("item_reference"u8))
        {
            return FormatResult.Unsupported(path, "item references need stored responses; translated routes are stateless, send the items themselves");
        }
        return FormatResult.Unsupported(path, $"'{type}' items are not translated");
    }

    /// <summary>The custom tool's text as the one-string arguments object it was offered with (<c>{"input":…}</c>).</summary>
    private static RawJson CustomInputArguments(JsonText input)
    {
        var value = input.IsDefault ? "\"\""u8 : input.Encoded;
        var bytes = new byte[value.Length + 10];
        "{\"input\":"u8.CopyTo(bytes);
        value.CopyTo(bytes.AsSpan(9));
        bytes[^1] = (byte)'}';
        return new RawJson(bytes);
    }

    /// <summary>Tool calls belong to the assistant turn before them, so parallel calls stay one turn.</summary>
    private static ChatMessage AssistantTurn(ChatRequest request)
    {
        if (request.Messages.Count > 0 && request.Messages[^1].Role == ChatRole.Assistant)
        {
            return request.Messages[^1];
        }
        var message = new ChatMessage(ChatRole.Assistant);
        request.Messages.Add(message);
        return message;
    }

    private static FormatResult ReadMessage(JsonText role, RawJson content, string path, ChatRequest request)
    {
        ChatRole? chatRole = role.ValueEquals("user"u8) ? ChatRole.User
            : role.ValueEquals("assistant"u8) ? ChatRole.Assistant
            : role.ValueEquals("system"u8) || role.ValueEquals("developer"u8) ? ChatRole.System
            : null;
        if (chatRole is null)
        {
            return role.IsDefault
                ? FormatResult.Invalid($"{path}.role", "a message item needs one")
                : FormatResult.Unsupported($"{path}.role", "only user, assistant, system and developer messages are translated");
        }
        var message = chatRole == ChatRole.Assistant ? AssistantTurn(request) : new ChatMessage(chatRole.Value);
        if (!content.IsEmpty)
        {
            var read = ReadContent(content, $"{path}.content", message.Contents);
            if (!read.IsSuccess) return read;
        }
        if (chatRole != ChatRole.Assistant)
        {
            request.Messages.Add(message);
        }
        return FormatResult.Ok;
    }

    /// <summary>A string, or an array of <c>input_text</c>/<c>output_text</c>/<c>refusal</c>/<c>input_image</c> parts.</summary>
    private static FormatResult ReadContent(RawJson value, string path, List<AIContent> contents)
    {
        var source = value.Utf8;
        var reader = new Utf8JsonReader(source.Span, JsonValues.ReaderOptions);
        reader.Read();
        if (JsonValues.TryString(ref reader, source, out var text))
        {
            if (!text.IsEmpty) contents.Add(new TextContent(text));
            return FormatResult.Ok;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FormatResult.Invalid(path, "it must be a string or an array of content parts");
        }
        var part = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var result = ReadPart(ref reader, source, $"{path}[{part}]", contents);
            if (!result.IsSuccess) return result;
            part++;
        }
        return FormatResult.Ok;
    }

    private static FormatResult ReadPart(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source, string path, List<AIContent> contents)
    {
        JsonText type = default, text = default, imageUrl = default;
        var byFileId = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) { reader.Read(); JsonValues.TryString(ref reader, source, out type); }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("refusal"u8)) { reader.Read(); JsonValues.TryString(ref reader, source, out text); }
            else if (reader.ValueTextEquals("image_url"u8)) { reader.Read(); JsonValues.TryString(ref reader, source, out imageUrl); }
            else if (reader.ValueTextEquals("file_id"u8)) { byFileId = JsonValues.NextValue(ref reader); reader.Skip(); }
            else
            {
                // detail (no counterpart), annotations, logprobs: dropped.
                reader.Read();
                reader.Skip();
            }
        }
        if (type.ValueEquals("input_text"u8) || type.ValueEquals("output_text"u8) || type.ValueEquals("refusal"u8) || type.ValueEquals("text"u8))
        {
            if (!text.IsEmpty) contents.Add(new TextContent(text));
            return FormatResult.Ok;
        }
        if (type.ValueEquals("input_image"u8))
        {
            if (imageUrl.IsDefault)
            {
                return byFileId
                    ? FormatResult.Unsupported(path, "images given by file_id are not translated; send an image_url")
                    : FormatResult.Invalid(path, "an input_image part needs an image_url");
            }
            var image = Images.FromUrl(imageUrl);
            if (image is null) return FormatResult.Invalid(path, "a data: URL must be base64 with a media type");
            contents.Add(image);
            return FormatResult.Ok;
        }
        return FormatResult.Unsupported(path, "only input_text, output_text, refusal and input_image parts are translated (not files or audio)");
    }
}
