using System.Text.Json;

namespace Gateway.Runtime.Formats.Canonical;

/// <summary>
/// A JSON string kept exactly as it arrived: the encoded token, quotes included, sliced from the
/// source body. Writing it back is a raw copy (no unescape, no re-escape, no allocation); the
/// concatenation of several encoded contents is itself a valid encoded string, which lets a writer
/// join text blocks without decoding them.
/// </summary>
internal readonly struct JsonText
{
    private readonly ReadOnlyMemory<byte> _encoded;

    public JsonText(ReadOnlyMemory<byte> encoded) => _encoded = encoded;

    /// <summary>True when nothing was read (not even <c>""</c>).</summary>
    public bool IsDefault => _encoded.IsEmpty;

    /// <summary>True for <c>""</c> and for nothing at all.</summary>
    public bool IsEmpty => _encoded.Length <= 2;

    /// <summary>The token with its quotes: a complete JSON value.</summary>
    public ReadOnlySpan<byte> Encoded => _encoded.Span;

    /// <summary>The token with its quotes, as memory (for slicing without copying).</summary>
    public ReadOnlyMemory<byte> EncodedMemory => _encoded;

    /// <summary>True when the content has escape sequences (it differs from the decoded UTF-8).</summary>
    public bool HasEscapes => EncodedContent.IndexOf((byte)'\\') >= 0;

    /// <summary>The token without its quotes, still escaped.</summary>
    public ReadOnlySpan<byte> EncodedContent => _encoded.Length < 2 ? default : _encoded.Span[1..^1];

    /// <summary>Slices the string token the reader is on; <paramref name="source"/> is the buffer the reader reads.</summary>
    public static JsonText Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source)
    {
        // TokenStartIndex is the opening quote; ValueSpan is the raw (still escaped) content.
        return new JsonText(source.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2));
    }

    /// <summary>Encodes a string the gateway composes itself (rare: defaults, messages).</summary>
    public static JsonText FromString(string value)
    {
        var encoded = JsonEncodedText.Encode(value).EncodedUtf8Bytes;
        var bytes = new byte[encoded.Length + 2];
        bytes[0] = (byte)'"';
        encoded.CopyTo(bytes.AsSpan(1));
        bytes[^1] = (byte)'"';
        return new JsonText(bytes);
    }

    /// <summary>Writes the value as it arrived (it was validated by the reader that sliced it).</summary>
    public void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(Encoded, skipInputValidation: true);

    /// <summary>Decodes the string (allocates: for tests, messages and rare paths only).</summary>
    public override string ToString()
    {
        if (_encoded.IsEmpty)
        {
            return string.Empty;
        }
        var reader = new Utf8JsonReader(_encoded.Span);
        reader.Read();
        return reader.GetString() ?? string.Empty;
    }

    /// <summary>Compares the decoded value with UTF-8 text without allocating.</summary>
    public bool ValueEquals(ReadOnlySpan<byte> utf8)
    {
        if (_encoded.IsEmpty)
        {
            return false;
        }
        var reader = new Utf8JsonReader(_encoded.Span);
        reader.Read();
        return reader.ValueTextEquals(utf8);
    }
}
