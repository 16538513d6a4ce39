using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Anthropic;

/// <summary>Anthropic content: a string or an array of blocks (<c>text</c>, <c>image</c>, <c>tool_use</c>, <c>tool_result</c>, <c>thinking</c>, <c>redacted_thinking</c>).</summary>
internal static class AnthropicContentReader
{
    /// <summary>Reads the value the reader is on into <paramref name="contents"/>.</summary>
    public static FormatResult Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, string path, List<AIContent> contents)
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
            return FormatResult.Invalid(path, "it must be a string or an array of content blocks");
        }
        var index = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var result = ReadBlock(ref reader, body, $"{path}[{index}]", contents);
            if (!result.IsSuccess)
            {
                return result;
            }
            index++;
        }
        return FormatResult.Ok;
    }

    private static FormatResult ReadBlock(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, string path, List<AIContent> contents)
    {
        var fields = new BlockFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out fields.Type);
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out fields.Text);
            }
            else if (reader.ValueTextEquals("thinking"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out fields.Thinking);
            }
            else if (reader.ValueTextEquals("signature"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out fields.Signature);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out fields.Data);
            }
            else if (reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("tool_use_id"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out fields.Id);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out fields.Name);
            }
            else if (reader.ValueTextEquals("input"u8))
            {
                reader.Read();
                fields.Input = RawJson.Read(ref reader, body);
            }
            else if (reader.ValueTextEquals("is_error"u8))
            {
                reader.Read();
                fields.IsError = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                reader.Read();
                var result = ReadSource(ref reader, body, path, ref fields);
                if (!result.IsSuccess)
                {
                    return result;
                }
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                fields.Content = new List<AIContent>(1);
                var result = Read(ref reader, body, path + ".content", fields.Content);
                if (!result.IsSuccess)
                {
                    return result;
                }
            }
            else
            {
                // cache_control, citations: hints (docs/formats.md).
                reader.Read();
                reader.Skip();
            }
        }
        return Add(path, ref fields, contents);
    }

    private static FormatResult Add(string path, ref BlockFields fields, List<AIContent> contents)
    {
        var type = fields.Type;
        if (type.ValueEquals("text"u8))
        {
            if (!fields.Text.IsEmpty)
            {
                contents.Add(new TextContent(fields.Text));
            }
        }
        else if (type.ValueEquals("image"u8))
        {
            if (fields.Image is null)
            {
                return FormatResult.Unsupported(path, "an image needs a base64 or url source (file ids exist only on Anthropic)");
            }
            contents.Add(fields.Image);
        }
        else if (type.ValueEquals("tool_use"u8))
        {
            if (fields.Id.IsDefault || fields.Name.IsDefault)
            {
                return FormatResult.Invalid(path, "a tool_use block needs an id and a name");
            }
            contents.Add(new FunctionCallContent(fields.Id, fields.Name) { Arguments = fields.Input });
        }
        else if (type.ValueEquals("tool_result"u8))
        {
            if (fields.Id.IsDefault)
            {
                return FormatResult.Invalid(path, "a tool_result block needs a tool_use_id");
            }
            contents.Add(new FunctionResultContent(fields.Id, fields.Content ?? new List<AIContent>(0)) { IsError = fields.IsError });
        }
        else if (type.ValueEquals("thinking"u8))
        {
            contents.Add(new TextReasoningContent(fields.Thinking) { Signature = fields.Signature });
        }
        else if (type.ValueEquals("redacted_thinking"u8))
        {
            contents.Add(new TextReasoningContent(default) { ProtectedData = fields.Data });
        }
        else
        {
            // document, search_result, server_tool_use, web_search_tool_result, container_upload, …
            return FormatResult.Unsupported(path, "only text, image, tool_use, tool_result and thinking blocks are translated");
        }
        return FormatResult.Ok;
    }

    private static FormatResult ReadSource(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, string path, ref BlockFields fields)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FormatResult.Invalid(path + ".source", "it must be an object");
        }
        JsonText type = default, mediaType = default, data = default, url = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out type);
            }
            else if (reader.ValueTextEquals("media_type"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out mediaType);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out data);
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out url);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (type.ValueEquals("base64"u8) && !mediaType.IsDefault && !data.IsDefault)
        {
            fields.Image = new DataContent(mediaType.ToString(), JsonValues.Decoded(data));
        }
        else if (type.ValueEquals("url"u8) && !url.IsDefault)
        {
            fields.Image = new UriContent(url);
        }
        return FormatResult.Ok;
    }

    /// <summary>Every field any block type has, collected in one pass (properties come in any order).</summary>
    private struct BlockFields
    {
        public JsonText Type;
        public JsonText Text;
        public JsonText Thinking;
        public JsonText Signature;
        public JsonText Data;
        public JsonText Id;
        public JsonText Name;
        public RawJson Input;
        public bool IsError;
        public List<AIContent>? Content;
        public AIContent? Image;
    }
}
