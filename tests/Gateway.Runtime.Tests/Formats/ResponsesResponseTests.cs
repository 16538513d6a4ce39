using System.Text.Json;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;
using Gateway.Runtime.Formats.Responses;
using Gateway.Runtime.Formats;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>Issue 14: a whole Chat or Anthropic answer written as a Responses <c>response</c> object.</summary>
public sealed class ResponsesResponseTests
{
    private static ResponsesRequestInfo CustomApplyPatch()
    {
        var info = new ResponsesRequestInfo();
        info.CustomTools.Add("apply_patch"u8.ToArray());
        return info;
    }

    private static JsonElement FromOpenAi(string body, ResponsesRequestInfo? info = null)
    {
        var response = new ChatResponse();
        var read = OpenAiChatResponseReader.Read(ResponseTranslation.Utf8(body), response);
        Assert.True(read.IsSuccess, read.Message);
        var (result, doc) = ResponseTranslation.Write(writer => ResponsesResponseWriter.Write(response, writer, ResponseTranslation.Now, info));
        Assert.True(result.IsSuccess, result.Message);
        return doc!.RootElement;
    }

    [Fact]
    public void X1_ChatAnswerWithTextAndCalls_BecomesMessageFunctionAndCustomCallItems()
    {
        var root = FromOpenAi("""
        {"id":"chatcmpl-1","object":"chat.completion","created":1764800000,"model":"gpt-4.1",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Patching \"README\".","tool_calls":[
           {"id":"call_a","type":"function","function":{"name":"exec_command","arguments":"{\"cmd\":\"ls\"}"}},
           {"id":"call_b","type":"function","function":{"name":"apply_patch","arguments":"{\"input\":\"*** Begin Patch\\n*** End Patch\"}"}}]},
           "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,
           "prompt_tokens_details":{"cached_tokens":100},"completion_tokens_details":{"reasoning_tokens":12}}}
        """, CustomApplyPatch());

        Assert.Equal("resp_chatcmpl-1", root.GetProperty("id").GetString());
        Assert.Equal("response", root.GetProperty("object").GetString());
        Assert.Equal(1764800000, root.GetProperty("created_at").GetInt64());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("incomplete_details").ValueKind);
        Assert.Equal("gpt-4.1", root.GetProperty("model").GetString());

        var output = root.GetProperty("output").EnumerateArray().ToList();
        Assert.Equal(["message", "function_call", "custom_tool_call"], output.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("assistant", output[0].GetProperty("role").GetString());
        Assert.Equal("output_text", output[0].GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal("Patching \"README\".", output[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.StartsWith("msg_", output[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("call_a", output[1].GetProperty("call_id").GetString());
        Assert.Equal("{\"cmd\":\"ls\"}", output[1].GetProperty("arguments").GetString());
        Assert.StartsWith("fc_", output[1].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("apply_patch", output[2].GetProperty("name").GetString());
        Assert.Equal("*** Begin Patch\n*** End Patch", output[2].GetProperty("input").GetString());
        Assert.Equal(3, output.Select(i => i.GetProperty("id").GetString()).Distinct().Count());

        var usage = root.GetProperty("usage");
        Assert.Equal(120, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(100, usage.GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt64());
        Assert.Equal(30, usage.GetProperty("output_tokens").GetInt64());
        Assert.Equal(12, usage.GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt64());
        Assert.Equal(150, usage.GetProperty("total_tokens").GetInt64());
    }

    [Fact]
    public void X1_WithoutCustomTools_ACallIsAFunctionCall()
    {
        var root = FromOpenAi("""
        {"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,
          "tool_calls":[{"id":"call_b","type":"function","function":{"name":"apply_patch","arguments":"{\"input\":\"x\"}"}}]},"finish_reason":"tool_calls"}]}
        """);
        var item = Assert.Single(root.GetProperty("output").EnumerateArray());
        Assert.Equal("function_call", item.GetProperty("type").GetString());
        Assert.Equal(0, root.GetProperty("usage").GetProperty("input_tokens").GetInt64());
    }

    [Theory]
    [InlineData("length", "max_output_tokens")]
    [InlineData("content_filter", "content_filter")]
    public void X1_StoppedEarly_IsIncompleteWithItsReason(string finishReason, string reason)
    {
        var root = FromOpenAi($$"""
        {"id":"chatcmpl-3","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Once upon"},"finish_reason":"{{finishReason}}"}]}
        """);
        Assert.Equal("incomplete", root.GetProperty("status").GetString());
        Assert.Equal(reason, root.GetProperty("incomplete_details").GetProperty("reason").GetString());
    }

    [Fact]
    public void X1_AnthropicThinkingAndText_BecomeReasoningSummaryThenMessage()
    {
        var response = new ChatResponse();
        var read = AnthropicResponseReader.Read(ResponseTranslation.Utf8("""
        {"id":"msg_01A","type":"message","role":"assistant","model":"claude-x","stop_reason":"end_turn","stop_sequence":null,
         "content":[{"type":"thinking","thinking":"Two plus two.","signature":"sig=="},{"type":"text","text":"4"},{"type":"text","text":" (sure)"}],
         "usage":{"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":3}}
        """), response);
        Assert.True(read.IsSuccess, read.Message);
        var (result, doc) = ResponseTranslation.Write(writer => ResponsesResponseWriter.Write(response, writer, ResponseTranslation.Now));
        Assert.True(result.IsSuccess, result.Message);
        var root = doc!.RootElement;

        Assert.Equal("resp_msg_01A", root.GetProperty("id").GetString());
        Assert.Equal(ResponseTranslation.Now.ToUnixTimeSeconds(), root.GetProperty("created_at").GetInt64());
        var output = root.GetProperty("output").EnumerateArray().ToList();
        Assert.Equal(["reasoning", "message"], output.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("Two plus two.", output[0].GetProperty("summary")[0].GetProperty("text").GetString());
        Assert.False(output[0].TryGetProperty("encrypted_content", out _));
        Assert.Equal(["4", " (sure)"], output[1].GetProperty("content").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
        Assert.Equal(15, root.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(5, root.GetProperty("usage").GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt64());
    }
}
