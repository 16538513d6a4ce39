using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Anthropic;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.OpenAiChat;

namespace Gateway.Runtime.Tests.Formats;

public sealed class AnthropicToOpenAiRequestTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Formats", "Fixtures", name));

    private static JsonDocument Translate(byte[] body)
    {
        var request = new ChatRequest();
        Assert.True(AnthropicRequestReader.Read(body, request).IsSuccess);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Assert.True(OpenAiChatRequestWriter.Write(request, writer, RequestTranslationOptions.Default).IsSuccess);
        }
        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    [Fact]
    public void X1_ClaudeCodeFirstRequest_KeepsSystemToolsAndMidConversationSystem()
    {
        using var doc = Translate(Fixture("claude-code/plain-request.json"));
        var root = doc.RootElement;
        Assert.Equal("claude-opus-4-8", root.GetProperty("model").GetString());
        Assert.Equal(64000, root.GetProperty("max_completion_tokens").GetInt32());
        Assert.True(root.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(24, root.GetProperty("tools").GetArrayLength());
        Assert.Equal("Agent", root.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        var roles = root.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToArray();
        Assert.Equal(new string?[] { "system", "user", "system" }, roles);
        Assert.StartsWith("x-anthropic-billing-header", root.GetProperty("messages")[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        // Hints are dropped, never forwarded to an OpenAI provider.
        Assert.False(root.TryGetProperty("metadata", out _));
        Assert.False(root.TryGetProperty("context_management", out _));
        Assert.False(root.TryGetProperty("reasoning_effort", out _));
    }

    [Fact]
    public void X1_ClaudeCodeToolTurn_BecomesToolCallAndToolMessage()
    {
        using var doc = Translate(Fixture("claude-code/tool-turn2-request.json"));
        var messages = doc.RootElement.GetProperty("messages").EnumerateArray().ToArray();
        var assistant = messages[^2];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        Assert.Equal("I will read the file.", assistant.GetProperty("content").GetString());
        var call = assistant.GetProperty("tool_calls")[0];
        Assert.Equal("toolu_rec_1", call.GetProperty("id").GetString());
        Assert.Equal("Read", call.GetProperty("function").GetProperty("name").GetString());
        using var args = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal("/tmp/fmtrec/work/hello.txt", args.RootElement.GetProperty("file_path").GetString());
        var tool = messages[^1];
        Assert.Equal("tool", tool.GetProperty("role").GetString());
        Assert.Equal("toolu_rec_1", tool.GetProperty("tool_call_id").GetString());
        Assert.Contains("hello from the fixture file", tool.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void X1_SystemBlocks_BecomeOneSystemMessage_OneBlockPerLine()
    {
        // Claude Code's first system block is a billing header ending in ';': joined bare, the model would
        // read "…sdk-cli;You are a Claude agent" as one line (found by the recorded golden).
        using var doc = Translate("""{"model":"m","max_tokens":5,"system":[{"type":"text","text":"x-header: a=1;"},{"type":"text","text":"You are \"terse\".","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"hi"}]}"""u8.ToArray());
        var system = doc.RootElement.GetProperty("messages")[0];
        Assert.Equal("system", system.GetProperty("role").GetString());
        Assert.Equal("x-header: a=1;\nYou are \"terse\".", system.GetProperty("content").GetString());
    }

    [Fact]
    public void TopK_IsRefusedByName_WhenTheTargetIsOpenAi()
    {
        var request = new ChatRequest();
        Assert.True(AnthropicRequestReader.Read("""{"model":"m","max_tokens":5,"top_k":3,"messages":[{"role":"user","content":"hi"}]}"""u8.ToArray(), request).IsSuccess);
        using var writer = new Utf8JsonWriter(new ArrayBufferWriter<byte>());
        var result = OpenAiChatRequestWriter.Write(request, writer, RequestTranslationOptions.Default);
        Assert.Equal(FormatError.UnsupportedParameter, result.Error);
        Assert.Equal("top_k", result.Param);
    }
}
