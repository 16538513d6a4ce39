using System.Text;
using System.Text.Json;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// Replaces the raw bytes of the request's <c>model</c> value with the upstream model (SPEC §3.3):
/// prefix + new value + suffix, every other byte of the body untouched.
/// </summary>
internal static class BodyRewriter
{
    /// <summary>Splices a JSON string token (quotes included in <paramref name="field"/>'s range).</summary>
    public static PooledBuffer RewriteJson(ReadOnlySpan<byte> body, ModelField field, string model)
    {
        // JsonEncodedText escapes exactly what JSON needs; the default encoder also escapes HTML-sensitive
        // characters, which is still valid JSON.
        var encoded = JsonEncodedText.Encode(model).EncodedUtf8Bytes;
        var output = new PooledBuffer(body.Length - field.Length + encoded.Length + 2);
        output.Write(body[..field.Start]);
        output.Write("\""u8);
        output.Write(encoded);
        output.Write("\""u8);
        output.Write(body[(field.Start + field.Length)..]);
        return output;
    }

    /// <summary>Splices a multipart form field value (raw UTF-8, no quoting).</summary>
    public static PooledBuffer RewriteMultipart(ReadOnlySpan<byte> body, ModelField field, string model)
    {
        var byteCount = Encoding.UTF8.GetByteCount(model);
        var output = new PooledBuffer(body.Length - field.Length + byteCount);
        output.Write(body[..field.Start]);
        var free = output.GetFreeMemory(byteCount).Span;
        output.Advance(Encoding.UTF8.GetBytes(model, free));
        output.Write(body[(field.Start + field.Length)..]);
        return output;
    }
}
