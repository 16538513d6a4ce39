using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>OpenAI <c>tools</c> (function tools only) and <c>tool_choice</c>.</summary>
internal static class OpenAiChatToolsReader
{
    public static FormatResult ReadTools(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request)
    {
        if (!JsonValues.NextValue(ref reader))
        {
            return FormatResult.Ok;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FormatResult.Invalid("tools", "it must be an array");
        }
        var index = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var isFunction = true;
            ToolDefinition? tool = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isFunction = reader.ValueTextEquals("function"u8);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    reader.Read();
                    tool = ReadFunction(ref reader, body);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (!isFunction)
            {
                return FormatResult.Unsupported($"tools[{index}]", "only function tools are translated");
            }
            if (tool is null || tool.Name.IsDefault)
            {
                return FormatResult.Invalid($"tools[{index}].function.name", "it is required");
            }
            request.Tools.Add(tool);
            index++;
        }
        return FormatResult.Ok;
    }

    private static ToolDefinition? ReadFunction(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        JsonText name = default, description = default;
        RawJson schema = default;
        bool? strict = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out name);
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out description);
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                reader.Read();
                schema = reader.TokenType == JsonTokenType.StartObject ? RawJson.Read(ref reader, body) : default;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("strict"u8))
            {
                reader.Read();
                strict = JsonValues.TryBool(ref reader, out var s) ? s : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new ToolDefinition(name) { Description = description, ParametersSchema = schema, Strict = strict };
    }

    /// <summary><c>"none" | "auto" | "required"</c> or <c>{"type":"function","function":{"name":…}}</c>.</summary>
    public static FormatResult ReadToolChoice(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request)
    {
        if (!JsonValues.NextValue(ref reader))
        {
            return FormatResult.Ok;
        }
        if (reader.TokenType == JsonTokenType.String)
        {
            var mode = reader.ValueTextEquals("none"u8) ? ToolChoiceMode.None
                : reader.ValueTextEquals("required"u8) ? ToolChoiceMode.Required
                : reader.ValueTextEquals("auto"u8) ? ToolChoiceMode.Auto
                : ToolChoiceMode.Unspecified;
            if (mode == ToolChoiceMode.Unspecified)
            {
                return FormatResult.Invalid("tool_choice", "it must be none, auto, required or a function");
            }
            request.ToolChoice = new ToolChoice(mode, default);
            return FormatResult.Ok;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FormatResult.Invalid("tool_choice", "it must be a string or an object");
        }
        var isFunction = false;
        JsonText name = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isFunction = reader.ValueTextEquals("function"u8);
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isName = reader.ValueTextEquals("name"u8);
                    reader.Read();
                    if (isName)
                    {
                        JsonValues.TryString(ref reader, body, out name);
                    }
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (!isFunction || name.IsDefault)
        {
            return FormatResult.Unsupported("tool_choice", "only none, auto, required and a named function are translated");
        }
        request.ToolChoice = new ToolChoice(ToolChoiceMode.Function, name);
        return FormatResult.Ok;
    }
}
