using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Anthropic;

/// <summary>Anthropic <c>tools</c> (client tools only: server tools run on Anthropic) and <c>tool_choice</c>.</summary>
internal static class AnthropicToolsReader
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
            JsonText name = default, description = default;
            RawJson schema = default;
            var custom = true;
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
                else if (reader.ValueTextEquals("input_schema"u8))
                {
                    reader.Read();
                    schema = RawJson.Read(ref reader, body);
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    // Server tools carry a versioned type (web_search_20250305, bash_20250124, …).
                    reader.Read();
                    custom = reader.TokenType == JsonTokenType.Null || reader.ValueTextEquals("custom"u8);
                }
                else if (reader.ValueTextEquals("strict"u8))
                {
                    reader.Read();
                    strict = JsonValues.TryBool(ref reader, out var s) ? s : null;
                }
                else
                {
                    // cache_control, defer_loading, input_examples: hints.
                    reader.Read();
                    reader.Skip();
                }
            }
            if (!custom)
            {
                return FormatResult.Unsupported($"tools[{index}]", "server tools run only on Anthropic");
            }
            if (name.IsDefault)
            {
                return FormatResult.Invalid($"tools[{index}].name", "it is required");
            }
            request.Tools.Add(new ToolDefinition(name) { Description = description, ParametersSchema = schema, Strict = strict });
            index++;
        }
        return FormatResult.Ok;
    }

    /// <summary><c>{"type":"auto"|"any"|"none"|"tool","name":…,"disable_parallel_tool_use":bool}</c>.</summary>
    public static FormatResult ReadToolChoice(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request)
    {
        if (!JsonValues.NextValue(ref reader))
        {
            return FormatResult.Ok;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FormatResult.Invalid("tool_choice", "it must be an object");
        }
        var mode = ToolChoiceMode.Unspecified;
        JsonText name = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                mode = reader.ValueTextEquals("auto"u8) ? ToolChoiceMode.Auto
                    : reader.ValueTextEquals("any"u8) ? ToolChoiceMode.Required
                    : reader.ValueTextEquals("none"u8) ? ToolChoiceMode.None
                    : reader.ValueTextEquals("tool"u8) ? ToolChoiceMode.Function
                    : ToolChoiceMode.Unspecified;
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out name);
            }
            else if (reader.ValueTextEquals("disable_parallel_tool_use"u8))
            {
                reader.Read();
                if (JsonValues.TryBool(ref reader, out var disable))
                {
                    request.AllowParallelToolCalls = !disable;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (mode == ToolChoiceMode.Unspecified || (mode == ToolChoiceMode.Function && name.IsDefault))
        {
            return FormatResult.Invalid("tool_choice", "type must be auto, any, none or tool (with a name)");
        }
        request.ToolChoice = new ToolChoice(mode, name);
        return FormatResult.Ok;
    }
}
