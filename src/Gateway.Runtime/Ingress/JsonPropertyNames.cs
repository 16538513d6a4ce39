using System.Text.Json;

namespace Gateway.Runtime.Ingress;

/// <summary>
/// Compares a JSON property name the way the most lenient upstream parser would (H6): after
/// unescaping, and case-insensitively with Unicode simple case folding, as Go's <c>encoding/json</c>
/// matches struct fields (where <c>"ſtream"</c> and <c>"MODEL"</c> are <c>stream</c> and <c>model</c>).
/// A name the gateway reads one way must not be read another way upstream.
/// </summary>
internal static class JsonPropertyNames
{
    /// <summary>Longest target name, in chars.</summary>
    private const int MaxTargetLength = 16;

    /// <summary>Longest raw name that can still spell a target: six escaped bytes (<c>\uXXXX</c>) per char.</summary>
    private const int MaxRawBytes = MaxTargetLength * 6;

    /// <param name="reader">Positioned on a <see cref="JsonTokenType.PropertyName"/>.</param>
    /// <param name="lowercaseAscii">The target, lowercase ASCII (at most 16 chars).</param>
    public static bool EqualsIgnoreCase(ref Utf8JsonReader reader, string lowercaseAscii)
    {
        // A name never has more UTF-16 chars than raw bytes, so shorter raw names cannot match.
        var raw = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (raw < lowercaseAscii.Length || raw > MaxRawBytes)
        {
            return false;
        }
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && raw == lowercaseAscii.Length)
        {
            // The common case: plain ASCII of the same length.
            return System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, lowercaseAscii);
        }
        Span<char> name = stackalloc char[MaxRawBytes];
        var length = reader.CopyString(name);
        if (length != lowercaseAscii.Length)
        {
            return false;
        }
        for (var i = 0; i < length; i++)
        {
            // Upper then lower folds the odd ones too: U+017F (long s) → S → s, U+212A (Kelvin) → k.
            if (char.ToLowerInvariant(char.ToUpperInvariant(name[i])) != lowercaseAscii[i])
            {
                return false;
            }
        }
        return true;
    }
}
