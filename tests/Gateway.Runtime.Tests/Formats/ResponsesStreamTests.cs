using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;
using Gateway.Runtime.Formats.Responses;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>Issue 14: Chat and Anthropic streams from the upstream, a Responses event stream to the caller.</summary>
public sealed class ResponsesStreamTests
{
    private const long CreatedAt = 1764800000;

    private static (List<(string? Name, string Data)> Events, FormatResult Failure, ResponsesStreamWriter Writer) FromAnthropic(byte[] sse, int chunkSize = int.MaxValue, bool complete = true)
    {
        var reader = new AnthropicStreamReader();
        var writer = new ResponsesStreamWriter(CreatedAt);
        var (output, failure) = StreamHarness.Run(sse, Math.Min(chunkSize, sse.Length), reader.Read, writer.Write, atEnd: complete ? o => End(writer, o) : null);
        return (StreamHarness.Events(output), failure, writer);
    }

    private static (List<(string? Name, string Data)> Events, FormatResult Failure, ResponsesStreamWriter Writer) FromOpenAi(byte[] sse, ResponsesRequestInfo? info = null)
    {
        var reader = new OpenAiChatStreamReader();
        var writer = new ResponsesStreamWriter(CreatedAt, info);
        var (output, failure) = StreamHarness.Run(sse, sse.Length, reader.Read, writer.Write, atEnd: o => End(writer, o));
        return (StreamHarness.Events(output), failure, writer);
    }

    /// <summary>What the relay does when the upstream ends: complete, or fail the stream (T4).</summary>
    private static void End(ResponsesStreamWriter writer, ArrayBufferWriter<byte> output)
    {
        if (!writer.TryComplete(output))
        {
            writer.WriteError(output, new ChatError(ChatErrorKind.Server, "The upstream stream ended before the answer was complete."));
        }
    }

    private static byte[] OpenAiSse(params string[] chunks) => Encoding.UTF8.GetBytes(string.Concat(chunks.Select(c => $"data: {c}\n\n")));

    private static string Chunk(string delta, string? finish = null) =>
        $$"""{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}}]}""";

    private static void AssertWellFormed(List<(string? Name, string Data)> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var data = StreamHarness.Json(events[i].Data);
            Assert.Equal(events[i].Name, data.GetProperty("type").GetString());
            Assert.Equal(i, data.GetProperty("sequence_number").GetInt32());
        }
    }

    [Fact]
    public void X2_RecordedAnthropicStream_BecomesResponsesEventsInOrder()
    {
        var (events, failure, writer) = FromAnthropic(StreamHarness.Fixture("anthropic-thinking-text-tools.sse"));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.True(writer.IsClosed);
        AssertWellFormed(events);
        string[] expected =
        [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
            "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            // Anthropic's empty first input_json_delta is no piece: two deltas, not three.
            "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta",
            "response.function_call_arguments.done", "response.output_item.done",
            "response.output_item.added", "response.function_call_arguments.delta",
            "response.function_call_arguments.done", "response.output_item.done",
            "response.completed",
        ];
        Assert.Equal(expected, events.Select(e => e.Name));

        var created = StreamHarness.Json(events[0].Data).GetProperty("response");
        Assert.Equal("resp_msg_01XYZ", created.GetProperty("id").GetString());
        Assert.Equal("in_progress", created.GetProperty("status").GetString());
        Assert.Equal("claude-sonnet-4-6", created.GetProperty("model").GetString());
        Assert.Equal(CreatedAt, created.GetProperty("created_at").GetInt64());

        var textDone = StreamHarness.Json(events[13].Data);
        Assert.Equal("I will read the file — “hello.txt”.", textDone.GetProperty("text").GetString());
        var messageAdded = StreamHarness.Json(events[9].Data);
        Assert.Equal(1, messageAdded.GetProperty("output_index").GetInt32());
        Assert.Equal(messageAdded.GetProperty("item").GetProperty("id").GetString(), textDone.GetProperty("item_id").GetString());

        var argumentsDone = StreamHarness.Json(events[19].Data);
        Assert.Equal("Read", argumentsDone.GetProperty("name").GetString());
        Assert.Equal("/tmp/hello.txt", JsonDocument.Parse(argumentsDone.GetProperty("arguments").GetString()!).RootElement.GetProperty("file_path").GetString());

        var completed = StreamHarness.Json(events[^1].Data).GetProperty("response");
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        var output = completed.GetProperty("output").EnumerateArray().ToList();
        Assert.Equal(["reasoning", "message", "function_call", "function_call"], output.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("The user wants the file.", output[0].GetProperty("summary")[0].GetProperty("text").GetString());
        Assert.Equal(["toolu_01A", "toolu_01B"], output.Skip(2).Select(i => i.GetProperty("call_id").GetString()));
        Assert.All(output, i => Assert.NotEqual("in_progress", i.TryGetProperty("status", out var s) ? s.GetString() : null));
        Assert.Equal(61, completed.GetProperty("usage").GetProperty("output_tokens").GetInt64());
        Assert.True(completed.GetProperty("usage").GetProperty("input_tokens").GetInt64() > 0);
    }

    [Fact]
    public void X2_ChunkSizeDoesNotChangeTheEvents()
    {
        var sse = StreamHarness.Fixture("anthropic-thinking-text-tools.sse");
        string Shape(List<(string? Name, string Data)> events) => string.Join("\n", events.Select(e =>
        {
            var data = StreamHarness.Json(e.Data);
            return $"{e.Name} {(data.TryGetProperty("delta", out var d) ? d.GetString() : "")}";
        }));
        Assert.Equal(Shape(FromAnthropic(sse).Events), Shape(FromAnthropic(sse, chunkSize: 7).Events));
    }

    [Fact]
    public void X2_ChatStreamWithCustomToolCall_SendsTheInputStringOnceTheCallEnds()
    {
        var info = new ResponsesRequestInfo();
        info.CustomTools.Add("apply_patch"u8.ToArray());
        var (events, failure, _) = FromOpenAi(OpenAiSse(
            Chunk("""{"role":"assistant","content":""}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"call_p","type":"function","function":{"name":"apply_patch","arguments":""}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"input\":\"*** Begin"}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":" Patch\\n*** End Patch\"}"}}]}"""),
            Chunk("{}", "tool_calls"),
            """{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[],"usage":{"prompt_tokens":50,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":40}}}""",
            "[DONE]"), info);
        Assert.True(failure.IsSuccess, failure.Message);
        AssertWellFormed(events);
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added",
             "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done", "response.output_item.done", "response.completed"],
            events.Select(e => e.Name));
        var added = StreamHarness.Json(events[2].Data).GetProperty("item");
        Assert.Equal("custom_tool_call", added.GetProperty("type").GetString());
        Assert.Equal("", added.GetProperty("input").GetString());
        Assert.Equal("*** Begin Patch\n*** End Patch", StreamHarness.Json(events[3].Data).GetProperty("delta").GetString());
        var done = StreamHarness.Json(events[5].Data).GetProperty("item");
        Assert.Equal("call_p", done.GetProperty("call_id").GetString());
        Assert.Equal("*** Begin Patch\n*** End Patch", done.GetProperty("input").GetString());
        var usage = StreamHarness.Json(events[^1].Data).GetProperty("response").GetProperty("usage");
        Assert.Equal(50, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(40, usage.GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt64());
        Assert.Equal(59, usage.GetProperty("total_tokens").GetInt64());
    }

    [Fact]
    public void X2_OutputLimit_EndsWithResponseIncomplete()
    {
        var (events, failure, _) = FromOpenAi(OpenAiSse(Chunk("""{"content":"Once upon"}"""), Chunk("{}", "length"), "[DONE]"));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.Equal("response.incomplete", events[^1].Name);
        var response = StreamHarness.Json(events[^1].Data).GetProperty("response");
        Assert.Equal("incomplete", response.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", response.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal("Once upon", response.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void T4_UpstreamErrorEvent_EndsWithResponseFailed()
    {
        var sse = Encoding.UTF8.GetBytes(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\",\"model\":\"claude-x\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n" +
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n" +
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hal\"}}\n\n" +
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
        var (events, failure, writer) = FromAnthropic(sse, complete: false);
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.True(writer.IsClosed);
        AssertWellFormed(events);
        Assert.Equal("response.failed", events[^1].Name);
        Assert.DoesNotContain(events, e => e.Name == "response.completed");
        var response = StreamHarness.Json(events[^1].Data).GetProperty("response");
        Assert.Equal("failed", response.GetProperty("status").GetString());
        Assert.Equal("Overloaded", response.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("server_is_overloaded", response.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public void T4_CutStream_IsNotCompletedButFailed()
    {
        var (events, failure, _) = FromOpenAi(OpenAiSse(Chunk("""{"content":"Half an ans"}""")));
        Assert.True(failure.IsSuccess, failure.Message);
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.failed"],
            events.Select(e => e.Name));
        Assert.Equal("server_error", StreamHarness.Json(events[^1].Data).GetProperty("response").GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public void X2_InterleavedParallelCalls_EachGetTheirOwnItem_InTheOrderTheyStarted()
    {
        // Some OpenAI-compatible servers send the pieces of parallel calls by index, interleaved.
        var (events, failure, _) = FromOpenAi(OpenAiSse(
            Chunk("""{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{\"city\":"}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":"\"Oslo\"}"}}]}"""),
            Chunk("{}", "tool_calls"),
            "[DONE]"));
        Assert.True(failure.IsSuccess, failure.Message);
        AssertWellFormed(events);
        var done = events.Where(e => e.Name == "response.output_item.done").Select(e => StreamHarness.Json(e.Data)).ToList();
        Assert.Equal([0, 1], done.Select(d => d.GetProperty("output_index").GetInt32()));
        Assert.Equal(["call_a", "call_b"], done.Select(d => d.GetProperty("item").GetProperty("call_id").GetString()));
        Assert.Equal(["""{"city":"Paris"}""", """{"city":"Oslo"}"""], done.Select(d => d.GetProperty("item").GetProperty("arguments").GetString()));
        var final = StreamHarness.Json(events[^1].Data).GetProperty("response").GetProperty("output");
        Assert.Equal(2, final.GetArrayLength());
    }

    [Fact]
    public void X2_ArgumentPieceForAClosedCall_IsAMalformedUpstream()
    {
        // Call 0's arguments were complete when call 1 started, so its item was closed: a later piece cannot be placed.
        var (_, failure, _) = FromOpenAi(OpenAiSse(
            Chunk("""{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"a","arguments":"{}"}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"b","arguments":""}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}""")));
        Assert.Equal(FormatError.InvalidUpstreamResponse, failure.Error);
    }

    [Fact]
    public void X2_TextDeltas_AllocateNothingPerEvent()
    {
        // A stream's allocation must not grow with its events: the open item's text and the finished
        // items live in pooled buffers, returned when the stream ends.
        var text = Encoding.UTF8.GetBytes(Chunk("""{"content":"Hello \"world\" — ö"}"""));
        var call = Encoding.UTF8.GetBytes(Chunk("""{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"Read","arguments":""}}]}"""));
        var args = Encoding.UTF8.GetBytes(Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"path\":\"/a\"}"}}]}"""));
        var finish = Encoding.UTF8.GetBytes(Chunk("{}", "tool_calls"));
        var output = new ArrayBufferWriter<byte>(1 << 20);
        var updates = new List<ChatResponseUpdate>(8);

        long Stream(int pieces)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var reader = new OpenAiChatStreamReader();
            var writer = new ResponsesStreamWriter(CreatedAt);
            void Feed(byte[] data)
            {
                updates.Clear();
                Assert.True(reader.Read(data, updates).IsSuccess);
                foreach (var u in updates) Assert.True(writer.Write(u, output).IsSuccess);
                output.ResetWrittenCount();
            }
            for (var i = 0; i < pieces; i++) Feed(text);
            Feed(call);
            for (var i = 0; i < pieces; i++) Feed(args);
            Feed(finish);
            Assert.True(writer.TryComplete(output));
            output.ResetWrittenCount();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // Warm up: the pool holds buffers of this stream's sizes, methods are compiled and tiered.
        // (A stream whose text outgrows what the pool holds rents a bigger array once; that is per
        // size, shared by later streams, not per event.)
        for (var i = 0; i < 3; i++) Stream(4000);
        var bytes = Stream(4000);
        // 8002 events; what is left is per stream (the writer, its token, id and model copies).
        Assert.True(bytes < 2048, $"a stream of 8002 events allocated {bytes} bytes");
    }
}
