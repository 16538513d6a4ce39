using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Relay;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>Feeds SSE bytes in chunks of a chosen size through a stream reader and writer, as the relay will.</summary>
internal static class StreamHarness
{
    public delegate FormatResult ReadEvent(ReadOnlyMemory<byte> data, List<ChatResponseUpdate> updates);

    public delegate FormatResult WriteUpdate(in ChatResponseUpdate update, IBufferWriter<byte> output);

    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Formats", "Fixtures", "streams", name));

    /// <summary>Returns everything written and the first failure (reading or writing), if any.</summary>
    public static (string Output, FormatResult Failure) Run(byte[] sse, int chunkSize, ReadEvent read, WriteUpdate write, Action<ArrayBufferWriter<byte>>? atEnd = null)
    {
        var output = new ArrayBufferWriter<byte>();
        var updates = new List<ChatResponseUpdate>();
        using var parser = new SseDataParser();
        for (var at = 0; at < sse.Length; at += chunkSize)
        {
            parser.Append(sse.AsSpan(at, Math.Min(chunkSize, sse.Length - at)));
            while (parser.TryRead(out var data) == SseParseStatus.Event)
            {
                updates.Clear();
                var result = read(data, updates);
                if (!result.IsSuccess) return (Encoding.UTF8.GetString(output.WrittenSpan), result);
                foreach (var update in updates)
                {
                    result = write(update, output);
                    if (!result.IsSuccess) return (Encoding.UTF8.GetString(output.WrittenSpan), result);
                }
            }
        }
        atEnd?.Invoke(output);
        return (Encoding.UTF8.GetString(output.WrittenSpan), FormatResult.Ok);
    }

    /// <summary>The written events as (event name or null, data); every data must be JSON except <c>[DONE]</c>.</summary>
    public static List<(string? Name, string Data)> Events(string output)
    {
        Assert.EndsWith("\n\n", output, StringComparison.Ordinal);
        var events = new List<(string?, string)>();
        foreach (var block in output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            string? data = null;
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
                else Assert.Fail($"unexpected line '{line}'");
            }
            Assert.NotNull(data);
            if (data != "[DONE]") JsonDocument.Parse(data).Dispose();
            events.Add((name, data));
        }
        return events;
    }

    public static JsonElement Json(string data) => JsonDocument.Parse(data).RootElement;
}
