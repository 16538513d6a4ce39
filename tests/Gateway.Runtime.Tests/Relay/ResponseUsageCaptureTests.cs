using System.Text;
using Gateway.Runtime.Relay;
using Gateway.Runtime.Telemetry;

namespace Gateway.Runtime.Tests.Relay;

/// <summary>Reading the response model and token usage from the head and tail the relay kept (SPEC §8).</summary>
public sealed class ResponseUsageCaptureTests
{
    private const string Completion =
        """{"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}},"system_fingerprint":"fp"}""";

    private static ResponseUsage? Read(string body, int pieceSize = int.MaxValue, bool anthropic = false)
    {
        using var capture = new ResponseUsageCapture();
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var i = 0; i < bytes.Length; i += pieceSize)
        {
            capture.Observe(bytes.AsSpan(i, Math.Min(pieceSize, bytes.Length - i)));
        }
        return capture.TryRead(out var usage, anthropic) ? usage : null;
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(7)]
    public void ChatCompletion_ModelAndTokens(int pieceSize)
    {
        Assert.Equal(new ResponseUsage("gpt-4o-2024-08-06", 11, 7, 0), Read(Completion, pieceSize));
    }

    [Fact]
    public void Stream_TakesTheFinalUsageChunk_NotTheNullOnes()
    {
        var stream = new StringBuilder();
        for (var i = 0; i < 50; i++)
        {
            stream.Append("data: {\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"delta\":{\"content\":\"word \"}}],\"usage\":null}\n\n");
        }
        stream.Append("data: {\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":50,\"total_tokens\":70}}\n\n");
        stream.Append("data: [DONE]\n\n");

        Assert.Equal(new ResponseUsage("gpt-4o-mini", 20, 50), Read(stream.ToString(), pieceSize: 61));
    }

    [Fact]
    public void LongBody_ModelFromTheHead_UsageFromTheTail()
    {
        var content = new string('x', 3 * ResponseUsageCapture.TailBytes);
        var body = Completion.Replace("\"Hi\"", "\"" + content + "\"");

        Assert.Equal(new ResponseUsage("gpt-4o-2024-08-06", 11, 7, 0), Read(body, pieceSize: 1000));
    }

    [Fact]
    public void Embeddings_ModelAfterTheData_IsFoundInTheTail()
    {
        var vector = string.Join(",", Enumerable.Repeat("0.0123456", 1000));
        var body = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[" + vector + "]}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}";

        Assert.Equal(new ResponseUsage("text-embedding-3-small", 8, null), Read(body, pieceSize: 4096));
    }

    [Fact]
    public void CachedTokens_FromTheDetailsObject_OpenAiAndResponses()
    {
        Assert.Equal(new ResponseUsage("m", 100, 5, 60), Read("""{"model":"m","usage":{"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"audio_tokens":0,"cached_tokens":60}}}"""));
        Assert.Equal(new ResponseUsage("m", 100, 5, 40), Read("""{"model":"m","usage":{"input_tokens":100,"input_tokens_details":{"cached_tokens":40},"output_tokens":5,"output_tokens_details":{"reasoning_tokens":2}}}"""));
    }

    [Fact]
    public void Anthropic_InputCountsCacheReadsAndWrites_CachedIsTheReads()
    {
        var body = """{"model":"claude-x","usage":{"input_tokens":5,"cache_creation_input_tokens":100,"cache_read_input_tokens":900,"output_tokens":9}}""";

        Assert.Equal(new ResponseUsage("claude-x", 1005, 9, 900), Read(body, anthropic: true));
    }

    [Fact]
    public void AnthropicStream_InputFromMessageStart_OutputFromMessageDelta()
    {
        var text = string.Concat(Enumerable.Repeat("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hello hello\"}}\n\n", 200));
        var stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-x\",\"content\":[],\"usage\":{\"input_tokens\":12,\"cache_read_input_tokens\":30,\"output_tokens\":1}}}\n\n"
            + text
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":77}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

        Assert.Equal(new ResponseUsage("claude-x", 42, 77, 30), Read(stream, pieceSize: 333, anthropic: true));
    }

    [Fact]
    public void InputOutputTokenNames_AreReadToo()
    {
        Assert.Equal(new ResponseUsage("claude-x", 5, 9), Read("""{"model":"claude-x","usage":{"input_tokens":5,"output_tokens":9}}"""));
    }

    [Fact]
    public void UsageQuotedInsideGeneratedText_IsNotTakenForTheRealOne()
    {
        var body = """{"model":"m","choices":[{"message":{"content":"use \"usage\":{\"prompt_tokens\":999} and \"model\":\"fake\""}}]}""";

        Assert.Equal(new ResponseUsage("m", null, null), Read(body));
    }

    [Theory]
    [InlineData("""{"object":"list","data":[]}""")]
    [InlineData("not json at all")]
    [InlineData("""{"usage":{"prompt_tokens":"eleven"}}""")]
    public void NothingToReport_ReadsNothing(string body) => Assert.Null(Read(body));

    [Fact]
    public void Reset_ForgetsAnEarlierAttempt()
    {
        using var capture = new ResponseUsageCapture();
        capture.Observe(Encoding.UTF8.GetBytes("""{"model":"first","usage":{"prompt_tokens":1,"completion_tokens":1}}"""));
        capture.Reset();
        capture.Observe(Encoding.UTF8.GetBytes("""{"model":"second","usage":{"prompt_tokens":3,"completion_tokens":4}}"""));

        Assert.True(capture.TryRead(out var usage));
        Assert.Equal(new ResponseUsage("second", 3, 4), usage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("data: {}\n\n")]
    [InlineData("data: {}\n")]
    [InlineData("data: {}\r\n\r\n")]
    [InlineData("data: {}\r\r")]
    [InlineData("data: {}\r\n")]
    [InlineData("\n\n")]
    [InlineData("\n")]
    public void T4_TheCapturesEventBoundary_IsTheSseTails_HoweverTheBytesAreChunked(string stream)
    {
        // The relay keeps one tail: the capture's ring when it reads usage, an SseTail otherwise; both must agree.
        var bytes = Encoding.UTF8.GetBytes(new string('x', ResponseUsageCapture.TailBytes + 3) + "\n\n" + stream);
        foreach (var prefixOnly in new[] { true, false })
        {
            var body = prefixOnly ? Encoding.UTF8.GetBytes(stream) : bytes;
            for (var piece = 1; piece <= 5; piece++)
            {
                using var capture = new ResponseUsageCapture();
                var tail = new SseTail();
                for (var i = 0; i < body.Length; i += piece)
                {
                    var chunk = body.AsSpan(i, Math.Min(piece, body.Length - i));
                    capture.Observe(chunk);
                    tail.Append(chunk);
                }
                Assert.Equal(tail.AtEventBoundary, capture.AtEventBoundary);
            }
        }
        var expected = new SseTail();
        expected.Append(Encoding.UTF8.GetBytes(stream));
        Assert.Equal(stream.Length == 0 || stream.EndsWith("\n\n", StringComparison.Ordinal) || stream.EndsWith("\r\r", StringComparison.Ordinal) || stream.EndsWith("\r\n\r\n", StringComparison.Ordinal), expected.AtEventBoundary);
    }
}
