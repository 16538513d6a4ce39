using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>An OpenAI Chat stream from the upstream, an Anthropic Messages stream to the caller.</summary>
public sealed class OpenAiToAnthropicStreamTests
{
    private static (string Output, FormatResult Failure, AnthropicStreamWriter Writer) Translate(byte[] sse, int chunkSize = int.MaxValue)
    {
        var reader = new OpenAiChatStreamReader();
        var writer = new AnthropicStreamWriter();
        var (output, failure) = StreamHarness.Run(sse, Math.Min(chunkSize, Math.Max(1, sse.Length)), reader.Read, writer.Write);
        return (output, failure, writer);
    }

    private static byte[] Sse(params string[] data) => Encoding.UTF8.GetBytes(string.Concat(data.Select(d => $"data: {d}\n\n")));

    private static string Chunk(string delta, string finish = "null") =>
        $$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{finish}}}]}""";

    /// <summary>"type[index]" per event, e.g. <c>content_block_start[1:tool_use]</c>.</summary>
    private static List<string> Shape(string output) => StreamHarness.Events(output).Select(e =>
    {
        var json = StreamHarness.Json(e.Data);
        var type = json.GetProperty("type").GetString()!;
        Assert.Equal(type, e.Name);
        if (json.TryGetProperty("content_block", out var block)) return $"{type}[{json.GetProperty("index").GetInt32()}:{block.GetProperty("type").GetString()}]";
        if (json.TryGetProperty("index", out var index)) return $"{type}[{index.GetInt32()}]";
        return type;
    }).ToList();

    private static string Concat(string output, int index, string field) => string.Concat(StreamHarness.Events(output)
        .Select(e => StreamHarness.Json(e.Data))
        .Where(j => j.GetProperty("type").GetString() == "content_block_delta" && j.GetProperty("index").GetInt32() == index)
        .Select(j => j.GetProperty("delta").GetProperty(field).GetString()));

    [Fact]
    public void X2_RecordedOpenAiStream_BecomesTheExactAnthropicEventSequence()
    {
        var (output, failure, writer) = Translate(StreamHarness.Fixture("openai-text-parallel-tools.sse"));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.True(writer.IsClosed);
        Assert.Equal(
        [
            "message_start",
            "content_block_start[0:text]", "content_block_delta[0]", "content_block_delta[0]", "content_block_stop[0]",
            "content_block_start[1:tool_use]", "content_block_delta[1]", "content_block_delta[1]", "content_block_stop[1]",
            "content_block_start[2:tool_use]", "content_block_delta[2]", "content_block_stop[2]",
            "message_delta", "message_stop",
        ], Shape(output));
        Assert.Equal("Checking both cities — \"Paris\" & Köln.\n", Concat(output, 0, "text"));
        Assert.Equal("""{"city": "Paris"}""", Concat(output, 1, "partial_json"));
        Assert.Equal("Köln", JsonDocument.Parse(Concat(output, 2, "partial_json")).RootElement.GetProperty("city").GetString());

        var events = StreamHarness.Events(output).Select(e => StreamHarness.Json(e.Data)).ToList();
        var start = events[0].GetProperty("message");
        Assert.Equal("chatcmpl-AbC123", start.GetProperty("id").GetString());
        Assert.Equal("gpt-4.1-mini-2025-04-14", start.GetProperty("model").GetString());
        Assert.Equal("call_paris", events[5].GetProperty("content_block").GetProperty("id").GetString());
        Assert.Equal("get_weather", events[5].GetProperty("content_block").GetProperty("name").GetString());
        Assert.Equal("call_koln", events[9].GetProperty("content_block").GetProperty("id").GetString());

        var delta = events[^2];
        Assert.Equal("tool_use", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        var usage = delta.GetProperty("usage");
        Assert.Equal(56, usage.GetProperty("input_tokens").GetInt32()); // 120 prompt tokens, 64 of them cached
        Assert.Equal(64, usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(42, usage.GetProperty("output_tokens").GetInt32());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    public void X2_OddChunking_GivesTheSameEvents(int chunkSize)
    {
        var sse = StreamHarness.Fixture("openai-text-parallel-tools.sse");
        var (whole, _, _) = Translate(sse);
        var (split, failure, _) = Translate(sse, chunkSize);
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.Equal(whole, split);
    }

    [Fact]
    public void X2_EventsLeaveAsTheyArrive_NotAtTheEnd()
    {
        var reader = new OpenAiChatStreamReader();
        var writer = new AnthropicStreamWriter();
        var output = new ArrayBufferWriter<byte>();
        var updates = new List<ChatResponseUpdate>();
        void Feed(string data)
        {
            updates.Clear();
            Assert.True(reader.Read(Encoding.UTF8.GetBytes(data), updates).IsSuccess);
            foreach (var u in updates) Assert.True(writer.Write(u, output).IsSuccess);
        }

        Feed(Chunk("""{"role":"assistant","content":""}"""));
        Assert.Contains("event: message_start", Encoding.UTF8.GetString(output.WrittenSpan), StringComparison.Ordinal);
        Feed(Chunk("""{"content":"Hel"}"""));
        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.Contains("\"text\":\"Hel\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", text, StringComparison.Ordinal);
    }

    [Fact]
    public void X2_TextAfterAToolCall_OpensANewBlockWithTheNextIndex()
    {
        var (output, failure, _) = Translate(Sse(
            Chunk("""{"content":"a"}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"c0","type":"function","function":{"name":"f","arguments":"{}"}}]}"""),
            Chunk("""{"content":"b"}"""),
            Chunk("""{"tool_calls":[{"index":1,"id":"c1","type":"function","function":{"name":"g","arguments":"{\"x\":1}"}}]}"""),
            Chunk("{}", "\"tool_calls\""),
            "[DONE]"));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.Equal(
        [
            "message_start",
            "content_block_start[0:text]", "content_block_delta[0]", "content_block_stop[0]",
            "content_block_start[1:tool_use]", "content_block_delta[1]", "content_block_stop[1]",
            "content_block_start[2:text]", "content_block_delta[2]", "content_block_stop[2]",
            "content_block_start[3:tool_use]", "content_block_delta[3]", "content_block_stop[3]",
            "message_delta", "message_stop",
        ], Shape(output));
        Assert.Equal("b", Concat(output, 2, "text"));
        Assert.Equal("""{"x":1}""", Concat(output, 3, "partial_json"));
    }

    [Fact]
    public void X2_ArgumentsForACallWhoseArgumentsEnded_AreAFailureNotMisattributed()
    {
        // Call 0's object closed, so its block was closed when call 1 started: a further piece has no place.
        var (_, failure, _) = Translate(Sse(
            Chunk("""{"tool_calls":[{"index":0,"id":"c0","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"id":"c1","type":"function","function":{"name":"g","arguments":"{}"}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":" "}}]}""")));
        Assert.Equal(FormatError.InvalidUpstreamResponse, failure.Error);
    }

    [Fact]
    public void X2_InterleavedToolCalls_EachGetTheirOwnBlockWithTheirOwnArguments()
    {
        var (output, failure, writer) = Translate(Sse(
            Chunk("""{"tool_calls":[{"index":0,"id":"c0","type":"function","function":{"name":"f","arguments":"{\"a\""}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"id":"c1","type":"function","function":{"name":"g","arguments":"{\"b\":"}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":":1}"}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":"2}"}}]}"""),
            Chunk("{}", "\"tool_calls\""), "[DONE]"));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.True(writer.IsClosed);
        Assert.Equal(
        [
            "message_start",
            "content_block_start[0:tool_use]", "content_block_delta[0]", "content_block_delta[0]", "content_block_stop[0]",
            // Call 1's held piece comes right after its start, then its live piece.
            "content_block_start[1:tool_use]", "content_block_delta[1]", "content_block_delta[1]", "content_block_stop[1]",
            "message_delta", "message_stop",
        ], Shape(output));
        Assert.Equal("""{"a":1}""", Concat(output, 0, "partial_json"));
        Assert.Equal("""{"b":2}""", Concat(output, 1, "partial_json"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void X2_InterleavedToolCalls_CutIntoPieces_GiveTheSameEvents(int chunkSize)
    {
        var sse = StreamHarness.Fixture("golden/openai-parallel-tools-interleaved-pieces.sse");
        var (whole, wholeFailure, _) = Translate(sse);
        Assert.True(wholeFailure.IsSuccess, wholeFailure.Message);
        var (output, failure, writer) = Translate(sse, chunkSize);
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.True(writer.IsClosed);
        Assert.Equal(whole, output);
        // Every call's input, rebuilt from its own block's deltas as an Anthropic client does.
        Assert.Equal("Paris", JsonDocument.Parse(Concat(output, 0, "partial_json")).RootElement.GetProperty("city").GetString());
        Assert.Equal("/tmp/a \"}\" b.txt", JsonDocument.Parse(Concat(output, 1, "partial_json")).RootElement.GetProperty("path").GetString());
        Assert.Equal("Oslo", JsonDocument.Parse(Concat(output, 2, "partial_json")).RootElement.GetProperty("city").GetString());
        Assert.Equal("}", JsonDocument.Parse(Concat(output, 3, "partial_json")).RootElement.GetProperty("pattern").GetString());
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(17, false)]
    public void X2_InterleavedArgumentsBeyondTheHeldCap_EndTheStreamAsMalformed(int pieces, bool fits)
    {
        // Call 0 never ends, so every 64 KiB piece of call 1 is held: 15 fit under 1 MiB, 17 do not.
        var piece = new string('x', 64 * 1024);
        var data = new List<string>
        {
            Chunk("""{"tool_calls":[{"index":0,"id":"c0","type":"function","function":{"name":"f","arguments":"{\"a\": \""}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"id":"c1","type":"function","function":{"name":"g","arguments":"{\"b\": \""}}]}"""),
        };
        for (var i = 0; i < pieces; i++) data.Add(Chunk($$$"""{"tool_calls":[{"index":1,"function":{"arguments":"{{{piece}}}"}}]}"""));
        data.Add(Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":"\"}"}}]}"""));
        data.Add(Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]}"""));
        data.Add(Chunk("{}", "\"tool_calls\""));
        data.Add("[DONE]");
        var (output, failure, _) = Translate(Sse([.. data]));
        if (fits)
        {
            Assert.True(failure.IsSuccess, failure.Message);
            Assert.Equal(pieces * piece.Length, JsonDocument.Parse(Concat(output, 1, "partial_json")).RootElement.GetProperty("b").GetString()!.Length);
            return;
        }
        Assert.Equal(FormatError.InvalidUpstreamResponse, failure.Error);
        Assert.DoesNotContain("\"index\":1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void X2_ToolCallsEndedWithStop_EndWithToolUse_SoTheClientRunsThem()
    {
        var (output, failure, _) = Translate(Sse(
            Chunk("""{"tool_calls":[{"index":0,"id":"c0","type":"function","function":{"name":"f","arguments":"{}"}}]}"""),
            Chunk("{}", "\"stop\""), "[DONE]"));
        Assert.True(failure.IsSuccess, failure.Message);
        var delta = StreamHarness.Events(output).Select(e => StreamHarness.Json(e.Data)).Single(j => j.GetProperty("type").GetString() == "message_delta");
        Assert.Equal("tool_use", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public void X2_AnIdRepeatedOnEveryPiece_StartsTheCallOnce()
    {
        var (output, failure, _) = Translate(Sse(
            Chunk("""{"tool_calls":[{"index":0,"id":"c0","type":"function","function":{"name":"f","arguments":"{\"a\""}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"c0","type":"function","function":{"arguments":":1}"}}]}"""),
            Chunk("{}", "\"tool_calls\""), "[DONE]"));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.Equal(["message_start", "content_block_start[0:tool_use]", "content_block_delta[0]", "content_block_delta[0]",
            "content_block_stop[0]", "message_delta", "message_stop"], Shape(output));
        Assert.Equal("""{"a":1}""", Concat(output, 0, "partial_json"));
    }

    [Theory]
    [InlineData("\"stop\"", "end_turn")]
    [InlineData("\"length\"", "max_tokens")]
    [InlineData("\"content_filter\"", "refusal")]
    [InlineData("\"something_new\"", "end_turn")]
    public void X2_FinishReasons_MapToStopReasons(string finish, string stopReason)
    {
        var (output, failure, _) = Translate(Sse(Chunk("""{"content":"x"}"""), Chunk("{}", finish), "[DONE]"));
        Assert.True(failure.IsSuccess, failure.Message);
        var delta = StreamHarness.Events(output).Select(e => StreamHarness.Json(e.Data)).Single(j => j.GetProperty("type").GetString() == "message_delta");
        Assert.Equal(stopReason, delta.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public void X2_UsageInTheFinishChunk_IsReported()
    {
        var finish = """{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""";
        var (output, failure, _) = Translate(Sse(Chunk("""{"content":"x"}"""), finish, "[DONE]"));
        Assert.True(failure.IsSuccess, failure.Message);
        var usage = StreamHarness.Events(output).Select(e => StreamHarness.Json(e.Data)).Single(j => j.GetProperty("type").GetString() == "message_delta").GetProperty("usage");
        Assert.Equal(9, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(3, usage.GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public void X2_ReasoningContent_BecomesAThinkingBlockBeforeTheText()
    {
        var (output, failure, _) = Translate(Sse(
            Chunk("""{"reasoning_content":"think"}"""), Chunk("""{"content":"answer"}"""), Chunk("{}", "\"stop\""), "[DONE]"));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.Equal(["message_start", "content_block_start[0:thinking]", "content_block_delta[0]", "content_block_stop[0]",
            "content_block_start[1:text]", "content_block_delta[1]", "content_block_stop[1]", "message_delta", "message_stop"], Shape(output));
        Assert.Equal("think", Concat(output, 0, "thinking"));
    }

    [Fact]
    public void X2_InBandUpstreamError_BecomesAnAnthropicErrorEventWithItsType()
    {
        var (output, failure, writer) = Translate(Sse(
            Chunk("""{"content":"partial"}"""),
            """{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}"""));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.True(writer.IsClosed);
        var last = StreamHarness.Events(output)[^1];
        Assert.Equal("error", last.Name);
        var error = StreamHarness.Json(last.Data);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", error.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("Rate limit reached for requests", error.GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain("message_stop", output, StringComparison.Ordinal);
    }

    [Fact]
    public void X2_CutStream_NeverLooksComplete_AndEndsWithAnApiErrorEvent()
    {
        var (output, failure, writer) = Translate(Sse(Chunk("""{"content":"partial"}""")));
        Assert.True(failure.IsSuccess);
        var end = new ArrayBufferWriter<byte>();
        Assert.False(writer.TryComplete(end));
        writer.WriteError(end, new ChatError(ChatErrorKind.Server, "The upstream stream failed before it completed."));
        var all = output + Encoding.UTF8.GetString(end.WrittenSpan);
        var events = StreamHarness.Events(all);
        Assert.Equal("error", events[^1].Name);
        Assert.Equal("api_error", StreamHarness.Json(events[^1].Data).GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain("message_stop", all, StringComparison.Ordinal);
    }

    [Fact]
    public void X2_FinishedStreamWithoutDone_CanStillBeClosed()
    {
        var (_, failure, writer) = Translate(Sse(Chunk("""{"content":"x"}"""), Chunk("{}", "\"stop\"")));
        Assert.True(failure.IsSuccess);
        var end = new ArrayBufferWriter<byte>();
        Assert.True(writer.TryComplete(end));
        Assert.Contains("event: message_stop", Encoding.UTF8.GetString(end.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void X3_UnknownFieldsAndCommentsAreSkipped()
    {
        var sse = Encoding.UTF8.GetBytes(": keep-alive\n\n" + $"data: {Chunk("""{"content":"x","audio":{"id":"a"},"future":[1,{"b":2}]}""")}\n\n" + "data: [DONE]\n\n");
        var (output, failure, _) = Translate(sse);
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.Equal("x", Concat(output, 0, "text"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"content":"x"}""")]
    [InlineData("""{"id":"c","choices":{"index":0}}""")]
    [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}}]}""")]
    [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":99999,"id":"x","function":{"name":"f"}}]}}]}""")]
    public void X2_MalformedUpstreamEvent_IsAFormatErrorNotAnException(string data)
    {
        var updates = new List<ChatResponseUpdate>();
        var result = new OpenAiChatStreamReader().Read(Encoding.UTF8.GetBytes(data), updates);
        Assert.Equal(FormatError.InvalidUpstreamResponse, result.Error);
    }
}
