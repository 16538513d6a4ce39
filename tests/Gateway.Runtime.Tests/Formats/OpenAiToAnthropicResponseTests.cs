using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;
using static Gateway.Runtime.Tests.Formats.ResponseTranslation;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>An OpenAI upstream's completion as an Anthropic caller receives it.</summary>
public sealed class OpenAiToAnthropicResponseTests
{
    private static JsonElement Translate(string json, out JsonDocument doc)
    {
        var (result, translated) = OpenAiToAnthropic(Utf8(json));
        Assert.True(result.IsSuccess, result.Message);
        doc = translated!;
        return doc.RootElement;
    }

    [Fact]
    public void X1_ParallelToolCallsFixture_BecomeToolUseBlocksWithObjectInputs()
    {
        var (result, doc) = OpenAiToAnthropic(Fixture("upstream/openai-chat-tool-calls-response.json"));
        Assert.True(result.IsSuccess, result.Message);
        using var _ = doc;
        var root = doc!.RootElement;
        Assert.Equal("msg_chatcmpl-CfX3k9vQ2b7TzLwA1", root.GetProperty("id").GetString());
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.Equal("assistant", root.GetProperty("role").GetString());
        Assert.Equal("gpt-4.1-2025-04-14", root.GetProperty("model").GetString());
        var content = root.GetProperty("content");
        Assert.Equal(2, content.GetArrayLength());
        Assert.Equal("tool_use", content[0].GetProperty("type").GetString());
        Assert.Equal("call_a", content[0].GetProperty("id").GetString());
        Assert.Equal("get_weather", content[0].GetProperty("name").GetString());
        Assert.Equal("Paris", content[0].GetProperty("input").GetProperty("city").GetString());
        Assert.Equal("call_b", content[1].GetProperty("id").GetString());
        // The \u escapes inside the arguments string are decoded once, into the input object.
        Assert.Equal("Tokyo 東京", content[1].GetProperty("input").GetProperty("city").GetString());
        Assert.Equal("tool_use", root.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stop_sequence").ValueKind);
        var usage = root.GetProperty("usage");
        // OpenAI's prompt_tokens include the cached ones; Anthropic's input_tokens do not.
        Assert.Equal(2006 - 1920, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(1920, usage.GetProperty("cache_read_input_tokens").GetInt64());
        Assert.Equal(0, usage.GetProperty("cache_creation_input_tokens").GetInt64());
        Assert.Equal(61, usage.GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public void X1_FixtureReadsIntoTheCanonicalModel()
    {
        var body = Fixture("upstream/openai-chat-tool-calls-response.json");
        var response = new ChatResponse();
        Assert.True(OpenAiChatResponseReader.Read(body, response).IsSuccess);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796310000), response.CreatedAt);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(2006, response.Usage.InputTokenCount);
        Assert.Equal(1920, response.Usage.CachedInputTokenCount);
        Assert.Equal(0, response.Usage.ReasoningTokenCount);
        var call = Assert.IsType<FunctionCallContent>(response.Contents[1]);
        // Kept as the encoded slice the upstream sent, not re-serialised.
        Assert.Equal("\"{\\\"city\\\":\\\"Tokyo \\\\u6771\\\\u4eac\\\",\\\"unit\\\":\\\"celsius\\\"}\"", System.Text.Encoding.UTF8.GetString(call.ArgumentsString.Encoded));
    }

    [Fact]
    public void X1_TextAndReasoning_BecomeThinkingThenTextBlocks()
    {
        var root = Translate("""
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"deepseek-reasoner",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello \"there\"","reasoning_content":"Greet them."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"completion_tokens_details":{"reasoning_tokens":3}}}
            """, out var doc);
        using var _ = doc;
        var content = root.GetProperty("content");
        Assert.Equal("thinking", content[0].GetProperty("type").GetString());
        Assert.Equal("Greet them.", content[0].GetProperty("thinking").GetString());
        // No signature exists across formats; the request writer never sends an empty one to Anthropic.
        Assert.Equal("", content[0].GetProperty("signature").GetString());
        Assert.Equal("text", content[1].GetProperty("type").GetString());
        Assert.Equal("Hello \"there\"", content[1].GetProperty("text").GetString());
        Assert.Equal("end_turn", root.GetProperty("stop_reason").GetString());
        Assert.Equal(10, root.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(5, root.GetProperty("usage").GetProperty("output_tokens").GetInt64());
    }

    [Theory]
    [InlineData("stop", "end_turn")]
    [InlineData("length", "max_tokens")]
    [InlineData("tool_calls", "tool_use")]
    [InlineData("content_filter", "refusal")]
    [InlineData("something_new", "end_turn")]
    public void X1_FinishReason_MapsToStopReason(string finish, string stop)
    {
        var root = Translate($$"""
            {"id":"chatcmpl-1","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":"{{finish}}"}]}
            """, out var doc);
        using var _ = doc;
        Assert.Equal(stop, root.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public void X1_ToolCallsWithFinishReasonStop_StillEndInToolUse()
    {
        // Some OpenAI-compatible servers say "stop" after tool calls; an Anthropic client would not run them.
        var root = Translate("""
            {"id":"x","model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":null,
              "tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]}}]}
            """, out var doc);
        using var _ = doc;
        Assert.Equal("tool_use", root.GetProperty("stop_reason").GetString());
        // OpenAI's "" for a call without arguments is Anthropic's empty object.
        Assert.Equal(JsonValueKind.Object, root.GetProperty("content")[0].GetProperty("input").ValueKind);
    }

    [Fact]
    public void X1_Refusal_BecomesTextWithStopReasonRefusal()
    {
        var root = Translate("""
            {"id":"x","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I can't help with that."},"finish_reason":"stop"}]}
            """, out var doc);
        using var _ = doc;
        Assert.Equal("I can't help with that.", root.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("refusal", root.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public void X1_OnlyTheFirstChoiceIsTranslated()
    {
        var root = Translate("""
            {"id":"x","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"first"},"finish_reason":"stop"},
                                             {"index":1,"message":{"role":"assistant","content":"second"},"finish_reason":"length"}]}
            """, out var doc);
        using var _ = doc;
        Assert.Equal(1, root.GetProperty("content").GetArrayLength());
        Assert.Equal("first", root.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("end_turn", root.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public void X1_MissingIdAndUsage_GetAMadeUpIdAndZeroCounts()
    {
        var root = Translate("""{"model":"m","choices":[{"message":{"content":"hi"},"finish_reason":"stop"}]}""", out var doc);
        using var _ = doc;
        Assert.StartsWith("msg_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("id").GetString()!.Length > 4);
        Assert.Equal(0, root.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(0, root.GetProperty("usage").GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public void X1_ArgumentsThatAreNotJson_AreABadUpstreamAnswerNotAnException()
    {
        var (result, _) = OpenAiToAnthropic(Utf8("""
            {"id":"x","model":"m","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
              "tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}},
                            {"id":"call_2","type":"function","function":{"name":"f","arguments":"{\"city\": \"Par"}}]}}]}
            """));
        Assert.Equal(FormatError.InvalidUpstreamResponse, result.Error);
        Assert.Contains("tool call 1", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"id":"x","model":"m"}""")]
    [InlineData("""{"id":"x","choices":[]}""")]
    [InlineData("""{"error":{"message":"overloaded","type":"server_error"}}""")]
    [InlineData("""{"id":"x","choices":[{"message":"hi"}]}""")]
    [InlineData("""{"id":"x","choices":[{"message":{"tool_calls":[{"type":"function","function":{"name":"f"}}]}}]}""")]
    [InlineData("""{"id":"x","choices":[{"message":{"content":"cut off""")]
    [InlineData("""{"id":"x","choices":[{"message":{"content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1}} trailing""")]
    public void X1_MalformedUpstreamBody_IsInvalidUpstreamResponse(string body)
    {
        var response = new ChatResponse();
        var result = OpenAiChatResponseReader.Read(Utf8(body), response);
        Assert.Equal(FormatError.InvalidUpstreamResponse, result.Error);
        Assert.NotNull(result.Message);
    }
}
