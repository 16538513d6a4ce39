using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Anthropic;

/// <summary>
/// Reads an Anthropic Messages request into a <see cref="ChatRequest"/>. <c>system</c> (string or
/// blocks) becomes leading system messages; <c>role: "system"</c> entries inside <c>messages</c>
/// (Claude Code sends one) stay where they are. <c>cache_control</c>, <c>metadata</c>,
/// <c>context_management</c>, <c>service_tier</c> and citations are hints and are dropped; server
/// tools, MCP servers, containers and documents have no canonical form and are refused.
/// </summary>
internal static class AnthropicRequestReader
{
    public static FormatResult Read(ReadOnlyMemory<byte> body, ChatRequest request)
    {
        try
        {
            var reader = new Utf8JsonReader(body.Span, JsonValues.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return FormatResult.Invalid("body", "it must be a JSON object");
            }
            return ReadRoot(ref reader, body, request);
        }
        catch (JsonException)
        {
            return FormatResult.Invalid("body", "it is not valid JSON");
        }
        catch (InvalidOperationException)
        {
            // The reader compared a number or bool with text: a field that must be a string is not one.
            return FormatResult.Invalid("body", "a field that must be a string has another JSON type");
        }
    }

    private static FormatResult ReadRoot(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request)
    {
        List<AIContent>? system = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var result = FormatResult.Ok;
            if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                if (!JsonValues.TryString(ref reader, body, out var model))
                {
                    return FormatResult.Invalid("model", "it must be a string");
                }
                request.Model = model;
            }
            else if (reader.ValueTextEquals("system"u8))
            {
                if (JsonValues.NextValue(ref reader))
                {
                    system = new List<AIContent>(4);
                    result = AnthropicContentReader.Read(ref reader, body, "system", system);
                }
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                result = ReadMessages(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("tools"u8))
            {
                result = AnthropicToolsReader.ReadTools(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("tool_choice"u8))
            {
                result = AnthropicToolsReader.ReadToolChoice(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("max_tokens"u8))
            {
                if (JsonValues.NextValue(ref reader))
                {
                    if (!JsonValues.TryInt(ref reader, out var max) || max < 1)
                    {
                        return FormatResult.Invalid("max_tokens", "it must be a positive integer");
                    }
                    request.MaxOutputTokens = max;
                }
            }
            else if (reader.ValueTextEquals("temperature"u8))
            {
                if (JsonValues.NextValue(ref reader))
                {
                    request.Temperature = JsonValues.TryDouble(ref reader, out var t) ? t : null;
                }
            }
            else if (reader.ValueTextEquals("top_p"u8))
            {
                if (JsonValues.NextValue(ref reader))
                {
                    request.TopP = JsonValues.TryDouble(ref reader, out var p) ? p : null;
                }
            }
            else if (reader.ValueTextEquals("top_k"u8))
            {
                if (JsonValues.NextValue(ref reader) && JsonValues.TryInt(ref reader, out var k))
                {
                    request.Extras.TopK = k;
                }
            }
            else if (reader.ValueTextEquals("stop_sequences"u8))
            {
                if (JsonValues.NextValue(ref reader) && reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && JsonValues.TryString(ref reader, body, out var stop))
                    {
                        request.StopSequences.Add(stop);
                    }
                }
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                request.Stream = JsonValues.NextValue(ref reader) && JsonValues.TryBool(ref reader, out var s) && s;
            }
            else if (reader.ValueTextEquals("thinking"u8))
            {
                ReadThinking(ref reader, request);
            }
            else if (reader.ValueTextEquals("output_config"u8))
            {
                result = ReadOutputConfig(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("mcp_servers"u8) || reader.ValueTextEquals("container"u8))
            {
                var field = reader.ValueTextEquals("container"u8) ? "container" : "mcp_servers";
                if (JsonValues.NextValue(ref reader) && !IsEmptyArray(ref reader))
                {
                    return FormatResult.Unsupported(field, "MCP servers and containers run only on Anthropic");
                }
            }
            else
            {
                // metadata, context_management, service_tier, inference_geo, … (docs/formats.md: dropped).
                reader.Read();
                reader.Skip();
            }
            if (!result.IsSuccess)
            {
                return result;
            }
        }
        if (request.Model.IsDefault)
        {
            return FormatResult.Invalid("model", "it is required");
        }
        if (system is { Count: > 0 })
        {
            var message = new ChatMessage(ChatRole.System);
            message.Contents.AddRange(system);
            request.Messages.Insert(0, message);
        }
        return FormatResult.Ok;
    }

    private static bool IsEmptyArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return true;
        }
        reader.Skip();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }
        return false;
    }

    private static FormatResult ReadMessages(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FormatResult.Invalid("messages", "it must be an array");
        }
        var index = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            ChatRole? role = null;
            var contents = new List<AIContent>(2);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("role"u8))
                {
                    reader.Read();
                    role = reader.ValueTextEquals("user"u8) ? ChatRole.User
                        : reader.ValueTextEquals("assistant"u8) ? ChatRole.Assistant
                        : reader.ValueTextEquals("system"u8) ? ChatRole.System
                        : null;
                    if (role is null)
                    {
                        return FormatResult.Invalid($"messages[{index}].role", "it must be user, assistant or system");
                    }
                }
                else if (reader.ValueTextEquals("content"u8))
                {
                    reader.Read();
                    var result = AnthropicContentReader.Read(ref reader, body, $"messages[{index}].content", contents);
                    if (!result.IsSuccess)
                    {
                        return result;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (role is null)
            {
                return FormatResult.Invalid($"messages[{index}].role", "it is required");
            }
            var message = new ChatMessage(role.Value);
            message.Contents.AddRange(contents);
            request.Messages.Add(message);
            index++;
        }
        return FormatResult.Ok;
    }

    /// <summary><c>{"type":"enabled","budget_tokens":N}</c>, <c>{"type":"adaptive"}</c> or <c>{"type":"disabled"}</c>.</summary>
    private static void ReadThinking(ref Utf8JsonReader reader, ChatRequest request)
    {
        if (!JsonValues.NextValue(ref reader) || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        var enabled = false;
        var adaptive = false;
        int? budget = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                adaptive = reader.ValueTextEquals("adaptive"u8);
                enabled = adaptive || reader.ValueTextEquals("enabled"u8);
            }
            else if (reader.ValueTextEquals("budget_tokens"u8))
            {
                reader.Read();
                budget = JsonValues.TryInt(ref reader, out var b) ? b : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        var effort = request.Reasoning.Effort;
        request.Reasoning = enabled
            ? new ReasoningOptions(true, effort, budget, adaptive)
            : new ReasoningOptions(true, ReasoningEffort.None, null, false);
    }

    /// <summary><c>output_config.effort</c> (low … max) and <c>output_config.format</c> (a JSON schema).</summary>
    private static FormatResult ReadOutputConfig(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request)
    {
        if (!JsonValues.NextValue(ref reader) || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return FormatResult.Ok;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("effort"u8))
            {
                reader.Read();
                var effort = OpenAiChat.OpenAiChatRequestReader.ReadEffort(ref reader);
                var current = request.Reasoning;
                // Effort alone does not turn thinking on; it grades thinking the request asked for.
                request.Reasoning = current with { Effort = current.Effort == ReasoningEffort.None ? ReasoningEffort.None : effort };
            }
            else if (reader.ValueTextEquals("format"u8))
            {
                if (!JsonValues.NextValue(ref reader))
                {
                    continue;
                }
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return FormatResult.Invalid("output_config.format", "it must be an object");
                }
                RawJson schema = default;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isSchema = reader.ValueTextEquals("schema"u8);
                    reader.Read();
                    if (isSchema)
                    {
                        schema = RawJson.Read(ref reader, body);
                    }
                    reader.Skip();
                }
                if (!schema.IsEmpty)
                {
                    request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema, default, schema, true);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return FormatResult.Ok;
    }
}
