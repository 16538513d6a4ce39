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
