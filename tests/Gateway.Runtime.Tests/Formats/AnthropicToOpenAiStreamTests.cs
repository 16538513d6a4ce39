using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>An Anthropic Messages stream from the upstream, an OpenAI Chat stream to the caller.</summary>
public sealed class AnthropicToOpenAiStreamTests
{
    private static (string Output, FormatResult Failure, OpenAiChatStreamWriter Writer) Translate(byte[] sse, int chunkSize = int.MaxValue, bool includeUsage = true)
    {
        var reader = new AnthropicStreamReader();
        var writer = new OpenAiChatStreamWriter(includeUsage, created: 1764800000);
        var (output, failure) = StreamHarness.Run(sse, Math.Min(chunkSize, Math.Max(1, sse.Length)), reader.Read, writer.Write);
        return (output, failure, writer);
    }

    private static byte[] Sse(params string[] data) => Encoding.UTF8.GetBytes(string.Concat(data.Select(d =>
        $"event: {JsonDocument.Parse(d).RootElement.GetProperty("type").GetString()}\ndata: {d}\n\n")));

    private const string Start = """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}""";
    private const string TextStart = """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""";

    private static string TextDelta(int index, string text) =>
        $$$"""{"type":"content_block_delta","index":{{{index}}},"delta":{"type":"text_delta","text":{{{JsonSerializer.Serialize(text)}}}}}""";

    private static string Stop(string reason) =>
        $$$"""{"type":"message_delta","delta":{"stop_reason":"{{{reason}}}","stop_sequence":null},"usage":{"output_tokens":7}}""";

    private const string MessageStop = """{"type":"message_stop"}""";

    private static List<JsonElement> Chunks(string output) => StreamHarness.Events(output)
        .Where(e => e.Data != "[DONE]").Select(e => StreamHarness.Json(e.Data)).ToList();

    private static IEnumerable<JsonElement> Deltas(string output) => Chunks(output)
        .Where(c => c.GetProperty("choices").GetArrayLength() > 0).Select(c => c.GetProperty("choices")[0].GetProperty("delta"));

    private static string Field(string output, string name) => string.Concat(Deltas(output)
        .Where(d => d.TryGetProperty(name, out _)).Select(d => d.GetProperty(name).GetString()));

    [Fact]
    public void X2_RecordedAnthropicStream_BecomesOpenAiChunksEndingWithUsageAndDone()
    {
        var (output, failure, writer) = Translate(StreamHarness.Fixture("anthropic-thinking-text-tools.sse"));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.True(writer.IsClosed);
        var events = StreamHarness.Events(output);
        Assert.All(events, e => Assert.Null(e.Name));
        Assert.Equal("[DONE]", events[^1].Data);

        var chunks = Chunks(output);
        Assert.All(chunks, c =>
        {
            Assert.Equal("msg_01XYZ", c.GetProperty("id").GetString());
            Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString());
            Assert.Equal(1764800000, c.GetProperty("created").GetInt64());
            Assert.Equal("claude-sonnet-4-6", c.GetProperty("model").GetString());
        });
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("The user wants the file.", Field(output, "reasoning_content"));
        Assert.Equal("I will read the file — “hello.txt”.", Field(output, "content"));
        Assert.DoesNotContain("EqQBCgIYAhIM", output, StringComparison.Ordinal); // signatures have no OpenAI form

        var calls = Deltas(output).Where(d => d.TryGetProperty("tool_calls", out _)).Select(d => d.GetProperty("tool_calls")[0]).ToList();
        var first = calls.Where(c => c.GetProperty("index").GetInt32() == 0).ToList();
        var second = calls.Where(c => c.GetProperty("index").GetInt32() == 1).ToList();
        Assert.Equal("toolu_01A", first[0].GetProperty("id").GetString());
        Assert.Equal("Read", first[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("toolu_01B", second[0].GetProperty("id").GetString());
        Assert.Equal("""{"file_path": "/tmp/hello.txt"}""", string.Concat(first.Select(c => c.GetProperty("function").GetProperty("arguments").GetString())));
        Assert.Equal("""{"file_path": "/tmp/b.txt"}""", string.Concat(second.Select(c => c.GetProperty("function").GetProperty("arguments").GetString())));
        // The index order is kept: every piece of call 0 comes before call 1 starts.
        Assert.True(calls.FindLastIndex(c => c.GetProperty("index").GetInt32() == 0) < calls.FindIndex(c => c.GetProperty("index").GetInt32() == 1));

        var finish = chunks[^2].GetProperty("choices")[0];
        Assert.Equal("tool_calls", finish.GetProperty("finish_reason").GetString());
        var usageChunk = chunks[^1];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        var usage = usageChunk.GetProperty("usage");
        Assert.Equal(100, usage.GetProperty("prompt_tokens").GetInt32()); // 20 uncached + 30 written + 50 read
        Assert.Equal(50, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(61, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(161, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public void X2_WithoutIncludeUsage_NoUsageChunkIsWritten()
    {
        var (output, failure, _) = Translate(StreamHarness.Fixture("anthropic-thinking-text-tools.sse"), includeUsage: false);
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.DoesNotContain("\"usage\"", output, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, true)]
    [InlineData(13, false)]
    [InlineData(13, true)]
    public void X2_OddChunkingAndCrlf_GiveTheSameChunks(int chunkSize, bool crlf)
    {
        var sse = StreamHarness.Fixture("anthropic-thinking-text-tools.sse");
        var (whole, _, _) = Translate(sse);
        var input = crlf ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(sse).Replace("\n", "\r\n", StringComparison.Ordinal)) : sse;
        var (split, failure, _) = Translate(input, chunkSize);
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.Equal(whole, split);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("refusal", "content_filter")]
    [InlineData("pause_turn", "stop")]
    public void X2_StopReasons_MapToFinishReasons(string stopReason, string finish)
    {
        var (output, failure, _) = Translate(Sse(Start, TextStart, TextDelta(0, "x"), Stop(stopReason), MessageStop));
        Assert.True(failure.IsSuccess, failure.Message);
        var finishes = Chunks(output).Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("finish_reason")).Where(f => f.ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(finish, Assert.Single(finishes).GetString());
    }

    [Fact]
    public void X3_ServerToolBlocksAndUnknownEvents_AreSkipped()
    {
        var (output, failure, _) = Translate(Sse(Start,
            """{"type":"ping"}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"query\":1}"}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}""",
            TextDelta(1, "ok"),
            """{"type":"brand_new_event","payload":{"a":[1,2]}}""",
            Stop("end_turn"), MessageStop));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.Equal("ok", Field(output, "content"));
        // A server tool's call is not the caller's to run: it must not become a tool call.
        Assert.DoesNotContain("tool_calls", output, StringComparison.Ordinal);
        Assert.DoesNotContain("srvtoolu_1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void X3_UnknownEventsAndTextCitations_AreSkipped()
    {
        var (output, failure, _) = Translate(Sse(Start,
            """{"type":"ping"}""",
            TextStart,
            """{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"char_location"}}}""",
            TextDelta(0, "ok"),
            """{"type":"brand_new_event","payload":{"a":[1,2]}}""",
            """{"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"opaque"}}""",
            """{"type":"content_block_stop","index":1}""",
            Stop("end_turn"), MessageStop));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.Equal("ok", Field(output, "content"));
        Assert.DoesNotContain("opaque", output, StringComparison.Ordinal);
    }

    [Fact]
    public void X2_MidStreamOverload_BecomesTheOpenAiStreamErrorEvent_WithoutDone()
    {
        var (output, failure, writer) = Translate(Sse(Start, TextStart, TextDelta(0, "partial"),
            """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.True(writer.IsClosed);
        var last = StreamHarness.Events(output)[^1];
        var error = StreamHarness.Json(last.Data).GetProperty("error");
        Assert.Equal("Overloaded", error.GetProperty("message").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Equal("upstream_stream_error", error.GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("finish_reason\":\"stop", output, StringComparison.Ordinal);
    }

    [Fact]
    public void X2_CutStream_NeverLooksComplete()
    {
        var (output, failure, writer) = Translate(Sse(Start, TextStart, TextDelta(0, "partial")));
        Assert.True(failure.IsSuccess);
        var end = new ArrayBufferWriter<byte>();
        Assert.False(writer.TryComplete(end));
        Assert.Equal(0, end.WrittenCount);
        writer.WriteError(end, new ChatError(ChatErrorKind.Server, "The upstream stream failed before it completed."));
        var all = output + Encoding.UTF8.GetString(end.WrittenSpan);
        Assert.Equal("upstream_stream_error", StreamHarness.Json(StreamHarness.Events(all)[^1].Data).GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", all, StringComparison.Ordinal);
    }

    [Fact]
    public void X2_FirstChunkLeavesOnMessageStart()
    {
        var reader = new AnthropicStreamReader();
        var writer = new OpenAiChatStreamWriter(includeUsage: false, created: 1);
        var output = new ArrayBufferWriter<byte>();
        var updates = new List<ChatResponseUpdate>();
        Assert.True(reader.Read(Encoding.UTF8.GetBytes(Start), updates).IsSuccess);
        foreach (var u in updates) writer.Write(u, output);
        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.Contains("\"role\":\"assistant\"", text, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"msg_1\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"index":0}""")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}""")]
    [InlineData("""{"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}}""")]
    [InlineData("""{"type":"content_block_start","index":-1,"content_block":{"type":"text"}}""")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{}"}}""")]
    [InlineData("""{"type":7}""")]
    public void X2_MalformedUpstreamEvent_IsAFormatErrorNotAnException(string data)
    {
        var result = new AnthropicStreamReader().Read(Encoding.UTF8.GetBytes(data), new List<ChatResponseUpdate>());
        Assert.Equal(FormatError.InvalidUpstreamResponse, result.Error);
    }
}
