using System.Text.Json;
using Gateway.Runtime.Buffers;

namespace Gateway.Runtime.Upstream;

/// <summary>
/// SPEC §11: a gateway key that counts tokens needs the usage of every OpenAI stream, which an upstream sends
/// only when asked (<c>stream_options.include_usage</c>). When the caller did not ask, the gateway asks for
/// it in the forwarded body (<see cref="Add"/>) and removes that one extra chunk from what the caller gets
/// (<see cref="Relay.UsageChunkFilter"/>). Every other byte of the body is kept as sent.
/// </summary>
internal static class UsageChunkRequest
{
    /// <summary>Whether <paramref name="body"/> (a valid JSON object) streams without asking for the usage chunk.</summary>
    public static bool IsNeeded(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        bool stream = false, includeUsage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isStream = reader.ValueTextEquals("stream"u8);
            var isOptions = !isStream && reader.ValueTextEquals("stream_options"u8);
            reader.Read();
            if (isStream)
            {
                stream = reader.TokenType == JsonTokenType.True;
            }
            else if (isOptions && reader.TokenType == JsonTokenType.StartObject)
            {
                var depth = reader.CurrentDepth;
                while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("include_usage"u8))
                    {
                        reader.Read();
                        includeUsage = reader.TokenType == JsonTokenType.True;
                    }
                    else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                    }
                }
                continue;
            }
            reader.Skip();
        }
        return stream && !includeUsage;
    }

    /// <summary>
    /// The body with <c>"stream_options":{"include_usage":true}</c>: appended when there is no
    /// <c>stream_options</c>; otherwise <c>include_usage</c> is set inside every one (an existing value
    /// replaced, a missing one put first), and a <c>stream_options</c> that is not an object is replaced.
    /// </summary>
    public static PooledBuffer Add(ReadOnlySpan<byte> body)
    {
        var output = new PooledBuffer(body.Length + 48);
        var reader = new Utf8JsonReader(body);
        reader.Read();
        var copied = 0;
        var seen = false;
        var rootEnd = body.Length - 1;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
            {
                rootEnd = (int)reader.TokenStartIndex;
                break;
            }
            var isOptions = reader.ValueTextEquals("stream_options"u8);
            reader.Read();
            if (!isOptions)
            {
                reader.Skip();
                continue;
            }
            seen = true;
            var valueStart = (int)reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip(); // an array's end; a scalar is already whole
                output.Write(body[copied..valueStart]);
                output.Write("""{"include_usage":true}"""u8);
                copied = (int)reader.BytesConsumed;
                continue;
            }
            var depth = reader.CurrentDepth;
            var replaced = false;
            var empty = true;
            while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }
                empty = false;
                var isInclude = reader.ValueTextEquals("include_usage"u8);
                reader.Read();
                if (isInclude)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    output.Write(body[copied..start]);
                    output.Write("true"u8);
                    copied = (int)reader.BytesConsumed;
                    replaced = true;
                }
                else
                {
                    reader.Skip();
                }
            }
            if (!replaced)
            {
                output.Write(body[copied..(valueStart + 1)]);
                output.Write(empty ? "\"include_usage\":true"u8 : "\"include_usage\":true,"u8);
                copied = valueStart + 1;
            }
        }
        output.Write(body[copied..rootEnd]);
        if (!seen)
        {
            output.Write(""","stream_options":{"include_usage":true}"""u8);
        }
        output.Write(body[rootEnd..]);
        return output;
    }
}
