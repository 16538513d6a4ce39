using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Runtime.Buffers;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Upstream;

/// <summary>
/// Replaces the raw bytes of the request's <c>model</c> value with the upstream model (SPEC §3.3):
/// prefix + new value + suffix, every other byte of the body untouched.
/// </summary>
internal static class BodyRewriter
{
    /// <summary>Splices a JSON string token (quotes included in <paramref name="field"/>'s range).</summary>
    public static PooledBuffer RewriteJson(ReadOnlySpan<byte> body, ModelField field, string model) => RewriteJson(body, field, model, null);

    /// <summary>
    /// Rewrites <c>model</c> (when <paramref name="model"/> is not null) and sets an experiment variant's
    /// top-level <c>temperature</c>, <c>top_p</c> and <c>max_tokens</c>: an existing value's raw bytes are
    /// replaced (every occurrence, so first-wins and last-wins parsers agree), a missing field is
    /// appended before the closing brace. Every other byte is copied as is; nothing is re-serialized.
    /// The body was validated by <see cref="JsonModelPeeker"/>, so the reader cannot fail here.
    /// <paramref name="responses"/>: a Responses body, whose output limit is <c>max_output_tokens</c>
    /// (the Responses API rejects <c>max_tokens</c>, SPEC §10).
    /// </summary>
    public static PooledBuffer RewriteJson(ReadOnlySpan<byte> body, ModelField field, string? model, RequestOverrides? overrides, bool responses = false)
    {
        if (overrides is null)
        {
            return Splice(body, field.Start, field.Start + field.Length, QuotedString(model!));
        }

        Span<byte> temperature = stackalloc byte[32];
        Span<byte> topP = stackalloc byte[32];
        Span<byte> maxTokens = stackalloc byte[16];
        temperature = Format(overrides.Temperature, temperature);
        topP = Format(overrides.TopP, topP);
        maxTokens = overrides.MaxTokens is { } max && max.TryFormat(maxTokens, out var n, provider: CultureInfo.InvariantCulture) ? maxTokens[..n] : default;

        var output = new PooledBuffer(body.Length + 96 + (model?.Length ?? 0));
        var encodedModel = model is null ? null : QuotedString(model);
        var maxTokensName = responses ? "max_output_tokens"u8 : "max_tokens"u8;
        bool seenTemperature = false, seenTopP = false, seenMaxTokens = false;
        var copied = 0;
        var reader = new Utf8JsonReader(body);
        reader.Read(); // StartObject
        var rootEnd = body.Length - 1;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
            {
                rootEnd = (int)reader.TokenStartIndex;
                break;
            }
            scoped ReadOnlySpan<byte> replacement = default;
            var replace = false;
            if (reader.ValueTextEquals("temperature"u8) && !temperature.IsEmpty) { replacement = temperature; replace = seenTemperature = true; }
            else if (reader.ValueTextEquals("top_p"u8) && !topP.IsEmpty) { replacement = topP; replace = seenTopP = true; }
            else if (reader.ValueTextEquals(maxTokensName) && !maxTokens.IsEmpty) { replacement = maxTokens; replace = seenMaxTokens = true; }
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            var valueEnd = (int)reader.BytesConsumed;
            if (!replace && encodedModel is not null && valueStart == field.Start)
            {
                replacement = encodedModel;
                replace = true;
            }
            if (replace)
            {
                output.Write(body[copied..valueStart]);
                output.Write(replacement);
                copied = valueEnd;
            }
        }
        output.Write(body[copied..rootEnd]);
        if (!seenTemperature && !temperature.IsEmpty) Append(output, "temperature"u8, temperature);
        if (!seenTopP && !topP.IsEmpty) Append(output, "top_p"u8, topP);
        if (!seenMaxTokens && !maxTokens.IsEmpty) Append(output, maxTokensName, maxTokens);
        output.Write(body[rootEnd..]);
        return output;
    }

    private static PooledBuffer Splice(ReadOnlySpan<byte> body, int start, int end, ReadOnlySpan<byte> replacement)
    {
        var output = new PooledBuffer(body.Length - (end - start) + replacement.Length);
        output.Write(body[..start]);
        output.Write(replacement);
        output.Write(body[end..]);
        return output;
    }

    private static byte[] QuotedString(string value)
    {
        // JsonEncodedText escapes exactly what JSON needs; the default encoder also escapes HTML-sensitive
        // characters, which is still valid JSON.
        var encoded = JsonEncodedText.Encode(value).EncodedUtf8Bytes;
        var quoted = new byte[encoded.Length + 2];
        quoted[0] = (byte)'"';
        encoded.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        return quoted;
    }

    /// <summary>Shortest round-trip form; TOML allows inf/nan, JSON does not, so those are not sent.</summary>
    private static Span<byte> Format(double? value, Span<byte> destination) =>
        value is { } v && double.IsFinite(v) && v.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture) ? destination[..written] : default;

    private static void Append(PooledBuffer output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        // The object is never empty here: it holds at least "model".
        output.Write(","u8);
        output.Write("\""u8);
        output.Write(name);
        output.Write("\":"u8);
        output.Write(value);
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
