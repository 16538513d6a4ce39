using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using static Gateway.Runtime.Tests.Formats.ResponseTranslation;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>An Anthropic upstream's message as an OpenAI Chat caller receives it.</summary>
public sealed class AnthropicToOpenAiResponseTests
{
    private static JsonElement Translate(string json, out JsonDocument doc)
    {
        var (result, translated) = AnthropicToOpenAi(Utf8(json));
        Assert.True(result.IsSuccess, result.Message);
        doc = translated!;
        return doc.RootElement;
    }

    [Fact]
    public void X1_ToolUseFixture_BecomesAssistantMessageWithToolCalls()
    {
        var (result, doc) = AnthropicToOpenAi(Fixture("upstream/anthropic-tool-use-response.json"));
        Assert.True(result.IsSuccess, result.Message);
        using var _ = doc;
        var root = doc!.RootElement;
        Assert.Equal("chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL", root.GetProperty("id").GetString());
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), root.GetProperty("created").GetInt64());
        Assert.Equal("claude-sonnet-4-6", root.GetProperty("model").GetString());
        var choice = Assert.Single(root.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        // Thinking has no Chat Completions field: only the text is the content.
        Assert.Equal("I will read the file \"hello.txt\".", message.GetProperty("content").GetString());
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("toolu_01A09q90qw90lq917835lq9", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("Read", call.GetProperty("function").GetProperty("name").GetString());
        using var args = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal("/tmp/fmtrec/work/hello.txt", args.RootElement.GetProperty("file_path").GetString());
        var usage = root.GetProperty("usage");
        // Anthropic's input_tokens exclude cache reads and writes; OpenAI's prompt_tokens include them.
        Assert.Equal(12 + 1500 + 18000, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(96, usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(12 + 1500 + 18000 + 96, usage.GetProperty("total_tokens").GetInt64());
        Assert.Equal(18000, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64());
    }

    [Fact]
    public void X1_FixtureReadsIntoTheCanonicalModelInOrder()
    {
        var response = new ChatResponse();
        Assert.True(AnthropicResponseReader.Read(Fixture("upstream/anthropic-tool-use-response.json"), response).IsSuccess);
        var thinking = Assert.IsType<TextReasoningContent>(response.Contents[0]);
        Assert.StartsWith("EqQBCgIYAhIM", thinking.Signature.ToString(), StringComparison.Ordinal);
        Assert.IsType<TextContent>(response.Contents[1]);
        Assert.IsType<FunctionCallContent>(response.Contents[2]);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Null(response.CreatedAt);
        Assert.Equal(1500, response.Usage.CacheCreationInputTokenCount);
    }

    [Fact]
    public void X1_SeveralTextBlocks_AreJoinedIntoOneContentString()
    {
        var root = Translate("""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6",
             "content":[{"type":"text","text":"Line one\n"},{"type":"text","text":"and \u00e9 two"}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":4}}
            """, out var doc);
        using var _ = doc;
        var message = root.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("Line one\nand é two", message.GetProperty("content").GetString());
        Assert.False(message.TryGetProperty("tool_calls", out var _unused));
        Assert.Equal("chatcmpl-msg_1", root.GetProperty("id").GetString());
        Assert.Equal(7, root.GetProperty("usage").GetProperty("total_tokens").GetInt64());
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    public void X1_StopReason_MapsToFinishReason(string stop, string finish)
    {
        var root = Translate($$$"""
            {"id":"msg_1","type":"message","model":"m","content":[{"type":"text","text":"x"}],"stop_reason":"{{{stop}}}","usage":{"input_tokens":1,"output_tokens":1}}
            """, out var doc);
        using var _ = doc;
        Assert.Equal(finish, root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void X1_ToolUseOnly_HasNullContent()
    {
        var root = Translate("""
            {"id":"msg_1","type":"message","model":"m","content":[{"type":"tool_use","id":"toolu_1","name":"f","input":{}}],"stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1}}
            """, out var doc);
        using var _ = doc;
        var message = root.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.Equal("{}", message.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>bad gateway</html>")]
    [InlineData("\"message\"")]
    [InlineData("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")]
    [InlineData("""{"id":"msg_1","type":"message","model":"m","stop_reason":"end_turn"}""")]
    [InlineData("""{"id":"msg_1","type":"message","content":"hi"}""")]
    [InlineData("""{"id":"msg_1","type":"message","content":[{"type":"tool_use","input":{}}]}""")]
    [InlineData("""{"id":"msg_1","type":"message","content":[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}]}""")]
    [InlineData("""{"id":"msg_1","type":7,"content":[]}""")]
    [InlineData("""{"id":"msg_1","type":"message","content":[{"type":"text","text":"cut""")]
    public void X1_MalformedUpstreamBody_IsInvalidUpstreamResponse(string body)
    {
        var response = new ChatResponse();
        var result = AnthropicResponseReader.Read(Utf8(body), response);
        Assert.Equal(FormatError.InvalidUpstreamResponse, result.Error);
        Assert.NotNull(result.Message);
    }
}
