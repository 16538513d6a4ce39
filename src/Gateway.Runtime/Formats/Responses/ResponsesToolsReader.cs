using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Responses;

/// <summary>
/// Responses <c>tools</c> and <c>tool_choice</c>. Tools the client executes become canonical
/// functions: <c>function</c> tools as they are, <c>custom</c> tools (free-form text such as Codex's
/// <c>apply_patch</c>) as a function taking one string <c>input</c>, and any tool marked
/// <c>execution: "client"</c> (Codex's <c>tool_search</c>) by its name and parameters. Hosted tools
/// (<c>web_search</c>, <c>file_search</c>, …) run inside OpenAI, which a translated provider cannot
/// do: they are dropped and named (SPEC §10), unless <c>tool_choice</c> forces one.
/// </summary>
internal static class ResponsesToolsReader
{
    /// <summary>The one-string schema a <c>custom</c> tool is offered with.</summary>
    private static readonly byte[] CustomToolSchema =
        """{"type":"object","properties":{"input":{"type":"string","description":"The raw tool input, exactly as the tool's format requires (not JSON-encoded)."}},"required":["input"],"additionalProperties":false}"""u8.ToArray();

    private static readonly byte[] EmptyObjectSchema = """{"type":"object","properties":{}}"""u8.ToArray();

    /// <summary>Put between a custom tool's description and its grammar, already JSON-encoded content.</summary>
    private static readonly byte[] GrammarLead =
        JsonEncodedText.Encode("\n\nCall this tool with one argument, `input`: a string that must follow this grammar (").EncodedUtf8Bytes.ToArray();

    public static FormatResult ReadTools(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request, ResponsesRequestInfo info)
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
            var result = ReadTool(ref reader, body, $"tools[{index}]", request, info);
            if (!result.IsSuccess)
            {
                return result;
            }
            index++;
        }
        return reader.TokenType == JsonTokenType.EndArray ? FormatResult.Ok : FormatResult.Invalid("tools", "every entry must be an object");
    }

    private static FormatResult ReadTool(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, string path, ChatRequest request, ResponsesRequestInfo info)
    {
        JsonText type = default, name = default, description = default, syntax = default, definition = default;
        RawJson parameters = default;
        bool? strict = null;
        var clientExecuted = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out type);
            }
            else if (reader.ValueTextEquals("name"u8))
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
                if (reader.TokenType == JsonTokenType.StartObject) parameters = RawJson.Read(ref reader, body); else reader.Skip();
            }
            else if (reader.ValueTextEquals("strict"u8))
            {
                reader.Read();
                strict = JsonValues.TryBool(ref reader, out var s) ? s : null;
            }
            else if (reader.ValueTextEquals("execution"u8))
            {
                reader.Read();
                clientExecuted = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("client"u8);
            }
            else if (reader.ValueTextEquals("format"u8))
            {
                reader.Read();
                ReadCustomFormat(ref reader, body, out syntax, out definition);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (type.IsDefault)
        {
            return FormatResult.Invalid($"{path}.type", "it is required");
        }
        if (type.ValueEquals("function"u8))
        {
            if (name.IsDefault) return FormatResult.Invalid($"{path}.name", "a function tool needs one");
            request.Tools.Add(new ToolDefinition(name) { Description = description, ParametersSchema = parameters, Strict = strict });
        }
        else if (type.ValueEquals("custom"u8))
        {
            if (name.IsDefault) return FormatResult.Invalid($"{path}.name", "a custom tool needs one");
            request.Tools.Add(new ToolDefinition(name)
            {
                Description = definition.IsDefault ? description : WithGrammar(description, syntax, definition),
                ParametersSchema = new RawJson(CustomToolSchema),
            });
            info.CustomTools.Add(JsonValues.Decoded(name).ToArray());
        }
        else if (clientExecuted)
        {
            // tool_search and its like: the client runs it, so the model only needs a name and a schema.
            request.Tools.Add(new ToolDefinition(name.IsDefault ? type : name)
            {
                Description = description,
                ParametersSchema = parameters.IsEmpty ? new RawJson(EmptyObjectSchema) : parameters,
            });
        }
        else
        {
            info.DroppedTools.Add(type.ToString());
        }
        return FormatResult.Ok;
    }

    /// <summary><c>format: {"type":"grammar","syntax":"lark","definition":"…"}</c> or <c>{"type":"text"}</c> (no grammar).</summary>
    private static void ReadCustomFormat(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, out JsonText syntax, out JsonText definition)
    {
        syntax = default;
        definition = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("syntax"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out syntax);
            }
            else if (reader.ValueTextEquals("definition"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out definition);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// The description followed by the grammar: a provider without grammar-constrained sampling can
    /// only be told the format. Joined as encoded JSON content, without decoding either string.
    /// </summary>
    private static JsonText WithGrammar(JsonText description, JsonText syntax, JsonText definition)
    {
        var syntaxName = syntax.IsDefault ? "grammar"u8 : syntax.EncodedContent;
        var parts = new List<byte>(description.EncodedContent.Length + GrammarLead.Length + syntaxName.Length + definition.EncodedContent.Length + 8);
        parts.Add((byte)'"');
        parts.AddRange(description.EncodedContent);
        parts.AddRange(GrammarLead);
        parts.AddRange(syntaxName);
        parts.AddRange("):\\n"u8);
        parts.AddRange(definition.EncodedContent);
        parts.Add((byte)'"');
        return new JsonText(parts.ToArray());
    }

    /// <summary>
    /// <c>"none" | "auto" | "required"</c>, <c>{"type":"function"|"custom","name":…}</c>, or a hosted
    /// tool's type (<c>{"type":"web_search"}</c>), which no translated provider can run.
    /// </summary>
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
                return FormatResult.Invalid("tool_choice", "it must be none, auto, required or an object");
            }
            request.ToolChoice = new ToolChoice(mode, default);
            return FormatResult.Ok;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FormatResult.Invalid("tool_choice", "it must be a string or an object");
        }
        JsonText type = default, name = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isName = reader.ValueTextEquals("name"u8);
            reader.Read();
            if (isType) JsonValues.TryString(ref reader, body, out type);
            else if (isName) JsonValues.TryString(ref reader, body, out name);
            else reader.Skip();
        }
        if ((type.ValueEquals("function"u8) || type.ValueEquals("custom"u8)) && !name.IsDefault)
        {
            request.ToolChoice = new ToolChoice(ToolChoiceMode.Function, name);
            return FormatResult.Ok;
        }
        if (type.ValueEquals("function"u8) || type.ValueEquals("custom"u8))
        {
            return FormatResult.Invalid("tool_choice.name", "a function or custom tool choice needs one");
        }
        if (type.ValueEquals("allowed_tools"u8))
        {
            return FormatResult.Unsupported("tool_choice", "allowed_tools is not translated; send only the tools the model may use");
        }
        return FormatResult.Unsupported("tool_choice",
            $"it forces the hosted tool '{type}', which only OpenAI runs; a translated provider cannot (SPEC §10)");
    }
}
