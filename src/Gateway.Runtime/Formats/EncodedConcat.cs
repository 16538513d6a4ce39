using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats;

/// <summary>
/// Joins several encoded JSON strings into one string value without decoding them: the
/// concatenation of escaped contents is itself a valid escaped content. Used where Anthropic has
/// several text blocks and OpenAI one <c>content</c> string.
/// </summary>
internal static class EncodedConcat
{
    /// <summary>
    /// Writes the text contents as one string. <paramref name="encodedSeparator"/> (already JSON-escaped, e.g.
    /// <c>\n</c> as two bytes) goes between pieces: system blocks are separate paragraphs, and joined bare
    /// Claude Code's billing-header block runs into its first prompt sentence.
    /// </summary>
    public static void WriteJoinedText(Utf8JsonWriter writer, List<AIContent> contents, ReadOnlySpan<byte> encodedSeparator = default)
    {
        var length = 2;
        var count = 0;
        JsonText single = default;
        foreach (var content in contents)
        {
            if (content is TextContent text)
            {
                length += text.Text.EncodedContent.Length;
                single = text.Text;
                count++;
            }
        }
        if (count == 1)
        {
            single.WriteTo(writer);
            return;
        }
        length += (count - 1) * encodedSeparator.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = 0;
            rented[at++] = (byte)'"';
            var first = true;
            foreach (var content in contents)
            {
                if (content is TextContent text)
                {
                    if (!first)
                    {
                        encodedSeparator.CopyTo(rented.AsSpan(at));
                        at += encodedSeparator.Length;
                    }
                    first = false;
                    text.Text.EncodedContent.CopyTo(rented.AsSpan(at));
                    at += text.Text.EncodedContent.Length;
                }
            }
            rented[at++] = (byte)'"';
            writer.WriteRawValue(rented.AsSpan(0, at), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static bool HasText(List<AIContent> contents)
    {
        foreach (var content in contents)
        {
            if (content is TextContent)
            {
                return true;
            }
        }
        return false;
    }
}
