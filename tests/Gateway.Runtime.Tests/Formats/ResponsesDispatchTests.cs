using System.Buffers;
using System.Text;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.Responses;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>Issue 14: the format dispatch (what the host calls) knows the Responses reader and writers.</summary>
public sealed class ResponsesDispatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void X1_ResponsesCaller_IsReadAndWrittenForAnAnthropicProvider()
    {
        var body = Encoding.UTF8.GetBytes("""
        {"model":"m","store":false,"input":[{"role":"developer","content":"Be brief."},{"role":"user","content":"Hi"}],
         "tools":[{"type":"web_search"},{"type":"custom","name":"apply_patch","description":"Patch."}]}
        """);
        var request = new ChatRequest();
        var info = new ResponsesRequestInfo();
        Assert.True(RequestTranslation.Read(WireFormat.OpenAiResponses, body, request, info).IsSuccess);
        Assert.Equal(["web_search"], info.DroppedTools);

        var output = new ArrayBufferWriter<byte>();
        var written = RequestTranslation.Write(WireFormat.Anthropic, request, output, RequestTranslationOptions.Default);
        Assert.True(written.IsSuccess, written.Message);
        var root = JsonDocument.Parse(output.WrittenMemory).RootElement;
        Assert.Equal("Be brief.", root.GetProperty("system")[0].GetProperty("text").GetString());
        Assert.Equal("apply_patch", Assert.Single(root.GetProperty("tools").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public void X1_ChatAnswer_IsTranslatedForAResponsesCaller()
    {
        var info = new ResponsesRequestInfo();
        info.CustomTools.Add("apply_patch"u8.ToArray());
        var body = Encoding.UTF8.GetBytes("""
        {"id":"chatcmpl-7","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,
          "tool_calls":[{"id":"call_1","type":"function","function":{"name":"apply_patch","arguments":"{\"input\":\"*** Begin Patch\"}"}}]},"finish_reason":"tool_calls"}]}
        """);
        var output = new ArrayBufferWriter<byte>();
        var result = Gateway.Runtime.Formats.ResponseTranslation.Translate(WireFormat.OpenAiChat, body, WireFormat.OpenAiResponses, output, Now, info);
        Assert.True(result.IsSuccess, result.Message);
        var item = JsonDocument.Parse(output.WrittenMemory).RootElement.GetProperty("output")[0];
        Assert.Equal("custom_tool_call", item.GetProperty("type").GetString());
        Assert.Equal("*** Begin Patch", item.GetProperty("input").GetString());
    }

    [Fact]
    public void X2_AnthropicStream_IsTranslatedForAResponsesCaller()
    {
        var translator = new StreamTranslator(WireFormat.Anthropic, WireFormat.OpenAiResponses, includeUsage: true, Now);
        var output = new ArrayBufferWriter<byte>();
        foreach (var data in new[]
        {
            """{"type":"message_start","message":{"id":"msg_1","model":"claude-x","usage":{"input_tokens":5,"output_tokens":1}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}""",
            """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}""",
        })
        {
            Assert.True(translator.Translate(Encoding.UTF8.GetBytes(data), output).IsSuccess);
        }
        Assert.False(translator.IsClosed);
        Assert.True(translator.TryComplete(output));
        Assert.True(translator.IsClosed);
        var events = StreamHarness.Events(Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal("response.completed", events[^1].Name);
        Assert.Equal("Hello", StreamHarness.Json(events[^1].Data).GetProperty("response").GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }
}
