using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;

namespace Gateway.Runtime.Formats.Responses;

/// <summary>
/// Reads an OpenAI Responses request (<c>POST /v1/responses</c>) into a <see cref="ChatRequest"/> for
/// a provider that does not serve Responses (SPEC §10). Translation is stateless: nothing is stored,
/// so <c>previous_response_id</c> and <c>conversation</c> are refused and <c>store</c> is ignored.
/// What the canonical request cannot say (dropped hosted tools, which tools are <c>custom</c>) goes
/// to <see cref="ResponsesRequestInfo"/>. Hints are dropped (docs/formats.md, "Responses").
/// </summary>
internal static class ResponsesRequestReader
{
    private const string Stateless = "translated routes are stateless: the gateway stores no responses or conversations, so send the whole conversation in 'input'";

    public static FormatResult Read(ReadOnlyMemory<byte> body, ChatRequest request, ResponsesRequestInfo info)
    {
        try
        {
            var reader = new Utf8JsonReader(body.Span, JsonValues.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return FormatResult.Invalid("body", "it must be a JSON object");
            }
            return ReadRoot(ref reader, body, request, info);
        }
        catch (JsonException)
        {
            return FormatResult.Invalid("body", "it is not valid JSON");
        }
        catch (InvalidOperationException)
        {
            return FormatResult.Invalid("body", "a field that must be a string has another JSON type");
        }
    }

    private static FormatResult ReadRoot(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request, ResponsesRequestInfo info)
    {
        JsonText instructions = default;
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
            else if (reader.ValueTextEquals("input"u8))
            {
                result = ResponsesInputReader.Read(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("instructions"u8))
            {
                if (JsonValues.NextValue(ref reader) && !JsonValues.TryString(ref reader, body, out instructions))
                {
                    return FormatResult.Invalid("instructions", "it must be a string");
                }
            }
            else if (reader.ValueTextEquals("tools"u8))
            {
                result = ResponsesToolsReader.ReadTools(ref reader, body, request, info);
            }
            else if (reader.ValueTextEquals("tool_choice"u8))
            {
                result = ResponsesToolsReader.ReadToolChoice(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("parallel_tool_calls"u8))
            {
                if (JsonValues.NextValue(ref reader) && JsonValues.TryBool(ref reader, out var parallel))
                {
                    request.AllowParallelToolCalls = parallel;
                }
            }
            else if (reader.ValueTextEquals("max_output_tokens"u8))
            {
                if (JsonValues.NextValue(ref reader))
                {
                    if (!JsonValues.TryInt(ref reader, out var max) || max < 1)
                    {
                        return FormatResult.Invalid("max_output_tokens", "it must be a positive integer");
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
            else if (reader.ValueTextEquals("top_logprobs"u8))
            {
                request.Extras.LogProbabilities |= JsonValues.NextValue(ref reader) && JsonValues.TryInt(ref reader, out var k) && k > 0;
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                request.Stream = JsonValues.NextValue(ref reader) && JsonValues.TryBool(ref reader, out var s) && s;
            }
            else if (reader.ValueTextEquals("reasoning"u8))
            {
                ReadReasoning(ref reader, request);
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                result = ReadText(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("previous_response_id"u8) || reader.ValueTextEquals("conversation"u8))
            {
                var name = reader.GetString()!;
                if (JsonValues.NextValue(ref reader))
                {
                    return FormatResult.Unsupported(name, Stateless);
                }
            }
            else if (reader.ValueTextEquals("prompt"u8))
            {
                if (JsonValues.NextValue(ref reader))
                {
                    return FormatResult.Unsupported("prompt", "stored prompt templates live at OpenAI; send the instructions and input themselves");
                }
            }
            else if (reader.ValueTextEquals("background"u8))
            {
                if (JsonValues.NextValue(ref reader) && reader.TokenType == JsonTokenType.True)
                {
                    return FormatResult.Unsupported("background", Stateless);
                }
            }
            else
            {
                // store (nothing is stored either way), include (reasoning.encrypted_content: no reasoning
                // item is written back), metadata, user, safety_identifier, prompt_cache_key,
                // service_tier, truncation, max_tool_calls, stream_options: dropped (docs/formats.md).
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
        if (!instructions.IsEmpty)
        {
            // Instructions come before the conversation wherever the field sat in the body.
            var system = new ChatMessage(ChatRole.System);
            system.Contents.Add(new TextContent(instructions));
            request.Messages.Insert(0, system);
        }
        // A Responses stream always ends with usage in response.completed.
        request.IncludeUsage = request.Stream;
        return FormatResult.Ok;
    }

    /// <summary><c>{"effort": "low"|…, "summary": …}</c>; the summary setting has no counterpart.</summary>
    private static void ReadReasoning(ref Utf8JsonReader reader, ChatRequest request)
    {
        if (!JsonValues.NextValue(ref reader) || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEffort = reader.ValueTextEquals("effort"u8);
            reader.Read();
            if (isEffort && reader.TokenType == JsonTokenType.String)
            {
                request.Reasoning = new ReasoningOptions(true, OpenAiChatRequestReader.ReadEffort(ref reader), null, false);
            }
            reader.Skip();
        }
    }

    /// <summary><c>text.format</c>: <c>{"type":"json_schema","name","schema","strict"}</c> (flat, unlike Chat's), <c>json_object</c> or <c>text</c>; <c>verbosity</c> is dropped.</summary>
    private static FormatResult ReadText(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request)
    {
        if (!JsonValues.NextValue(ref reader))
        {
            return FormatResult.Ok;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FormatResult.Invalid("text", "it must be an object");
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("format"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            if (!JsonValues.NextValue(ref reader))
            {
                continue;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return FormatResult.Invalid("text.format", "it must be an object");
            }
            var kind = ResponseFormatKind.Text;
            JsonText name = default;
            RawJson schema = default;
            bool? strict = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    kind = reader.ValueTextEquals("json_schema"u8) ? ResponseFormatKind.JsonSchema
                        : reader.ValueTextEquals("json_object"u8) ? ResponseFormatKind.JsonObject
                        : ResponseFormatKind.Text;
                }
                else if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    JsonValues.TryString(ref reader, body, out name);
                }
                else if (reader.ValueTextEquals("schema"u8))
                {
                    reader.Read();
                    schema = RawJson.Read(ref reader, body);
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
            if (kind == ResponseFormatKind.JsonSchema && schema.IsEmpty)
            {
                return FormatResult.Invalid("text.format.schema", "a json_schema format needs one");
            }
            request.ResponseFormat = new ResponseFormat(kind, name, schema, strict);
        }
        return FormatResult.Ok;
    }
}
