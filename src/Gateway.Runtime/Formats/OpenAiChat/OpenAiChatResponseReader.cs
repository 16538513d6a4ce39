using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>
/// Reads an OpenAI Chat Completions response (<c>object: "chat.completion"</c>) into a
/// <see cref="ChatResponse"/>: the first choice's message (reasoning, text, refusal, tool calls),
/// its finish reason and the usage. Strings stay encoded slices of <c>body</c>, which must outlive
/// the response. A body that is not a completion is <see cref="FormatError.InvalidUpstreamResponse"/>.
/// </summary>
internal static class OpenAiChatResponseReader
{
    public static FormatResult Read(ReadOnlyMemory<byte> body, ChatResponse response)
    {
        try
        {
            var reader = new Utf8JsonReader(body.Span, JsonValues.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return FormatResult.BadUpstream("The upstream's answer is not a JSON object.");
            }
            var result = ReadRoot(ref reader, body, response);
            // Reading past the root throws on trailing bytes: a body cut and spliced is not an answer.
            return result.IsSuccess && reader.Read() ? FormatResult.BadUpstream("The upstream's answer has data after its JSON object.") : result;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a value of the wrong JSON type where a string was expected.
            return FormatResult.BadUpstream("The upstream's answer is not a valid chat completion.");
        }
    }

    private static FormatResult ReadRoot(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatResponse response)
    {
        var sawChoice = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out var id);
                response.Id = id;
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out var model);
                response.Model = model;
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                reader.Read();
                if (JsonValues.TryLong(ref reader, out var created))
                {
                    response.CreatedAt = DateTimeOffset.FromUnixTimeSeconds(created);
                }
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                var result = ReadChoices(ref reader, body, response, out sawChoice);
                if (!result.IsSuccess)
                {
                    return result;
                }
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                response.Usage = OpenAiUsage.Read(ref reader);
            }
            else
            {
                // object, system_fingerprint, service_tier, prompt_filter_results, …
                reader.Read();
                reader.Skip();
            }
        }
        if (!sawChoice)
        {
            return FormatResult.BadUpstream("The upstream's answer has no choices.");
        }
        if (response.FinishReason is ChatFinishReason.Stop or ChatFinishReason.Unspecified && HasToolCall(response.Contents))
        {
            // Some OpenAI-compatible servers say "stop" after tool calls; the caller must run them.
            response.FinishReason = ChatFinishReason.ToolCalls;
        }
        return FormatResult.Ok;
    }

    /// <summary>Reads the first choice (the gateway never asks for more than one) and skips the rest.</summary>
    private static FormatResult ReadChoices(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatResponse response, out bool sawChoice)
    {
        sawChoice = false;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return FormatResult.Ok;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (sawChoice || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            sawChoice = true;
            var result = ReadChoice(ref reader, body, response);
            if (!result.IsSuccess)
            {
                return result;
            }
        }
        return FormatResult.Ok;
    }

    private static FormatResult ReadChoice(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatResponse response)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                var result = ReadMessage(ref reader, body, response);
                if (!result.IsSuccess)
                {
                    return result;
                }
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                var refused = response.FinishReason == ChatFinishReason.ContentFilter;
                response.FinishReason = FinishReasons.ReadOpenAi(ref reader);
                if (refused && response.FinishReason is ChatFinishReason.Stop or ChatFinishReason.Unspecified)
                {
                    response.FinishReason = ChatFinishReason.ContentFilter;
                }
            }
            else
            {
                // index, logprobs
                reader.Read();
                reader.Skip();
            }
        }
        return FormatResult.Ok;
    }

    private static FormatResult ReadMessage(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ChatResponse response)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FormatResult.BadUpstream("The upstream's choice has no message object.");
        }
        // Properties come in any order; the canonical order is reasoning, text, tool calls.
        JsonText reasoning = default;
        var text = new List<AIContent>(1);
        List<AIContent>? calls = null;
        var refused = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                ReadContent(ref reader, body, text);
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                reader.Read();
                if (JsonValues.TryString(ref reader, body, out var refusal) && !refusal.IsEmpty)
                {
                    text.Add(new TextContent(refusal));
                    refused = true;
                }
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                // Not in OpenAI's own API: OpenAI-compatible reasoning servers (DeepSeek, vLLM, OpenRouter) send it.
                reader.Read();
                if (JsonValues.TryString(ref reader, body, out var shown) && !shown.IsEmpty)
                {
                    reasoning = shown;
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                calls = new List<AIContent>(2);
                var result = ReadToolCalls(ref reader, body, calls);
                if (!result.IsSuccess)
                {
                    return result;
                }
            }
            else
            {
                // role, annotations, audio, function_call (legacy, never asked for)
                reader.Read();
                reader.Skip();
            }
        }
        if (!reasoning.IsDefault)
        {
            response.Contents.Add(new TextReasoningContent(reasoning));
        }
        response.Contents.AddRange(text);
        if (calls is not null)
        {
            response.Contents.AddRange(calls);
        }
        if (refused && response.FinishReason is ChatFinishReason.Stop or ChatFinishReason.Unspecified)
        {
            // A refusal is Anthropic's "refusal" stop; OpenAI itself reports it as "stop".
            response.FinishReason = ChatFinishReason.ContentFilter;
        }
        return FormatResult.Ok;
    }

    /// <summary>A string, null, or (some compatible servers) an array of <c>text</c> parts.</summary>
    private static void ReadContent(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, List<AIContent> text)
    {
        if (JsonValues.TryString(ref reader, body, out var content))
        {
            if (!content.IsEmpty)
            {
                text.Add(new TextContent(content));
            }
            return;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isText = reader.ValueTextEquals("text"u8);
                reader.Read();
                if (isText && JsonValues.TryString(ref reader, body, out var part) && !part.IsEmpty)
                {
                    text.Add(new TextContent(part));
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private static FormatResult ReadToolCalls(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, List<AIContent> calls)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return FormatResult.Ok;
        }
        var index = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            // A function that is not an object leaves no name: reported below like a missing one.
            _ = OpenAiToolCalls.Read(ref reader, body, out var id, out var name, out var arguments);
            if (id.IsEmpty || name.IsEmpty)
            {
                return FormatResult.BadUpstream($"The upstream's tool call {index} has no id or no function name.");
            }
            // Arguments stay the string the model wrote; a writer that needs an object checks it (ToolArguments).
            calls.Add(new FunctionCallContent(id, name) { ArgumentsString = arguments });
            index++;
        }
        return FormatResult.Ok;
    }

    private static bool HasToolCall(List<AIContent> contents)
    {
        foreach (var content in contents)
        {
            if (content is FunctionCallContent)
            {
                return true;
            }
        }
        return false;
    }
}
