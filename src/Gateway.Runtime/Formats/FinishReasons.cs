using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats;

/// <summary>
/// OpenAI <c>finish_reason</c> and Anthropic <c>stop_reason</c> ↔ <see cref="ChatFinishReason"/>
/// (docs/formats.md, "Response mapping"). Unknown values read as <see cref="ChatFinishReason.Unspecified"/>.
/// </summary>
internal static class FinishReasons
{
    /// <summary>The reader is on the string value.</summary>
    public static ChatFinishReason ReadOpenAi(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? ChatFinishReason.Unspecified
        : reader.ValueTextEquals("stop"u8) ? ChatFinishReason.Stop
        : reader.ValueTextEquals("length"u8) ? ChatFinishReason.Length
        : reader.ValueTextEquals("tool_calls"u8) || reader.ValueTextEquals("function_call"u8) ? ChatFinishReason.ToolCalls
        : reader.ValueTextEquals("content_filter"u8) ? ChatFinishReason.ContentFilter
        : ChatFinishReason.Unspecified;

    /// <summary>The reader is on the string value.</summary>
    public static ChatFinishReason ReadAnthropic(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? ChatFinishReason.Unspecified
        : reader.ValueTextEquals("end_turn"u8) || reader.ValueTextEquals("pause_turn"u8) ? ChatFinishReason.Stop
        : reader.ValueTextEquals("stop_sequence"u8) ? ChatFinishReason.StopSequence
        : reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("model_context_window_exceeded"u8) ? ChatFinishReason.Length
        : reader.ValueTextEquals("tool_use"u8) ? ChatFinishReason.ToolCalls
        : reader.ValueTextEquals("refusal"u8) ? ChatFinishReason.ContentFilter
        : ChatFinishReason.Unspecified;

    /// <summary>An unspecified reason is written as <c>stop</c> (clients expect a value at the end).</summary>
    public static ReadOnlySpan<byte> OpenAi(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Length => "length"u8,
        ChatFinishReason.ToolCalls => "tool_calls"u8,
        ChatFinishReason.ContentFilter => "content_filter"u8,
        _ => "stop"u8,
    };

    /// <summary>An unspecified reason is written as <c>end_turn</c>.</summary>
    public static ReadOnlySpan<byte> Anthropic(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.StopSequence => "stop_sequence"u8,
        ChatFinishReason.Length => "max_tokens"u8,
        ChatFinishReason.ToolCalls => "tool_use"u8,
        ChatFinishReason.ContentFilter => "refusal"u8,
        _ => "end_turn"u8,
    };
}
