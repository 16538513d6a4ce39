using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Anthropic;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as an Anthropic Messages body. Every system message goes to
/// top-level <c>system</c> (Anthropic accepts system entries inside <c>messages</c> only behind a
/// beta); tool messages become <c>tool_result</c> blocks of a user turn; consecutive entries of one
/// role are merged (tool results must all sit in the turn after the tool calls). Reasoning without
/// an Anthropic signature is not sent back (Anthropic rejects unsigned thinking).
/// </summary>
internal static class AnthropicRequestWriter
{
    public static FormatResult Write(ChatRequest request, Utf8JsonWriter writer, RequestTranslationOptions options)
    {
        var extras = request.Extras;
        if (extras.ChoiceCount > 1)
        {
            return FormatResult.Unsupported("n", "Anthropic returns one choice");
        }
        if (extras.FrequencyPenalty is { } f && f != 0)
        {
            return FormatResult.Unsupported("frequency_penalty", "Anthropic has no penalties");
        }
        if (extras.PresencePenalty is { } p && p != 0)
        {
            return FormatResult.Unsupported("presence_penalty", "Anthropic has no penalties");
        }
        if (extras.LogProbabilities)
        {
            return FormatResult.Unsupported("logprobs", "Anthropic returns no log probabilities");
        }
        if (extras.LogitBias)
        {
            return FormatResult.Unsupported("logit_bias", "Anthropic has no logit bias");
        }
        if (request.Temperature > 1)
        {
            return FormatResult.Unsupported("temperature", "Anthropic accepts 0 to 1");
        }
        if (request.ResponseFormat.Kind == ResponseFormatKind.JsonObject)
        {
            return FormatResult.Unsupported("response_format", "Anthropic needs a JSON schema, not json_object");
        }
        writer.WriteStartObject();
        writer.WritePropertyName("model"u8);
        if (options.UpstreamModel is { } model)
        {
            writer.WriteStringValue(model);
        }
        else
        {
            request.Model.WriteTo(writer);
        }
        var maxTokens = Limits.MaxTokens(request.MaxOutputTokens, options.DefaultMaxTokens, options)!.Value;
        // Anthropic's max_tokens includes thinking. When the gateway chose the limit (the caller sent none and
        // no [models] max_output_tokens is set), it is room for the answer: thinking asked for by effort comes
        // on top, or an effort of "medium" would leave the answer a single token (Codex always sends one).
        if (request.MaxOutputTokens is null && options.DefaultMaxTokens == Limits.DefaultMaxTokens
            && Limits.BudgetFor(request.Reasoning, int.MaxValue) is { } thinking)
        {
            maxTokens = Limits.MaxTokens(options.DefaultMaxTokens + thinking, null, options)!.Value;
        }
        writer.WriteNumber("max_tokens"u8, maxTokens);
        WriteSystem(writer, request);
        var result = AnthropicMessagesWriter.Write(writer, request.Messages);
        if (!result.IsSuccess)
        {
            return result;
        }
        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature"u8, temperature);
        }
        if (request.TopP is { } topP)
        {
            writer.WriteNumber("top_p"u8, topP);
        }
        if (request.StopSequences.Count > 0)
        {
            writer.WritePropertyName("stop_sequences"u8);
            writer.WriteStartArray();
            foreach (var stop in request.StopSequences)
            {
                stop.WriteTo(writer);
            }
            writer.WriteEndArray();
        }
        if (request.Stream)
        {
            writer.WriteBoolean("stream"u8, true);
        }
        if (Limits.BudgetFor(request.Reasoning, maxTokens) is { } budget)
        {
            writer.WritePropertyName("thinking"u8);
            writer.WriteStartObject();
            writer.WriteString("type"u8, "enabled"u8);
            writer.WriteNumber("budget_tokens"u8, budget);
            writer.WriteEndObject();
        }
        if (request.ResponseFormat.Kind == ResponseFormatKind.JsonSchema)
        {
            writer.WritePropertyName("output_config"u8);
            writer.WriteStartObject();
            writer.WritePropertyName("format"u8);
            writer.WriteStartObject();
            writer.WriteString("type"u8, "json_schema"u8);
            writer.WritePropertyName("schema"u8);
            request.ResponseFormat.Schema.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        WriteTools(writer, request);
        writer.WriteEndObject();
        return FormatResult.Ok;
    }

    private static void WriteSystem(Utf8JsonWriter writer, ChatRequest request)
    {
        var any = false;
        foreach (var message in request.Messages)
        {
            if (message.Role != ChatRole.System)
            {
                continue;
            }
            foreach (var content in message.Contents)
            {
                if (content is TextContent text)
                {
                    if (!any)
                    {
                        writer.WritePropertyName("system"u8);
                        writer.WriteStartArray();
                        any = true;
                    }
                    writer.WriteStartObject();
                    writer.WriteString("type"u8, "text"u8);
                    writer.WritePropertyName("text"u8);
                    text.Text.WriteTo(writer);
                    writer.WriteEndObject();
                }
            }
        }
        if (any)
        {
            writer.WriteEndArray();
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, ChatRequest request)
    {
        if (request.Tools.Count == 0)
        {
            return;
        }
        writer.WritePropertyName("tools"u8);
        writer.WriteStartArray();
        foreach (var tool in request.Tools)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("name"u8);
            tool.Name.WriteTo(writer);
            if (!tool.Description.IsDefault)
            {
                writer.WritePropertyName("description"u8);
                tool.Description.WriteTo(writer);
            }
            writer.WritePropertyName("input_schema"u8);
            if (tool.ParametersSchema.IsEmpty)
            {
                writer.WriteRawValue("{\"type\":\"object\",\"properties\":{}}"u8, skipInputValidation: true);
            }
            else
            {
                tool.ParametersSchema.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        var choice = request.ToolChoice;
        var disableParallel = request.AllowParallelToolCalls == false;
        if (choice.Mode == ToolChoiceMode.Unspecified && !disableParallel)
        {
            return;
        }
        writer.WritePropertyName("tool_choice"u8);
        writer.WriteStartObject();
        writer.WriteString("type"u8, choice.Mode switch
        {
            ToolChoiceMode.None => "none"u8,
            ToolChoiceMode.Required => "any"u8,
            ToolChoiceMode.Function => "tool"u8,
            _ => "auto"u8,
        });
        if (choice.Mode == ToolChoiceMode.Function)
        {
            writer.WritePropertyName("name"u8);
            choice.FunctionName.WriteTo(writer);
        }
        if (disableParallel && choice.Mode != ToolChoiceMode.None)
        {
            writer.WriteBoolean("disable_parallel_tool_use"u8, true);
        }
        writer.WriteEndObject();
    }
}
