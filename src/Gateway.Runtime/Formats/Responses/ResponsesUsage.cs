using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Responses;

/// <summary>
/// Responses <c>usage</c>: <c>input_tokens</c> (cached included, as <see cref="UsageDetails"/> counts
/// them), <c>input_tokens_details.cached_tokens</c>, <c>output_tokens</c>,
/// <c>output_tokens_details.reasoning_tokens</c> and <c>total_tokens</c>; what the upstream did not
/// say is 0. Anthropic's cache writes have no field here (they stay inside <c>input_tokens</c>).
/// </summary>
internal static class ResponsesUsage
{
    public static void Write(Utf8JsonWriter json, in UsageDetails usage)
    {
        var input = usage.InputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        json.WriteStartObject("usage"u8);
        json.WriteNumber("input_tokens"u8, input);
        json.WriteStartObject("input_tokens_details"u8);
        json.WriteNumber("cached_tokens"u8, usage.CachedInputTokenCount ?? 0);
        json.WriteEndObject();
        json.WriteNumber("output_tokens"u8, output);
        json.WriteStartObject("output_tokens_details"u8);
        json.WriteNumber("reasoning_tokens"u8, usage.ReasoningTokenCount ?? 0);
        json.WriteEndObject();
        json.WriteNumber("total_tokens"u8, input + output);
        json.WriteEndObject();
    }
}
