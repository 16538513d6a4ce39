using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>
/// Reads an OpenAI Chat Completions request into a <see cref="ChatRequest"/>. Refuses only what the
/// canonical model cannot hold (audio, files, legacy <c>functions</c>, non-function tools); fields a
/// particular target lacks are refused by that target's writer. Hints are dropped (docs/formats.md).
/// </summary>
internal static class OpenAiChatRequestReader
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
            else if (reader.ValueTextEquals("messages"u8))
            {
                result = ReadMessages(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("tools"u8))
            {
                result = OpenAiChatToolsReader.ReadTools(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("tool_choice"u8))
            {
                result = OpenAiChatToolsReader.ReadToolChoice(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("parallel_tool_calls"u8))
            {
                if (JsonValues.NextValue(ref reader) && JsonValues.TryBool(ref reader, out var parallel))
                {
                    request.AllowParallelToolCalls = parallel;
                }
            }
            else if (reader.ValueTextEquals("max_completion_tokens"u8) || reader.ValueTextEquals("max_tokens"u8))
            {
                var name = reader.ValueTextEquals("max_tokens"u8) ? "max_tokens" : "max_completion_tokens";
                if (JsonValues.NextValue(ref reader))
                {
                    if (!JsonValues.TryInt(ref reader, out var max) || max < 1)
                    {
                        return FormatResult.Invalid(name, "it must be a positive integer");
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
            else if (reader.ValueTextEquals("stop"u8))
            {
                result = ReadStop(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                request.Stream = JsonValues.NextValue(ref reader) && JsonValues.TryBool(ref reader, out var s) && s;
            }
            else if (reader.ValueTextEquals("stream_options"u8))
            {
                request.IncludeUsage = ReadIncludeUsage(ref reader);
            }
            else if (reader.ValueTextEquals("n"u8))
            {
                if (JsonValues.NextValue(ref reader) && JsonValues.TryInt(ref reader, out var n))
                {
                    request.Extras.ChoiceCount = n;
                }
            }
            else if (reader.ValueTextEquals("frequency_penalty"u8))
            {
                if (JsonValues.NextValue(ref reader) && JsonValues.TryDouble(ref reader, out var f))
                {
                    request.Extras.FrequencyPenalty = f;
                }
            }
            else if (reader.ValueTextEquals("presence_penalty"u8))
            {
                if (JsonValues.NextValue(ref reader) && JsonValues.TryDouble(ref reader, out var p))
                {
                    request.Extras.PresencePenalty = p;
                }
            }
            else if (reader.ValueTextEquals("logprobs"u8))
            {
                request.Extras.LogProbabilities |= JsonValues.NextValue(ref reader) && JsonValues.TryBool(ref reader, out var l) && l;
            }
            else if (reader.ValueTextEquals("top_logprobs"u8))
            {
                request.Extras.LogProbabilities |= JsonValues.NextValue(ref reader) && JsonValues.TryInt(ref reader, out var k) && k > 0;
            }
            else if (reader.ValueTextEquals("logit_bias"u8))
            {
                if (JsonValues.NextValue(ref reader) && reader.TokenType == JsonTokenType.StartObject)
                {
                    reader.Read();
                    request.Extras.LogitBias = reader.TokenType == JsonTokenType.PropertyName;
                    if (request.Extras.LogitBias)
                    {
                        SkipRestOfObject(ref reader);
                    }
                }
            }
            else if (reader.ValueTextEquals("reasoning_effort"u8))
            {
                if (JsonValues.NextValue(ref reader))
                {
                    request.Reasoning = new ReasoningOptions(true, ReadEffort(ref reader), null, false);
                }
            }
            else if (reader.ValueTextEquals("response_format"u8))
            {
                result = ReadResponseFormat(ref reader, body, request);
            }
            else if (reader.ValueTextEquals("audio"u8) || reader.ValueTextEquals("functions"u8)
                || reader.ValueTextEquals("function_call"u8) || reader.ValueTextEquals("web_search_options"u8))
            {
                var name = reader.GetString()!;
                if (JsonValues.NextValue(ref reader))
                {
                    return FormatResult.Unsupported(name, "the gateway translates function tools, text and images only");
                }
            }
            else if (reader.ValueTextEquals("modalities"u8))
            {
                result = ReadModalities(ref reader);
            }
            else
            {
                // seed, user, store, metadata, service_tier, prediction, prompt_cache_key, … (docs/formats.md: dropped).
                reader.Read();
                reader.Skip();
            }
            if (!result.IsSuccess)
            {
                return result;
            }
        }
        return request.Model.IsDefault ? FormatResult.Invalid("model", "it is required") : FormatResult.Ok;
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
            var result = OpenAiChatMessageReader.Read(ref reader, body, index, out var message);
            if (!result.IsSuccess)
            {
                return result;
            }
            request.Messages.Add(message!);
            index++;
        }
        return reader.TokenType == JsonTokenType.EndArray ? FormatResult.Ok : FormatResult.Invalid("messages", "every entry must be an object");
    }

    private static FormatResult ReadStop(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request)
    {
        if (!JsonValues.NextValue(ref reader))
        {
            return FormatResult.Ok;
        }
        if (JsonValues.TryString(ref reader, body, out var single))
        {
            request.StopSequences.Add(single);
            return FormatResult.Ok;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FormatResult.Invalid("stop", "it must be a string or an array of strings");
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!JsonValues.TryString(ref reader, body, out var stop))
            {
                return FormatResult.Invalid("stop", "it must be a string or an array of strings");
            }
            request.StopSequences.Add(stop);
        }
        return FormatResult.Ok;
    }

    private static bool ReadIncludeUsage(ref Utf8JsonReader reader)
    {
        var include = false;
        if (!JsonValues.NextValue(ref reader) || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isInclude = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isInclude)
            {
                include = reader.TokenType == JsonTokenType.True;
            }
            reader.Skip();
        }
        return include;
    }

    internal static ReasoningEffort ReadEffort(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return ReasoningEffort.Unspecified;
        }
        if (reader.ValueTextEquals("none"u8) || reader.ValueTextEquals("minimal"u8))
        {
            return ReasoningEffort.None;
        }
        if (reader.ValueTextEquals("low"u8))
        {
            return ReasoningEffort.Low;
        }
        if (reader.ValueTextEquals("medium"u8))
        {
            return ReasoningEffort.Medium;
        }
        // "high", "xhigh", Anthropic's "max": the most either side offers.
        return ReasoningEffort.High;
    }

    private static FormatResult ReadResponseFormat(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatRequest request)
    {
        if (!JsonValues.NextValue(ref reader))
        {
            return FormatResult.Ok;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FormatResult.Invalid("response_format", "it must be an object");
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
            else if (reader.ValueTextEquals("json_schema"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return FormatResult.Invalid("response_format.json_schema", "it must be an object");
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("name"u8))
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
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        request.ResponseFormat = new ResponseFormat(kind, name, schema, strict);
        return FormatResult.Ok;
    }

    private static FormatResult ReadModalities(ref Utf8JsonReader reader)
    {
        if (!JsonValues.NextValue(ref reader) || reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return FormatResult.Ok;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            if (!reader.ValueTextEquals("text"u8))
            {
                return FormatResult.Unsupported("modalities", "only text output is translated");
            }
        }
        return FormatResult.Ok;
    }

    /// <summary>Called on the first property name of an object: skips to its end.</summary>
    internal static void SkipRestOfObject(ref Utf8JsonReader reader)
    {
        while (reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            reader.Skip();
            reader.Read();
        }
    }
}
