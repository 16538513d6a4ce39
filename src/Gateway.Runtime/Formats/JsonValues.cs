using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats;

/// <summary>Small typed reads shared by the format readers; each leaves the reader on the value's last token.</summary>
internal static class JsonValues
{
    /// <summary>Tool schemas nest deeper than the default 64 levels in real traffic.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    public static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Moves to the value after a property name; false when it is JSON <c>null</c> (treated as absent).</summary>
    public static bool NextValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType != JsonTokenType.Null;
    }

    public static bool TryString(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source, out JsonText value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            value = JsonText.Read(ref reader, source);
            return true;
        }
        value = default;
        return false;
    }

    public static bool TryInt(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
    }

    public static bool TryLong(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
    }

    public static bool TryDouble(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value);
    }

    public static bool TryBool(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    /// <summary>The decoded UTF-8 of a string: a slice when it has no escapes, else a copy (rare).</summary>
    public static ReadOnlyMemory<byte> Decoded(JsonText text)
    {
        if (text.IsDefault)
        {
            return default;
        }
        if (!text.HasEscapes)
        {
            return text.EncodedMemory[1..^1];
        }
        var reader = new Utf8JsonReader(text.Encoded);
        reader.Read();
        var buffer = new byte[reader.ValueSpan.Length];
        var written = reader.CopyString(buffer);
        return buffer.AsMemory(0, written);
    }

    /// <summary>True when <paramref name="utf8"/> is one complete JSON object (tool arguments must be).</summary>
    public static bool IsJsonObject(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
