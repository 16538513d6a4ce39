using System.Buffers.Text;
using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.Responses;

/// <summary>
/// Output items of a Responses answer (<c>message</c>, <c>reasoning</c>, <c>function_call</c>,
/// <c>custom_tool_call</c>), shared by the response and stream writers so both say the same thing.
/// Item ids are made up, <c>msg_</c>/<c>rs_</c>/<c>fc_</c>/<c>ctc_</c> + a per-response token + the
/// output index: no upstream format has item ids, and clients only need them unique and stable
/// across the events of one item.
/// </summary>
internal static class ResponsesItems
{
    public const int TokenLength = 32;

    /// <summary>A fresh per-response token (hex), once per response.</summary>
    public static byte[] NewToken()
    {
        var token = new byte[TokenLength];
        Guid.NewGuid().TryFormat(token, out _, "N");
        return token;
    }

    /// <summary>Writes <c>"property": "prefix + token + _ + index"</c> without allocating.</summary>
    public static void WriteId(Utf8JsonWriter json, ReadOnlySpan<byte> property, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> token, int index)
    {
        Span<byte> id = stackalloc byte[prefix.Length + token.Length + 12];
        prefix.CopyTo(id);
        token.CopyTo(id[prefix.Length..]);
        var at = prefix.Length + token.Length;
        id[at++] = (byte)'_';
        Utf8Formatter.TryFormat(index, id[at..], out var written);
        json.WriteString(property, id[..(at + written)]);
    }

    public static ReadOnlySpan<byte> MessagePrefix => "msg_"u8;
    public static ReadOnlySpan<byte> ReasoningPrefix => "rs_"u8;
    public static ReadOnlySpan<byte> FunctionCallPrefix => "fc_"u8;
    public static ReadOnlySpan<byte> CustomCallPrefix => "ctc_"u8;

    /// <summary>Opens a message item up to its <c>content</c> array; the caller writes parts and calls <see cref="EndMessage"/>.</summary>
    public static void BeginMessage(Utf8JsonWriter json, ReadOnlySpan<byte> token, int index, ReadOnlySpan<byte> status)
    {
        json.WriteStartObject();
        WriteId(json, "id"u8, MessagePrefix, token, index);
        json.WriteString("type"u8, "message"u8);
        json.WriteString("status"u8, status);
        json.WriteString("role"u8, "assistant"u8);
        json.WriteStartArray("content"u8);
    }

    public static void EndMessage(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>An <c>output_text</c> part; <paramref name="encodedText"/> is a JSON string token.</summary>
    public static void WriteOutputText(Utf8JsonWriter json, ReadOnlySpan<byte> encodedText)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "output_text"u8);
        json.WriteStartArray("annotations"u8);
        json.WriteEndArray();
        json.WritePropertyName("text"u8);
        json.WriteRawValue(encodedText, skipInputValidation: true);
        json.WriteEndObject();
    }

    /// <summary>A reasoning item whose summary is the shown reasoning (<c>[]</c> while streaming starts).</summary>
    public static void WriteReasoning(Utf8JsonWriter json, ReadOnlySpan<byte> token, int index, ReadOnlySpan<byte> encodedSummary)
    {
        json.WriteStartObject();
        WriteId(json, "id"u8, ReasoningPrefix, token, index);
        json.WriteString("type"u8, "reasoning"u8);
        json.WriteStartArray("summary"u8);
        if (!encodedSummary.IsEmpty)
        {
            WriteSummaryPart(json, encodedSummary);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteSummaryPart(Utf8JsonWriter json, ReadOnlySpan<byte> encodedSummary)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "summary_text"u8);
        json.WritePropertyName("text"u8);
        json.WriteRawValue(encodedSummary, skipInputValidation: true);
        json.WriteEndObject();
    }

    /// <summary>Opens a <c>function_call</c> or <c>custom_tool_call</c> item; the caller writes <c>arguments</c>/<c>input</c> and ends the object.</summary>
    public static void BeginCall(Utf8JsonWriter json, bool custom, ReadOnlySpan<byte> token, int index, ReadOnlySpan<byte> status, ReadOnlySpan<byte> encodedCallId, ReadOnlySpan<byte> encodedName)
    {
        json.WriteStartObject();
        WriteId(json, "id"u8, custom ? CustomCallPrefix : FunctionCallPrefix, token, index);
        json.WriteString("type"u8, custom ? "custom_tool_call"u8 : "function_call"u8);
        json.WriteString("status"u8, status);
        json.WritePropertyName("call_id"u8);
        json.WriteRawValue(encodedCallId.IsEmpty ? "\"\""u8 : encodedCallId, skipInputValidation: true);
        json.WritePropertyName("name"u8);
        json.WriteRawValue(encodedName.IsEmpty ? "\"\""u8 : encodedName, skipInputValidation: true);
        json.WritePropertyName(custom ? "input"u8 : "arguments"u8);
    }

    /// <summary>
    /// A custom tool's text from the arguments the model gave its one-string function: the
    /// <c>input</c> string token as it is; when the model wrote something else, the whole arguments
    /// text (the client's parser then reports the mistake, as it would OpenAI's).
    /// </summary>
    public static void WriteCustomInput(Utf8JsonWriter json, ReadOnlySpan<byte> argumentsJson)
    {
        try
        {
            var reader = new Utf8JsonReader(argumentsJson, JsonValues.ReaderOptions);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isInput = reader.ValueTextEquals("input"u8);
                    reader.Read();
                    if (isInput && reader.TokenType == JsonTokenType.String)
                    {
                        var start = (int)reader.TokenStartIndex;
                        json.WriteRawValue(argumentsJson.Slice(start, reader.ValueSpan.Length + 2), skipInputValidation: true);
                        return;
                    }
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Broken JSON from the model: passed on as text below.
        }
        json.WriteStringValue(argumentsJson);
    }

    /// <summary><c>status</c> and <c>incomplete_details</c> for a finish reason.</summary>
    public static void WriteStatus(Utf8JsonWriter json, ChatFinishReason reason)
    {
        var incomplete = reason switch
        {
            ChatFinishReason.Length => "max_output_tokens"u8,
            ChatFinishReason.ContentFilter => "content_filter"u8,
            _ => default,
        };
        json.WriteString("status"u8, incomplete.IsEmpty ? "completed"u8 : "incomplete"u8);
        if (incomplete.IsEmpty)
        {
            json.WriteNull("incomplete_details"u8);
            return;
        }
        json.WriteStartObject("incomplete_details"u8);
        json.WriteString("reason"u8, incomplete);
        json.WriteEndObject();
    }

    /// <summary>True when the answer stopped early: the response is <c>incomplete</c> (the stream ends with <c>response.incomplete</c>).</summary>
    public static bool IsIncomplete(ChatFinishReason reason) => reason is ChatFinishReason.Length or ChatFinishReason.ContentFilter;
}
