using System.Buffers;
using System.Text.Json.Nodes;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Formats.Responses;

namespace Gateway.Runtime.Tests.Formats;

/// <summary>
/// Issue 14: the Responses requests Codex sent (Fixtures/recorded/codex-*.json, see its README) translated
/// for a Chat Completions provider and an Anthropic one, compared with checked-in goldens
/// (<c>*.expected.json</c>, regenerated with UPDATE_GOLDEN=1), plus what docs/formats.md ("Responses")
/// promises, checked on the recorded bodies themselves.
/// </summary>
public sealed class GoldenResponsesRequestTests
{
    public static TheoryData<string> CodexBodies => new()
    {
        "codex-first-request",
        "codex-tool-turn-second-request",
    };

    /// <summary>The OpenAI .NET SDK's Responses client (Fixtures/recorded/README.md): instructions, a function tool, a call and its output.</summary>
    public static TheoryData<string> SdkBodies => new()
    {
        "openai-sdk-responses-tools",
        "openai-sdk-responses-tools-stream",
    };

    private static byte[] Recorded(string name) => Golden.Input($"recorded/{name}.json");

    private static (byte[] Translated, ResponsesRequestInfo Info) Translate(string name, WireFormat to)
    {
        var request = new ChatRequest();
        var info = new ResponsesRequestInfo();
        var read = RequestTranslation.Read(WireFormat.OpenAiResponses, Recorded(name), request, info);
        Assert.True(read.IsSuccess, $"read: {read.Error} {read.Param} {read.Message}");
        var output = new ArrayBufferWriter<byte>();
        var written = RequestTranslation.Write(to, request, output, RequestTranslationOptions.Default);
        Assert.True(written.IsSuccess, $"write: {written.Error} {written.Param} {written.Message}");
        return (output.WrittenSpan.ToArray(), info);
    }

    [Theory]
    [MemberData(nameof(CodexBodies))]
    public void X8_Golden_CodexRequest_ToOpenAiChat(string name)
    {
        var (translated, _) = Translate(name, WireFormat.OpenAiChat);
        Golden.Match($"recorded/{name}.openai.expected.json", Golden.Normalise(translated));
    }

    [Theory]
    [MemberData(nameof(CodexBodies))]
    public void X8_Golden_CodexRequest_ToAnthropic(string name)
    {
        var (translated, _) = Translate(name, WireFormat.Anthropic);
        Golden.Match($"recorded/{name}.anthropic.expected.json", Golden.Normalise(translated));
    }

    [Theory]
    [MemberData(nameof(SdkBodies))]
    public void X8_Golden_SdkResponsesRequest_ToOpenAiChat(string name)
    {
        var (translated, _) = Translate(name, WireFormat.OpenAiChat);
        Golden.Match($"recorded/{name}.openai.expected.json", Golden.Normalise(translated));
    }

    [Theory]
    [MemberData(nameof(SdkBodies))]
    public void X8_Golden_SdkResponsesRequest_ToAnthropic(string name)
    {
        var (translated, _) = Translate(name, WireFormat.Anthropic);
        Golden.Match($"recorded/{name}.anthropic.expected.json", Golden.Normalise(translated));
    }

    [Theory]
    [MemberData(nameof(SdkBodies))]
    public void X8_SdkResponsesRequest_ToChat_InstructionsToolCallAndOutput(string name)
    {
        var original = JsonNode.Parse(Recorded(name))!;
        var chat = JsonNode.Parse(Translate(name, WireFormat.OpenAiChat).Translated)!;
        var messages = chat["messages"]!.AsArray();

        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Equal((string?)original["instructions"], (string?)messages[0]!["content"]);
        Assert.Equal("user", (string?)messages[1]!["role"]);
        var call = Assert.Single(messages[2]!["tool_calls"]!.AsArray())!;
        Assert.Equal("call_a", (string?)call["id"]);
        Assert.Equal("get_weather", (string?)call["function"]!["name"]);
        Assert.Equal(("tool", "call_a", "18 C, sunny"), ((string?)messages[3]!["role"], (string?)messages[3]!["tool_call_id"], (string?)messages[3]!["content"]));
        Assert.Equal((int?)original["max_output_tokens"], (int?)(chat["max_completion_tokens"] ?? chat["max_tokens"]));
        Assert.Equal("get_weather", (string?)Assert.Single(chat["tools"]!.AsArray())!["function"]!["name"]);
        Assert.Equal((bool?)original["stream"] ?? false, (bool?)chat["stream"] ?? false);
    }

    [Theory]
    [MemberData(nameof(CodexBodies))]
    public void X8_CodexRequest_ToChat_KeepsEveryClientToolAndTheDeveloperPrompt_DropsTheHostedOnes(string name)
    {
        var original = JsonNode.Parse(Recorded(name))!;
        var (bytes, info) = Translate(name, WireFormat.OpenAiChat);
        var translated = JsonNode.Parse(bytes)!;

        // Codex runs function, custom and execution:"client" tools itself: each becomes a chat function.
        // web_search is hosted (the provider would run it): dropped, and named for x-gateway-dropped-tools.
        var tools = original["tools"]!.AsArray();
        var clientTools = tools.Where(t => (string?)t!["type"] != "web_search").ToList();
        var written = translated["tools"]!.AsArray();
        Assert.Equal(clientTools.Select(t => (string?)t!["name"] ?? (string?)t["type"]), written.Select(t => (string?)t!["function"]!["name"]));
        Assert.All(written, t => Assert.Equal("function", (string?)t!["type"]));
        foreach (var tool in clientTools.Where(t => (string?)t!["type"] == "function"))
        {
            var match = written.Single(t => (string?)t!["function"]!["name"] == (string?)tool!["name"])!;
            Assert.True(JsonNode.DeepEquals(tool!["parameters"], match["function"]!["parameters"]), $"schema of {tool["name"]} changed");
        }
        Assert.Equal(["web_search"], info.DroppedTools);
        Assert.Contains(info.CustomTools, n => System.Text.Encoding.UTF8.GetString(n) == "apply_patch");

        // No instructions: Codex's system prompt is its developer items, and every text of them reaches a system message.
        Assert.Null(original["instructions"]);
        var systemText = string.Join("\n", translated["messages"]!.AsArray().Where(m => (string?)m!["role"] == "system").Select(m => (string?)m!["content"]));
        foreach (var text in DeveloperTexts(original))
        {
            Assert.Contains(text, systemText, StringComparison.Ordinal);
        }

        // Responses-only fields have no Chat counterpart and are not forwarded.
        foreach (var field in new[] { "store", "include", "input", "prompt_cache_key", "client_metadata", "text", "reasoning" })
        {
            Assert.Null(translated[field]);
        }
        Assert.Equal((bool?)original["stream"], (bool?)translated["stream"]);
        Assert.Equal((bool?)original["parallel_tool_calls"], (bool?)translated["parallel_tool_calls"]);
    }

    [Fact]
    public void X8_CodexToolTurn_FunctionCallAndItsOutput_BecomeOneCallAndItsToolMessage()
    {
        var chat = JsonNode.Parse(Translate("codex-tool-turn-second-request", WireFormat.OpenAiChat).Translated)!;
        var messages = chat["messages"]!.AsArray();

        var call = Assert.Single(messages[^2]!["tool_calls"]!.AsArray())!;
        Assert.Equal("call_n1", (string?)call["id"]);
        Assert.Equal("exec_command", (string?)call["function"]!["name"]);
        Assert.Equal("""{"cmd":"cat /work/recorded/note.txt"}""", (string?)call["function"]!["arguments"]);
        Assert.Equal("tool", (string?)messages[^1]!["role"]);
        Assert.Equal("call_n1", (string?)messages[^1]!["tool_call_id"]);
        Assert.Contains("gateway-codex-canary-5c1e", (string?)messages[^1]!["content"], StringComparison.Ordinal);

        // To Anthropic: a tool_use block in the assistant turn, then a user turn with its tool_result.
        var anthropic = JsonNode.Parse(Translate("codex-tool-turn-second-request", WireFormat.Anthropic).Translated)!;
        var turns = anthropic["messages"]!.AsArray();
        var use = turns[^2]!["content"]!.AsArray().Single(b => (string?)b!["type"] == "tool_use")!;
        Assert.Equal("call_n1", (string?)use["id"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"cmd":"cat /work/recorded/note.txt"}"""), use["input"]));
        var result = Assert.Single(turns[^1]!["content"]!.AsArray())!;
        Assert.Equal("tool_result", (string?)result["type"]);
        Assert.Equal("call_n1", (string?)result["tool_use_id"]);
        Assert.Contains("gateway-codex-canary-5c1e", result["content"]!.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>The texts of every developer (and system) message item: where Codex puts its system prompt.</summary>
    private static IEnumerable<string> DeveloperTexts(JsonNode body) =>
        body["input"]!.AsArray()
            .Where(i => (string?)i!["role"] is "developer" or "system")
            .SelectMany(i => i!["content"] is JsonArray parts ? parts.Select(p => (string?)p!["text"] ?? "") : [(string?)i!["content"] ?? ""])
            .Where(t => t.Length > 0);
}
