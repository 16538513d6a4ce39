using System.Buffers;
using System.Text.Json.Nodes;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>
/// Issue 13: requests real clients sent (Fixtures/recorded, see its README) translated for the other
/// format and compared with checked-in goldens (<c>*.expected.json</c>, regenerated with UPDATE_GOLDEN=1),
/// plus the properties docs/formats.md promises, checked on the recorded bodies themselves.
/// </summary>
public sealed class GoldenRequestTests
{
    public static TheoryData<string> AnthropicBodies => new()
    {
        "claude-code-first-request",
        "claude-code-tool-turn-second-request",
        "anthropic-sdk-create-tools",
        "anthropic-sdk-create-tools-stream",
    };

    public static TheoryData<string> OpenAiBodies => new()
    {
        "openai-sdk-chat-tools",
        "openai-sdk-chat-tools-stream",
    };

    private static byte[] Recorded(string name) => Golden.Input($"recorded/{name}.json");

    private static byte[] Translate(WireFormat from, byte[] body, WireFormat to)
    {
        var request = new ChatRequest();
        var read = RequestTranslation.Read(from, body, request);
        Assert.True(read.IsSuccess, $"read: {read.Error} {read.Param} {read.Message}");
        var output = new ArrayBufferWriter<byte>();
        var written = RequestTranslation.Write(to, request, output, RequestTranslationOptions.Default);
        Assert.True(written.IsSuccess, $"write: {written.Error} {written.Param} {written.Message}");
        return output.WrittenSpan.ToArray();
    }

    [Theory]
    [MemberData(nameof(AnthropicBodies))]
    public void X1_Golden_AnthropicRequest_ToOpenAiChat(string name)
    {
        var translated = Translate(WireFormat.Anthropic, Recorded(name), WireFormat.OpenAiChat);
        Golden.Match($"recorded/{name}.openai.expected.json", Golden.Normalise(translated));
    }

    [Theory]
    [MemberData(nameof(OpenAiBodies))]
    public void X1_Golden_OpenAiRequest_ToAnthropic(string name)
    {
        var translated = Translate(WireFormat.OpenAiChat, Recorded(name), WireFormat.Anthropic);
        Golden.Match($"recorded/{name}.anthropic.expected.json", Golden.Normalise(translated));
    }

    [Theory]
    [MemberData(nameof(AnthropicBodies))]
    public void X1_AnthropicRequest_ToOpenAi_KeepsEveryToolWithItsSchema_AndTheWholeSystemPrompt(string name)
    {
        var original = JsonNode.Parse(Recorded(name))!;
        var translated = JsonNode.Parse(Translate(WireFormat.Anthropic, Recorded(name), WireFormat.OpenAiChat))!;

        var tools = original["tools"]!.AsArray();
        var written = translated["tools"]!.AsArray();
        Assert.Equal(tools.Count, written.Count);
        for (var i = 0; i < tools.Count; i++)
        {
            Assert.Equal("function", (string?)written[i]!["type"]);
            Assert.Equal((string?)tools[i]!["name"], (string?)written[i]!["function"]!["name"]);
            Assert.Equal((string?)tools[i]!["description"], (string?)written[i]!["function"]!["description"]);
            Assert.True(JsonNode.DeepEquals(tools[i]!["input_schema"], written[i]!["function"]!["parameters"]), $"schema of {tools[i]!["name"]} changed");
        }

        // Every piece of system text, top-level or a role:"system" entry inside messages, reaches a system message.
        var systemText = string.Join("\n", translated["messages"]!.AsArray().Where(m => (string?)m!["role"] == "system").Select(m => (string?)m!["content"]));
        foreach (var text in SystemTexts(original))
        {
            Assert.Contains(text, systemText, StringComparison.Ordinal);
        }
        // Hints OpenAI has no field for are dropped, never forwarded (docs/formats.md): none of cache_control,
        // metadata, context_management, and no reasoning_effort unless the host asks for it.
        var text2 = translated.ToJsonString();
        Assert.DoesNotContain("cache_control", text2, StringComparison.Ordinal);
        Assert.Null(translated["metadata"]);
        Assert.Null(translated["context_management"]);
        Assert.Null(translated["thinking"]);
        Assert.Null(translated["reasoning_effort"]);
        Assert.Equal((bool?)original["stream"] ?? false, (bool?)translated["stream"] ?? false);
    }

    [Theory]
    [MemberData(nameof(AnthropicBodies))]
    public void X1_AnthropicRequest_RoundTrip_ThroughOpenAiAndBack_KeepsToolsAndSystemText(string name)
    {
        var original = JsonNode.Parse(Recorded(name))!;
        var openAi = Translate(WireFormat.Anthropic, Recorded(name), WireFormat.OpenAiChat);
        var back = JsonNode.Parse(Translate(WireFormat.OpenAiChat, openAi, WireFormat.Anthropic))!;

        Assert.Equal(
            original["tools"]!.AsArray().Select(t => (t!["name"]!.ToJsonString(), t["input_schema"]!.ToJsonString())),
            back["tools"]!.AsArray().Select(t => (t!["name"]!.ToJsonString(), t["input_schema"]!.ToJsonString())));
        var backSystem = back["system"] is JsonArray blocks ? string.Join("\n", blocks.Select(b => (string?)b!["text"])) : (string?)back["system"] ?? "";
        foreach (var text in SystemTexts(original))
        {
            Assert.Contains(text, backSystem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void X1_ClaudeCodeAdaptiveThinking_BecomesItsEffort_OnlyForTargetsKnownToReason()
    {
        // Claude Code sends thinking {type: adaptive} with output_config.effort "high" on every turn.
        var request = new ChatRequest();
        var body = Recorded("claude-code-first-request");
        Assert.True(RequestTranslation.Read(WireFormat.Anthropic, body, request).IsSuccess);
        var output = new ArrayBufferWriter<byte>();
        Assert.True(RequestTranslation.Write(WireFormat.OpenAiChat, request, output, RequestTranslationOptions.Default with { MapThinkingToReasoningEffort = true }).IsSuccess);

        var translated = JsonNode.Parse(output.WrittenSpan)!;
        Assert.Equal("high", (string?)translated["reasoning_effort"]);
        Assert.Null(translated["thinking"]);
        Assert.Null(translated["output_config"]);
    }

    [Fact]
    public void X1_ClaudeCodeToolTurn_ToolUseAndToolResult_BecomeOneCallAndItsToolMessage()
    {
        var translated = JsonNode.Parse(Translate(WireFormat.Anthropic, Recorded("claude-code-tool-turn-second-request"), WireFormat.OpenAiChat))!;
        var messages = translated["messages"]!.AsArray();

        var call = Assert.Single(messages[^2]!["tool_calls"]!.AsArray())!;
        Assert.Equal("toolu_01", (string?)call["id"]);
        Assert.Equal("Read", (string?)call["function"]!["name"]);
        Assert.Equal("""{"file_path":"/work/recorded/note.txt"}""", (string?)call["function"]!["arguments"]);
        Assert.Equal("tool", (string?)messages[^1]!["role"]);
        Assert.Equal("toolu_01", (string?)messages[^1]!["tool_call_id"]);
        Assert.Equal("1\tgateway-read-canary-7f3a\n2\t", (string?)messages[^1]!["content"]);
    }

    [Theory]
    [MemberData(nameof(OpenAiBodies))]
    public void X1_OpenAiRequest_ToAnthropic_KeepsToolsSystemAndToolTurn(string name)
    {
        var original = JsonNode.Parse(Recorded(name))!;
        var translated = JsonNode.Parse(Translate(WireFormat.OpenAiChat, Recorded(name), WireFormat.Anthropic))!;

        Assert.Equal(
            original["tools"]!.AsArray().Select(t => (t!["function"]!["name"]!.ToJsonString(), t["function"]!["parameters"]!.ToJsonString())),
            translated["tools"]!.AsArray().Select(t => (t!["name"]!.ToJsonString(), t["input_schema"]!.ToJsonString())));
        // The system message moves to the top-level system; none stays inside messages.
        var system = translated["system"] is JsonArray blocks ? string.Join("\n", blocks.Select(b => (string?)b!["text"])) : (string?)translated["system"];
        Assert.Equal("You are a terse assistant.", system);
        var messages = translated["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => (string?)m!["role"]));
        // Both parallel calls become tool_use blocks with their arguments as objects...
        var uses = messages[1]!["content"]!.AsArray();
        Assert.Equal(["call_a", "call_b"], uses.Select(b => (string?)b!["id"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"city":"Oslo","unit":"c"}"""), uses[1]!["input"]));
        // ...and the two tool messages one user turn of tool_result blocks, in order.
        var results = messages[2]!["content"]!.AsArray();
        Assert.Equal(["call_a", "call_b"], results.Select(b => (string?)b!["tool_use_id"]));
        Assert.Equal(512, (int?)translated["max_tokens"]);
        Assert.Equal(["END"], translated["stop_sequences"]!.AsArray().Select(s => (string?)s));
        Assert.Equal((bool?)original["stream"] ?? false, (bool?)translated["stream"] ?? false);
        Assert.Null(translated["stream_options"]);
    }

    /// <summary>The texts of the top-level system (string or blocks) and of role:"system" entries inside messages.</summary>
    private static IEnumerable<string> SystemTexts(JsonNode body)
    {
        IEnumerable<string> Texts(JsonNode? content) => content switch
        {
            JsonArray parts => parts.Select(p => (string?)p!["text"] ?? ""),
            JsonValue value => [(string?)value ?? ""],
            _ => [],
        };
        var inMessages = body["messages"]!.AsArray().Where(m => (string?)m!["role"] == "system").SelectMany(m => Texts(m!["content"]));
        return Texts(body["system"]).Concat(inMessages).Where(t => t.Length > 0);
    }
}
