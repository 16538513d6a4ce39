using System.Buffers;
using System.Text.Json;

namespace Gateway.Runtime.Relay;

/// <summary>
/// Finds the first event that carries data in the bytes peeked from an SSE stream and tells whether it
/// is an in-band error (R11). Follows the WHATWG event-stream rules: lines end with CRLF, LF or CR; an
/// empty line dispatches the event; comment-only or data-less events (<c>: keep-alive</c>) are skipped;
/// one optional space after <c>data:</c> is dropped; several data lines are joined with LF.
/// </summary>
internal static class SseFirstEvent
{
    /// <param name="bytes">Everything read so far.</param>
    /// <param name="complete">The upstream ended the stream: the last line and event end here.</param>
    public static SseFirstEventKind Inspect(ReadOnlySpan<byte> bytes, bool complete)
    {
        var dataStart = -1;
        var dataLength = 0;
        var dataLines = 0;
        var position = 0;
        while (true)
        {
            var rest = bytes[position..];
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            int lineLength, terminator;
            if (end < 0 || (end == rest.Length - 1 && rest[end] == '\r' && !complete))
            {
                // No line end yet (or a CR that may be the first half of CRLF).
                if (!complete)
                {
                    return SseFirstEventKind.Incomplete;
                }
                lineLength = rest.Length;
                terminator = 0;
            }
            else
            {
                lineLength = end;
                terminator = rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1;
            }

            var line = rest[..lineLength];
            if (line.IsEmpty)
            {
                if (dataLines > 0)
                {
                    return Classify(bytes, dataStart, dataLength, dataLines);
                }
            }
            else if (line.StartsWith("data"u8) && (line.Length == 4 || line[4] == ':'))
            {
                var valueOffset = line.Length == 4 ? 4 : (line.Length > 5 && line[5] == ' ' ? 6 : 5);
                if (dataLines++ == 0)
                {
                    dataStart = position + valueOffset;
                    dataLength = lineLength - valueOffset;
                }
            }

            position += lineLength + terminator;
            if (terminator == 0 || position >= bytes.Length)
            {
                if (!complete)
                {
                    return SseFirstEventKind.Incomplete;
                }
                // A stream that ends without the final empty line: judge what was sent.
                return dataLines > 0 ? Classify(bytes, dataStart, dataLength, dataLines) : SseFirstEventKind.Data;
            }
        }
    }

    private static SseFirstEventKind Classify(ReadOnlySpan<byte> bytes, int start, int length, int lines)
    {
        if (lines == 1)
        {
            return IsErrorObject(bytes.Slice(start, length)) ? SseFirstEventKind.Error : SseFirstEventKind.Data;
        }
        // Rare: a JSON error pretty-printed over several data lines. Rebuild the data with LF joins.
        var joined = new ArrayBufferWriter<byte>(bytes.Length);
        foreach (var range in DataLines(bytes))
        {
            if (joined.WrittenCount > 0) joined.Write("\n"u8);
            joined.Write(bytes[range]);
        }
        return IsErrorObject(joined.WrittenSpan) ? SseFirstEventKind.Error : SseFirstEventKind.Data;
    }

    /// <summary>The data values of the first data-carrying event (the slow path of <see cref="Classify"/>).</summary>
    private static List<Range> DataLines(ReadOnlySpan<byte> bytes)
    {
        var ranges = new List<Range>();
        var position = 0;
        while (position < bytes.Length)
        {
            var rest = bytes[position..];
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            var lineLength = end < 0 ? rest.Length : end;
            var line = rest[..lineLength];
            if (line.IsEmpty && ranges.Count > 0)
            {
                break;
            }
            if (line.StartsWith("data"u8) && (line.Length == 4 || line[4] == ':'))
            {
                var valueOffset = line.Length == 4 ? 4 : (line.Length > 5 && line[5] == ' ' ? 6 : 5);
                ranges.Add(new Range(position + valueOffset, position + lineLength));
            }
            position += lineLength + (end < 0 ? 0 : rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1);
            if (end < 0) break;
        }
        return ranges;
    }

    /// <summary>A JSON object with a non-null top-level <c>error</c> member (OpenAI, Anthropic and most proxies).</summary>
    public static bool IsErrorObject(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isError = reader.ValueTextEquals("error"u8);
                reader.Read();
                if (isError && reader.TokenType != JsonTokenType.Null)
                {
                    return true;
                }
                reader.Skip();
            }
            return false;
        }
        catch (JsonException)
        {
            // Not JSON (or not all of it arrived within the peek limit): not ours to judge.
            return false;
        }
    }
}
