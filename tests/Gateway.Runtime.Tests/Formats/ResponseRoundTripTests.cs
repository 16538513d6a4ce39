using System.Text.Json;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;
using static Gateway.Runtime.Tests.Formats.ResponseTranslation;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>Reader then writer of one format keeps every field the canonical model holds (X1: round trips).</summary>
public sealed class ResponseRoundTripTests
{
    [Fact]
    public void X1_AnthropicRoundTrip_KeepsSignedThinkingToolUseStopSequenceAndUsage()
    {
        var body = Utf8("""
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-6",
             "content":[{"type":"thinking","thinking":"Plan \u2014 then act.","signature":"sig=="},
                        {"type":"redacted_thinking","data":"ENCRYPTED"},
                        {"type":"text","text":"Done"},
                        {"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/a","limit":[1,2]}}],
             "stop_reason":"stop_sequence","stop_sequence":"END",
             "usage":{"input_tokens":5,"cache_creation_input_tokens":7,"cache_read_input_tokens":11,"output_tokens":13}}
            """);
        var response = new ChatResponse();
        Assert.True(AnthropicResponseReader.Read(body, response).IsSuccess);
        var (result, doc) = Write(writer => AnthropicResponseWriter.Write(response, writer));
        Assert.True(result.IsSuccess);
        using var _ = doc;
        var root = doc!.RootElement;
        Assert.Equal("msg_01", root.GetProperty("id").GetString());
        var content = root.GetProperty("content");
        Assert.Equal("Plan — then act.", content[0].GetProperty("thinking").GetString());
        Assert.Equal("sig==", content[0].GetProperty("signature").GetString());
        Assert.Equal("redacted_thinking", content[1].GetProperty("type").GetString());
        Assert.Equal("ENCRYPTED", content[1].GetProperty("data").GetString());
        Assert.Equal("Done", content[2].GetProperty("text").GetString());
        Assert.Equal("""{"file_path":"/a","limit":[1,2]}""", content[3].GetProperty("input").GetRawText());
        Assert.Equal("stop_sequence", root.GetProperty("stop_reason").GetString());
        Assert.Equal("END", root.GetProperty("stop_sequence").GetString());
        var usage = root.GetProperty("usage");
        Assert.Equal(5, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(7, usage.GetProperty("cache_creation_input_tokens").GetInt64());
        Assert.Equal(11, usage.GetProperty("cache_read_input_tokens").GetInt64());
        Assert.Equal(13, usage.GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public void X1_OpenAiRoundTrip_KeepsIdCreatedToolCallsAndUsageDetails()
    {
        var response = new ChatResponse();
        Assert.True(OpenAiChatResponseReader.Read(Fixture("upstream/openai-chat-tool-calls-response.json"), response).IsSuccess);
        var (result, doc) = Write(writer => OpenAiChatResponseWriter.Write(response, writer, Now));
        Assert.True(result.IsSuccess);
        using var _ = doc;
        var root = doc!.RootElement;
        Assert.Equal("chatcmpl-CfX3k9vQ2b7TzLwA1", root.GetProperty("id").GetString());
        Assert.Equal(1796310000, root.GetProperty("created").GetInt64());
        var choice = root.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var calls = choice.GetProperty("message").GetProperty("tool_calls");
        Assert.Equal(2, calls.GetArrayLength());
        // The arguments string is copied as it arrived: its JSON still holds the model's \u escapes.
        var arguments = calls[1].GetProperty("function").GetProperty("arguments").GetString()!;
        Assert.Equal("{\"city\":\"Tokyo \\u6771\\u4eac\",\"unit\":\"celsius\"}", arguments);
        using var parsed = JsonDocument.Parse(arguments);
        Assert.Equal("Tokyo 東京", parsed.RootElement.GetProperty("city").GetString());
        var usage = root.GetProperty("usage");
        Assert.Equal(2006, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(1920, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64());
        Assert.Equal(0, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt64());
    }

    [Fact]
    public void X1_UnsignedThinkingTheGatewayWrote_IsNotSentBackToAnthropic()
    {
        // An OpenAI upstream's reasoning reaches an Anthropic caller with "signature": ""; the caller
        // sends it back next turn, and Anthropic rejects a thinking block without a valid signature.
        var request = new ChatRequest();
        Assert.True(AnthropicRequestReader.Read(Utf8("""
            {"model":"m","max_tokens":100,"messages":[
              {"role":"user","content":"hi"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"Greet them.","signature":""},{"type":"text","text":"Hello"}]},
              {"role":"user","content":"again"}]}
            """), request).IsSuccess);
        var (result, doc) = Write(writer => AnthropicRequestWriter.Write(request, writer, Gateway.Runtime.Formats.RequestTranslationOptions.Default));
        Assert.True(result.IsSuccess);
        using var _ = doc;
        var assistant = doc!.RootElement.GetProperty("messages")[1].GetProperty("content");
        Assert.Equal("text", Assert.Single(assistant.EnumerateArray()).GetProperty("type").GetString());
    }
}
