using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats;

/// <summary>Image references: OpenAI puts base64 in a <c>data:</c> URL, Anthropic in a <c>source</c> object.</summary>
internal static class Images
{
    /// <summary>A <c>data:&lt;media&gt;;base64,&lt;data&gt;</c> URL becomes <see cref="DataContent"/>, any other URL <see cref="UriContent"/>; null for a malformed data URL.</summary>
    public static AIContent? FromUrl(JsonText url)
    {
        var decoded = JsonValues.Decoded(url);
        var span = decoded.Span;
        if (!span.StartsWith("data:"u8))
        {
            return new UriContent(url);
        }
        var marker = span.IndexOf(";base64,"u8);
        if (marker <= 5)
        {
            return null;
        }
        var mediaType = System.Text.Encoding.UTF8.GetString(span[5..marker]);
        return new DataContent(mediaType, decoded[(marker + 8)..]);
    }

    /// <summary>Writes <c>data:&lt;media&gt;;base64,&lt;data&gt;</c> as one JSON string (base64 and media types need no escaping).</summary>
    public static void WriteDataUrl(System.Text.Json.Utf8JsonWriter writer, DataContent data)
    {
        var length = 5 + System.Text.Encoding.UTF8.GetByteCount(data.MediaType) + 8 + data.Base64.Length;
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = rented.AsSpan();
            "data:"u8.CopyTo(span);
            var at = 5 + System.Text.Encoding.UTF8.GetBytes(data.MediaType, span[5..]);
            ";base64,"u8.CopyTo(span[at..]);
            at += 8;
            data.Base64.Span.CopyTo(span[at..]);
            at += data.Base64.Length;
            writer.WriteStringValue(span[..at]);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
