using System.Text.Json;

namespace Gateway.Runtime.Formats.Canonical;

/// <summary>A complete JSON value (a schema, a tool input object) kept as the bytes it arrived as.</summary>
internal readonly struct RawJson
{
    public RawJson(ReadOnlyMemory<byte> utf8) => Utf8 = utf8;

    public ReadOnlyMemory<byte> Utf8 { get; }

    public bool IsEmpty => Utf8.IsEmpty;

    /// <summary>Slices the value the reader is on and moves the reader to its end.</summary>
    public static RawJson Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return new RawJson(source[start..(int)reader.BytesConsumed]);
    }

    public void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(Utf8.Span, skipInputValidation: true);

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);
}
