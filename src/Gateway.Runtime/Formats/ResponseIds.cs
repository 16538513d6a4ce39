using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats;

/// <summary>
/// Response ids in the caller's shape: Anthropic ids start <c>msg_</c>, OpenAI ids <c>chatcmpl-</c>.
/// A foreign id keeps its text behind the prefix (<c>msg_chatcmpl-abc</c>) so it still matches the
/// upstream's logs; a missing one is made up.
/// </summary>
internal static class ResponseIds
{
    public static void Write(Utf8JsonWriter writer, JsonText id, ReadOnlySpan<byte> prefix)
    {
        writer.WritePropertyName("id"u8);
        if (id.IsEmpty)
        {
            var made = new byte[prefix.Length + 32];
            prefix.CopyTo(made);
            Guid.NewGuid().TryFormat(made.AsSpan(prefix.Length), out _, "N");
            writer.WriteStringValue(made);
            return;
        }
        var content = id.EncodedContent;
        if (content.StartsWith(prefix))
        {
            id.WriteTo(writer);
            return;
        }
        // Prefix and content are both encoded JSON string content: joined raw, without decoding.
        var length = prefix.Length + content.Length + 2;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            rented[0] = (byte)'"';
            prefix.CopyTo(rented.AsSpan(1));
            content.CopyTo(rented.AsSpan(1 + prefix.Length));
            rented[length - 1] = (byte)'"';
            writer.WriteRawValue(rented.AsSpan(0, length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
