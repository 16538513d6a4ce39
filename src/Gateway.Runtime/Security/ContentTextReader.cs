using System.Text.Json;
using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Security;

/// <summary>
/// Copies ONLY the text fields SPEC §7 inspects out of a JSON body, in one <see cref="Utf8JsonReader"/>
/// pass with no DOM and no deserialisation: chat <c>messages[].content</c> (a string, or the <c>text</c>
/// of parts whose <c>type</c> is <c>"text"</c>), embeddings <c>input</c> (string or array of strings),
/// image generation <c>prompt</c>, speech <c>input</c>. Everything else (<c>model</c>, <c>user</c>,
/// <c>metadata</c>, tool schemas…) is skipped, so a word there never blocks a request.
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
        EndpointKind.Chat when reader.ValueTextEquals("messages"u8) => Field.Messages,
        EndpointKind.Embeddings when reader.ValueTextEquals("input"u8) => Field.InputList,
        EndpointKind.AudioSpeech when reader.ValueTextEquals("input"u8) => Field.Input,
        EndpointKind.ImageGeneration when reader.ValueTextEquals("prompt"u8) => Field.Prompt,
        _ => Field.None,
    };

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
                var content = reader.ValueTextEquals("content"u8);
                reader.Read();
                if (content && reader.TokenType == JsonTokenType.String)
                {
                    Append(ref reader, destination, ref written);
                }
                else if (content && reader.TokenType == JsonTokenType.StartArray)
                {
                    ReadParts(ref reader, destination, ref written);
                }
                else
                {
                    reader.Skip();
                }
            }
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
            var isText = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isText |= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("text"u8);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String) Append(ref reader, destination, ref written);
                    else reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (!isText)
            {
                written = mark; // "text" seen before "type" turned out not to be a text part
            }
        }
    }

    private static void Append(ref Utf8JsonReader reader, Span<char> destination, ref int written)
    {
        written += reader.CopyString(destination[written..]);
        destination[written++] = Separator;
    }
}
