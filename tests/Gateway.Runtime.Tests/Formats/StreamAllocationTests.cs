using System.Buffers;
using System.Text;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>Issue 13: translated stream events allocate nothing per event once the stream runs.</summary>
public sealed class StreamAllocationTests
{
    private static long BytesPerEvent(Action<int> translateOne)
    {
        for (var i = 0; i < 200; i++) translateOne(i); // warm up: buffers grow, methods compile
        const int events = 2000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < events; i++) translateOne(i);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / events;
    }

    [Fact]
    public void X2_OpenAiTextAndArgumentChunks_ToAnthropic_AllocateNothingPerEvent()
    {
        var reader = new OpenAiChatStreamReader();
        var writer = new AnthropicStreamWriter();
        var output = new ArrayBufferWriter<byte>(1 << 16);
        var updates = new List<ChatResponseUpdate>(8);
        var text = Encoding.UTF8.GetBytes("""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{"content":"Hello \"world\" — ö"},"finish_reason":null}]}""");
        var args = Encoding.UTF8.GetBytes("""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"path\":\"/a\"}"}}]},"finish_reason":null}]}""");
        var start = Encoding.UTF8.GetBytes("""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"Read","arguments":""}}]},"finish_reason":null}]}""");
        Feed(start);

        void Feed(byte[] data)
        {
            updates.Clear();
            Assert.True(reader.Read(data, updates).IsSuccess);
            foreach (var u in updates) Assert.True(writer.Write(u, output).IsSuccess);
            output.ResetWrittenCount();
        }

        Assert.Equal(0, BytesPerEvent(_ => Feed(args)));
        reader = new OpenAiChatStreamReader();
        writer = new AnthropicStreamWriter();
        Assert.Equal(0, BytesPerEvent(_ => Feed(text)));
    }

    [Fact]
    public void X2_InterleavedToolCalls_ToAnthropic_AllocateNothingPerEventBeyondThePool()
    {
        // Pairs of calls whose pieces interleave: call 2k+1 is held behind 2k, then given its block when
        // the next pair starts. The held buffers are rented and returned each pair, so once the pool has
        // them an event allocates nothing.
        var writer = new AnthropicStreamWriter();
        var output = new ArrayBufferWriter<byte>(1 << 16);
        var callId = new JsonText(Encoding.UTF8.GetBytes("\"call_1\""));
        var name = new JsonText(Encoding.UTF8.GetBytes("\"Read\""));
        var arguments = new JsonText(Encoding.UTF8.GetBytes("\"{\\\"path\\\":\\\"/a\\\"}\""));
        Assert.True(writer.Write(ChatResponseUpdate.Started(callId, name), output).IsSuccess);

        void Write(in ChatResponseUpdate update)
        {
            Assert.True(writer.Write(update, output).IsSuccess);
            output.ResetWrittenCount();
        }

        Assert.Equal(0, BytesPerEvent(i =>
        {
            var call = i / 4 * 2;
            switch (i % 4)
            {
                case 0: Write(ChatResponseUpdate.FunctionCallStarted(call, callId, name)); break;
                case 1: Write(ChatResponseUpdate.FunctionCallStarted(call + 1, callId, name)); break;
                case 2: Write(ChatResponseUpdate.FunctionCallArgumentsDelta(call + 1, arguments)); break;
                default: Write(ChatResponseUpdate.FunctionCallArgumentsDelta(call, arguments)); break;
            }
        }));
        // The loop ended with a call held behind the open one: the next start gives it its block and piece.
        Assert.True(writer.Write(ChatResponseUpdate.FunctionCallStarted(4000, callId, name), output).IsSuccess);
        var events = StreamHarness.Events(Encoding.UTF8.GetString(output.WrittenSpan)).Select(e => e.Name).ToList();
        Assert.Equal(["content_block_stop", "content_block_start", "content_block_delta", "content_block_stop", "content_block_start"], events);
    }

    [Fact]
    public void X2_AnthropicTextAndInputDeltas_ToOpenAi_AllocateNothingPerEvent()
    {
        var reader = new AnthropicStreamReader();
        var writer = new OpenAiChatStreamWriter(includeUsage: true, created: 1);
        var output = new ArrayBufferWriter<byte>(1 << 16);
        var updates = new List<ChatResponseUpdate>(8);
        void Feed(string data)
        {
            updates.Clear();
            Assert.True(reader.Read(Encoding.UTF8.GetBytes(data), updates).IsSuccess);
            foreach (var u in updates) Assert.True(writer.Write(u, output).IsSuccess);
            output.ResetWrittenCount();
        }
        Feed("""{"type":"message_start","message":{"id":"msg_1","model":"claude-x","usage":{"input_tokens":5,"output_tokens":1}}}""");
        Feed("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""");
        var text = Encoding.UTF8.GetBytes("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello \"world\" — ö"}}""");

        void FeedBytes(byte[] data)
        {
            updates.Clear();
            Assert.True(reader.Read(data, updates).IsSuccess);
            foreach (var u in updates) Assert.True(writer.Write(u, output).IsSuccess);
            output.ResetWrittenCount();
        }

        Assert.Equal(0, BytesPerEvent(_ => FeedBytes(text)));
    }
}
