using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;

namespace Gateway.Runtime.Tests.Formats;

public sealed class OpenAiToAnthropicRequestTests
{
    private static (FormatResult Result, JsonDocument? Doc) Translate(byte[] body)
    {
        var request = new ChatRequest();
        Assert.True(OpenAiChatRequestReader.Read(body, request).IsSuccess);
        var buffer = new ArrayBufferWriter<byte>();
        FormatResult result;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            result = AnthropicRequestWriter.Write(request, writer, RequestTranslationOptions.Default);
        }
        return (result, result.IsSuccess ? JsonDocument.Parse(buffer.WrittenMemory) : null);
    }

    [Fact]
    public void X1_OpenAiSdkToolRequest_MapsSystemImagesToolsAndLimits()
    {
        var (result, doc) = Translate(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Formats", "Fixtures", "openai-sdk", "chat-tools-request.json")));
        Assert.True(result.IsSuccess, result.Message);
        using var _ = doc;
        var root = doc!.RootElement;
        Assert.Equal(512, root.GetProperty("max_tokens").GetInt32());
        Assert.Equal("You are a terse assistant.", root.GetProperty("system")[0].GetProperty("text").GetString());
        var content = root.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("url", content[1].GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("image/png", content[2].GetProperty("source").GetProperty("media_type").GetString());
        Assert.StartsWith("iVBORw0KGgo", content[2].GetProperty("source").GetProperty("data").GetString(), StringComparison.Ordinal);
        Assert.Equal("END", root.GetProperty("stop_sequences")[0].GetString());
        Assert.Equal("get_weather", root.GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal("auto", root.GetProperty("tool_choice").GetProperty("type").GetString());
    }

    [Fact]
    public void X1_OpenAiSdkToolResults_MergeIntoOneUserTurnAfterTheToolUses()
    {
        var (result, doc) = Translate(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Formats", "Fixtures", "openai-sdk", "chat-tools-stream-request.json")));
        Assert.True(result.IsSuccess, result.Message);
        using var _ = doc;
        var messages = doc!.RootElement.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        var uses = messages[1].GetProperty("content");
        Assert.Equal("Paris", uses[0].GetProperty("input").GetProperty("city").GetString());
        Assert.Equal("call_b", uses[1].GetProperty("id").GetString());
        var results = messages[2].GetProperty("content");
        Assert.Equal("call_a", results[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("call_b", results[1].GetProperty("tool_use_id").GetString());
        Assert.Equal(256, doc.RootElement.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public void NGreaterThanOne_IsRefusedByName()
    {
        var (result, _) = Translate("""{"model":"m","n":2,"messages":[{"role":"user","content":"hi"}]}"""u8.ToArray());
        Assert.Equal(FormatError.UnsupportedParameter, result.Error);
        Assert.Equal("n", result.Param);
    }

    [Fact]
    public void MissingMaxTokens_UsesTheCallersDefault()
    {
        var (result, doc) = Translate("""{"model":"m","messages":[{"role":"user","content":"hi"}]}"""u8.ToArray());
        Assert.True(result.IsSuccess);
        using var _ = doc;
        Assert.Equal(4096, doc!.RootElement.GetProperty("max_tokens").GetInt32());
    }

    [Theory]
    [InlineData("""{"model":"m","reasoning_effort":"medium","messages":[{"role":"user","content":"hi"}]}""", 8192, 4096)]
    [InlineData("""{"model":"m","reasoning_effort":"high","messages":[{"role":"user","content":"hi"}]}""", 20480, 16384)]
    [InlineData("""{"model":"m","reasoning_effort":"medium","max_completion_tokens":3000,"messages":[{"role":"user","content":"hi"}]}""", 3000, 2999)]
    public void X1_ThinkingByEffort_ComesOnTopOfADefaultedLimit_AndWithinTheCallers(string body, int maxTokens, int budget)
    {
        var (result, doc) = Translate(System.Text.Encoding.UTF8.GetBytes(body));
        Assert.True(result.IsSuccess);
        using var _ = doc;

        Assert.Equal(maxTokens, doc!.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.Equal(budget, doc.RootElement.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
    }

    [Fact]
    public void ToolCallFunctionThatIsNotAnObject_IsInvalidByPath()
    {
        var request = new ChatRequest();
        var result = OpenAiChatRequestReader.Read("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":"f"}]}]}"""u8.ToArray(), request);
        Assert.Equal(FormatError.InvalidRequest, result.Error);
        Assert.Equal("messages[0].tool_calls[0].function", result.Param);
    }
}
