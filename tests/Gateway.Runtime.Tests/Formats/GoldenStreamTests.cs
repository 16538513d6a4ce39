using System.Buffers;
using System.Text;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Relay;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>
/// Issue 13: upstream event streams (Fixtures/streams/golden, constructed from the providers' documented
/// event shapes, see the fixtures README) translated into the caller's format through
/// <see cref="StreamTranslator"/> driven the way TranslatingRelay drives it, compared byte for byte with
/// <c>*.expected.sse</c> (regenerated with UPDATE_GOLDEN=1). The upstream bytes arrive in pieces of several
/// sizes: the caller's bytes must not depend on how the network cut them.
/// </summary>
public sealed partial class GoldenStreamTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static readonly int[] PieceSizes = [1, 7, 64, int.MaxValue];

    /// <summary>How the translated stream ended, as the relay would see it.</summary>
    public enum Outcome { Completed, ErrorEvent, FailedTranslation }

    public static TheoryData<string, Outcome> AnthropicStreams => new()
    {
        { "anthropic-text-cached-usage", Outcome.Completed },
        { "anthropic-parallel-tools", Outcome.Completed },
        { "anthropic-thinking-signed", Outcome.Completed },
        { "anthropic-thinking-empty-signature", Outcome.Completed },
        { "anthropic-error-after-first-byte", Outcome.ErrorEvent },
        { "anthropic-unknown-events", Outcome.Completed },
    };

    public static TheoryData<string, Outcome> OpenAiStreams => new()
    {
        { "openai-text-cached-usage", Outcome.Completed },
        { "openai-parallel-tools", Outcome.Completed },
        // Pieces of calls 0 and 1 interleaved by index: a call behind the open one is held and gets its
        // own block once the open call's arguments end or the answer finishes (docs/formats.md, Stream mapping).
        { "openai-parallel-tools-interleaved", Outcome.Completed },
        { "openai-parallel-tools-interleaved-pieces", Outcome.Completed },
        { "openai-reasoning-content", Outcome.Completed },
        { "openai-error-after-first-byte", Outcome.ErrorEvent },
        { "openai-unknown-fields", Outcome.Completed },
    };

    [Theory]
    [MemberData(nameof(AnthropicStreams))]
    public void X3_Golden_AnthropicStream_ToOpenAiChunks(string name, Outcome outcome) =>
        Check(name, WireFormat.Anthropic, WireFormat.OpenAiChat, outcome, "to-openai");

    [Theory]
    [MemberData(nameof(OpenAiStreams))]
    public void X3_Golden_OpenAiStream_ToAnthropicEvents(string name, Outcome outcome) =>
        Check(name, WireFormat.OpenAiChat, WireFormat.Anthropic, outcome, "to-anthropic");

    // Issue 14: the same upstream streams to a Responses caller (a translated POST /v1/responses, SPEC §10).
    [Theory]
    [MemberData(nameof(OpenAiStreams))]
    public void X8_Golden_OpenAiStream_ToResponsesEvents(string name, Outcome outcome) =>
        Check(name, WireFormat.OpenAiChat, WireFormat.OpenAiResponses, outcome, "to-responses");

    [Theory]
    [MemberData(nameof(AnthropicStreams))]
    public void X8_Golden_AnthropicStream_ToResponsesEvents(string name, Outcome outcome) =>
        Check(name, WireFormat.Anthropic, WireFormat.OpenAiResponses, outcome, "to-responses");

    private static void Check(string name, WireFormat provider, WireFormat caller, Outcome expected, string direction)
    {
        var input = Golden.Input($"streams/golden/{name}.sse");
        var (whole, outcome) = Relay(input, provider, caller, int.MaxValue);
        Assert.Equal(expected, outcome);
        var stable = caller == WireFormat.OpenAiResponses ? StableIds : (Func<string, string>)(sse => sse);
        whole = stable(whole);
        foreach (var size in PieceSizes)
        {
            Assert.Equal(whole, stable(Relay(input, provider, caller, size).Output));
        }
        Golden.Match($"streams/golden/{name}.{direction}.expected.sse", whole);
    }

    /// <summary>TranslatingRelay's loop without the network: translate each event, complete at the end, error frame on failure.</summary>
    private static (string Output, Outcome Outcome) Relay(byte[] upstream, WireFormat provider, WireFormat caller, int pieceSize)
    {
        var translator = new StreamTranslator(provider, caller, includeUsage: true, Now);
        var output = new ArrayBufferWriter<byte>();
        using var events = new SseDataParser();
        var at = 0;
        while (!translator.IsClosed)
        {
            var status = events.TryRead(out var data);
            Assert.NotEqual(SseParseStatus.TooLarge, status);
            if (status == SseParseStatus.Event)
            {
                if (!translator.Translate(data, output).IsSuccess)
                {
                    Assert.True(output.WrittenCount > 0, "a failure before the first byte would fall back instead (R10)");
                    translator.WriteError(output, new ChatError(ChatErrorKind.Server, "The upstream stream could not be translated.", Code: "upstream_stream_error"));
                    return (Encoding.UTF8.GetString(output.WrittenSpan), Outcome.FailedTranslation);
                }
                continue;
            }
            if (at == upstream.Length)
            {
                Assert.True(translator.TryComplete(output), "the stream ended before the answer was complete");
                return (Encoding.UTF8.GetString(output.WrittenSpan), Outcome.Completed);
            }
            var length = Math.Min(pieceSize, upstream.Length - at);
            events.Append(upstream.AsSpan(at, length));
            at += length;
        }
        // The writer closed the caller's stream itself, after its last events: the end of the answer or
        // the upstream's in-band error, passed on as the caller's error frame (T4).
        var written = Encoding.UTF8.GetString(output.WrittenSpan);
        return (written, EndsWithErrorFrame(written) ? Outcome.ErrorEvent : Outcome.Completed);
    }

    /// <summary>A Responses stream's item ids end in a random token made per stream (32 hex digits): one placeholder for it.</summary>
    private static string StableIds(string sse) => RandomToken().Replace(sse, "TOKEN");

    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-f]{32}")]
    private static partial System.Text.RegularExpressions.Regex RandomToken();

    private static bool EndsWithErrorFrame(string sse)
    {
        var last = sse.TrimEnd('\n');
        last = last[(last.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)..];
        return last.Contains("event: error", StringComparison.Ordinal) || last.Contains("event: response.failed", StringComparison.Ordinal)
            || last.StartsWith("\ndata: {\"error\"", StringComparison.Ordinal);
    }
}
