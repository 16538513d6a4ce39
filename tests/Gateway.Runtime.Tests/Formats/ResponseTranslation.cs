using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>Runs an upstream body through a response reader and the other format's writer, as the host will.</summary>
internal static class ResponseTranslation
{
    public static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Formats", "Fixtures", name));

    public static byte[] Utf8(string json) => System.Text.Encoding.UTF8.GetBytes(json);

    public static (FormatResult Result, JsonDocument? Doc) OpenAiToAnthropic(byte[] body)
    {
        var response = new ChatResponse();
        var read = OpenAiChatResponseReader.Read(body, response);
        return read.IsSuccess ? Write(writer => AnthropicResponseWriter.Write(response, writer)) : (read, null);
    }

    public static (FormatResult Result, JsonDocument? Doc) AnthropicToOpenAi(byte[] body)
    {
        var response = new ChatResponse();
        var read = AnthropicResponseReader.Read(body, response);
        return read.IsSuccess ? Write(writer => OpenAiChatResponseWriter.Write(response, writer, Now)) : (read, null);
    }

    public static (FormatResult Result, JsonDocument? Doc) Write(Func<Utf8JsonWriter, FormatResult> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        FormatResult result;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            result = write(writer);
        }
        // Parsing proves the writer produced one valid JSON document.
        return (result, result.IsSuccess ? JsonDocument.Parse(buffer.WrittenMemory) : null);
    }
}
