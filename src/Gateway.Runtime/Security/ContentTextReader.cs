using System.Text.Json;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Security;

/// <summary>
/// Copies ONLY the text fields SPEC §7 inspects out of a JSON body, in one <see cref="Utf8JsonReader"/>
/// pass with no DOM and no deserialisation: chat <c>messages[].content</c> (a string, or the <c>text</c>
/// of parts whose <c>type</c> is <c>"text"</c>), a message's <c>name</c>, its <c>tool_calls[].function</c>
/// and legacy <c>function_call</c> (<c>name</c> and <c>arguments</c>), embeddings <c>input</c> (string
/// or array of strings), image generation <c>prompt</c>, speech <c>input</c>. Everything else
/// For Anthropic Messages bodies (same chat endpoint, SPEC §9) also the top-level <c>system</c> (string
/// or text blocks), <c>tool_result</c> block <c>content</c> and every string inside a <c>tool_use</c>
/// block's <c>input</c>. Everything else
/// (<c>model</c>, <c>user</c>, <c>metadata</c>, tool schemas…) is skipped, so a word there never blocks
/// a request. Field names match as the most lenient upstream would read them (unescaped, any case:
/// <see cref="JsonPropertyNames"/>), and every duplicate is inspected, so no upstream reading of the
/// body holds text the pipeline did not see (H6).
/// Fields are unescaped (<c>\u0062ad</c> is seen as <c>bad</c>) and joined with <see cref="Separator"/>,
/// which no detector pattern matches, so a match cannot straddle two fields.
/// </summary>
internal static class ContentTextReader
{
    public const char Separator = '\0';

    private enum Field : byte
    {
        None,
        Messages,
        System,
        Input,
        InputList,
        Prompt,
    }

    /// <summary>
    /// Writes the text fields to <paramref name="destination"/>, which must hold at least
    /// <c>json.Length</c> chars (every string token yields at most as many chars as it has bytes, and its
    /// two quotes pay for the separator). False when the body is not valid JSON or a string is not valid UTF-8.
    /// </summary>
    public static bool TryRead(EndpointKind endpoint, ReadOnlySpan<byte> json, Span<char> destination, out int written)
    {
        written = 0;
        if (endpoint == EndpointKind.AudioTranscription)
        {
            return true; // multipart audio: no text field to inspect
        }
        try
        {
            return ReadRoot(endpoint, json, destination, ref written);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Utf8JsonReader reports malformed JSON and CopyString invalid UTF-8 only by throwing.
            written = 0;
            return false;
        }
    }

    private static bool ReadRoot(EndpointKind endpoint, ReadOnlySpan<byte> json, Span<char> destination, ref int written)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Select(endpoint, ref reader);
            reader.Read();
            switch (field)
            {
                case Field.Messages when reader.TokenType == JsonTokenType.StartArray:
                    ReadMessages(ref reader, destination, ref written);
                    break;
                case Field.System when reader.TokenType == JsonTokenType.String:
                    Append(ref reader, destination, ref written);
                    break;
                case Field.System when reader.TokenType == JsonTokenType.StartArray:
                    ReadParts(ref reader, destination, ref written);
                    break;
                case Field.Input or Field.Prompt or Field.InputList when reader.TokenType == JsonTokenType.String:
                    Append(ref reader, destination, ref written);
                    break;
                case Field.InputList when reader.TokenType == JsonTokenType.StartArray:
                    // Strings only: token-id arrays ([1, 2, 3] or [[1, 2]]) carry no text.
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String) Append(ref reader, destination, ref written);
                        else reader.Skip();
                    }
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        // Duplicate keys are all inspected (an upstream might take either); trailing garbage throws here.
        while (reader.Read())
        {
        }
        return true;
    }

    private static Field Select(EndpointKind endpoint, ref Utf8JsonReader reader) => endpoint switch
    {
        EndpointKind.Chat when Is(ref reader, "messages") => Field.Messages,
        EndpointKind.Chat when Is(ref reader, "system") => Field.System,
        EndpointKind.Embeddings when Is(ref reader, "input") => Field.InputList,
        EndpointKind.AudioSpeech when Is(ref reader, "input") => Field.Input,
        EndpointKind.ImageGeneration when Is(ref reader, "prompt") => Field.Prompt,
        _ => Field.None,
    };

    private static bool Is(ref Utf8JsonReader reader, string name) => JsonPropertyNames.EqualsIgnoreCase(ref reader, name);

    private static void ReadMessages(ref Utf8JsonReader reader, Span<char> destination, ref int written)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (Is(ref reader, "content"))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String) Append(ref reader, destination, ref written);
                    else if (reader.TokenType == JsonTokenType.StartArray) ReadParts(ref reader, destination, ref written);
                    else reader.Skip();
                }
                else if (Is(ref reader, "name"))
                {
                    reader.Read();
                    AppendIfString(ref reader, destination, ref written);
                }
                else if (Is(ref reader, "tool_calls"))
                {
                    reader.Read();
                    ReadToolCalls(ref reader, destination, ref written);
                }
                else if (Is(ref reader, "function_call"))
                {
                    reader.Read();
                    ReadFunction(ref reader, destination, ref written);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
    }

    /// <summary><c>[{"id","type","function":{"name","arguments"}}]</c>: the function of each call.</summary>
    private static void ReadToolCalls(ref Utf8JsonReader reader, Span<char> destination, ref int written)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var function = Is(ref reader, "function");
                reader.Read();
                if (function) ReadFunction(ref reader, destination, ref written);
                else reader.Skip();
            }
        }
    }

    /// <summary><c>{"name":"…","arguments":"…"}</c>: both strings are text the model wrote or will read.</summary>
    private static void ReadFunction(ref Utf8JsonReader reader, Span<char> destination, ref int written)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var text = Is(ref reader, "name") || Is(ref reader, "arguments");
            reader.Read();
            if (text) AppendIfString(ref reader, destination, ref written);
            else reader.Skip();
        }
    }

    /// <summary>Content parts: <c>{"type":"text","text":"…"}</c> in either key order; other part types are skipped.</summary>
    private static void ReadParts(ref Utf8JsonReader reader, Span<char> destination, ref int written)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            var mark = written;
            var kept = 0;
            var isText = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (Is(ref reader, "type"))
                {
                    reader.Read();
                    // The value is compared as a name too: an upstream that folds "Text" must not hide it.
                    isText |= reader.TokenType == JsonTokenType.String && Is(ref reader, "text");
                    reader.Skip();
                }
                else if (Is(ref reader, "text"))
                {
                    reader.Read();
                    AppendIfString(ref reader, destination, ref written);
                }
                else if (Is(ref reader, "content") || Is(ref reader, "input"))
                {
                    // Anthropic tool_result content (string or blocks) and tool_use input (any JSON):
                    // text the model reads, whatever the block's type says. Kept below the mark.
                    reader.Read();
                    var before = written;
                    AppendStrings(ref reader, destination, ref written);
                    kept += written - before;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (!isText && kept == 0)
            {
                // "text" seen before "type" turned out not to be a text part. A part that also held tool
                // content keeps everything: inspecting more can only block more, never let more through.
                written = mark;
            }
        }
    }

    /// <summary>Every string in the value at the reader (a string, or any object or array, recursively).</summary>
    private static void AppendStrings(ref Utf8JsonReader reader, Span<char> destination, ref int written)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            AppendIfString(ref reader, destination, ref written);
            return;
        }
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.String) Append(ref reader, destination, ref written);
        }
    }

    private static void AppendIfString(ref Utf8JsonReader reader, Span<char> destination, ref int written)
    {
        if (reader.TokenType == JsonTokenType.String) Append(ref reader, destination, ref written);
        else reader.Skip();
    }

    private static void Append(ref Utf8JsonReader reader, Span<char> destination, ref int written)
    {
        written += reader.CopyString(destination[written..]);
        destination[written++] = Separator;
    }
}
