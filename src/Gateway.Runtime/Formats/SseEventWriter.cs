using System.Buffers;
using System.Text.Json;

namespace Gateway.Runtime.Formats;

/// <summary>
/// Writes one server-sent event whose data is a JSON object: <c>event: name\n</c> (optional),
/// <c>data: {…}\n\n</c>. One <see cref="Utf8JsonWriter"/> is reset onto the output for every event,
/// so writing events allocates nothing once the stream runs.
/// </summary>
internal sealed class SseEventWriter
{
    private Utf8JsonWriter? _json;
    private IBufferWriter<byte>? _output;

    /// <summary>Writes the event's header lines and returns the writer for its data object.</summary>
    public Utf8JsonWriter Begin(IBufferWriter<byte> output, ReadOnlySpan<byte> eventName)
    {
        if (!eventName.IsEmpty)
        {
            output.Write("event: "u8);
            output.Write(eventName);
            output.Write("\n"u8);
        }
        output.Write("data: "u8);
        if (_json is null)
        {
            _json = new Utf8JsonWriter(output, JsonValues.WriterOptions);
        }
        else
        {
            _json.Reset(output);
        }
        _output = output;
        return _json;
    }

    /// <summary>Flushes the data and ends the event with an empty line.</summary>
    public void End()
    {
        _json!.Flush();
        _output!.Write("\n\n"u8);
        _output = null;
    }

    /// <summary>A data line that is not JSON (OpenAI's <c>data: [DONE]</c>).</summary>
    public static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> data)
    {
        output.Write("data: "u8);
        output.Write(data);
        output.Write("\n\n"u8);
    }
}
