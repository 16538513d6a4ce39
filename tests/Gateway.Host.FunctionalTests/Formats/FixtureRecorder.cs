using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Anthropic.Core;
using Anthropic.Models.Messages;
using Anthropic;
using Gateway.Host.FunctionalTests.Support;
using Gateway.Runtime.Formats.Canonical;
using Microsoft.AspNetCore.Http;
using OpenAI.Chat;
using OpenAI;

namespace Gateway.Host.FunctionalTests.Formats;

/// <summary>
/// Re-records the golden request fixtures of tests/Gateway.Runtime.Tests/Formats/Fixtures/recorded (see the
/// README there): the real clients talk straight to a scripted fake provider on loopback, and what the fake
/// received is scrubbed (<see cref="FixtureScrubber"/>) and written into the source tree. Runs only with
/// <c>RECORD_FIXTURES=1</c>; in normal runs it does nothing, so fixtures change only when someone asks.
/// </summary>
public sealed class FixtureRecorder
{
    public const string Variable = "RECORD_FIXTURES";

    private static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    private static string OutputDir([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "Gateway.Runtime.Tests", "Formats", "Fixtures", "recorded"));

    /// <summary>The fakes parse every body as JSON; Claude Code's <c>HEAD /</c> probe has none.</summary>
    private static Func<HttpContext, Task> PostsOnly(Func<HttpContext, Task> script) => context =>
        context.Request.Method == "POST" ? script(context) : Task.CompletedTask;

    [Fact]
    public async Task Record_ClaudeCode_PlainTurnAndToolTurn()
    {
        if (!Enabled) return;
        var cli = ClaudeCode.Locate();
        Assert.NotNull(cli);
        var work = Directory.CreateTempSubdirectory("gateway-record-work-").FullName;
        try
        {
            var file = Path.Combine(work, "note.txt");
            await File.WriteAllTextAsync(file, "gateway-read-canary-7f3a\n");

            await using (var plain = await FakeUpstream.StartAsync())
            {
                plain.Handler = PostsOnly(FormatScripts.Anthropic);
                var upstream = new Uri($"http://127.0.0.1:{plain.Port}/");
                var run = await ClaudeCode.RunAsync(cli!, upstream, "claude-sonnet-4-6", "hello", allowedTools: null, work);
                Assert.Equal(FormatScripts.Text, run.ResultText);
                Write("claude-code-first-request", Messages(plain)[0], new FixtureScrubber(work, run.Home));
            }

            await using (var tool = await FakeUpstream.StartAsync())
            {
                tool.Handler = PostsOnly(FormatScripts.Anthropic);
                var upstream = new Uri($"http://127.0.0.1:{tool.Port}/");
                var run = await ClaudeCode.RunAsync(cli!, upstream, "claude-sonnet-4-6", FormatScripts.ReadPrefix + file, allowedTools: "Read", work);
                Assert.StartsWith("Tool said:", run.ResultText, StringComparison.Ordinal);
                var turns = Messages(tool);
                Assert.True(turns.Count >= 2, $"expected two Messages requests, got {turns.Count}");
                Write("claude-code-tool-turn-second-request", turns[1], new FixtureScrubber(work, run.Home));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Record_Codex_FirstRequestAndToolTurn()
    {
        if (!Enabled) return;
        var cli = Codex.Locate();
        Assert.NotNull(cli);
        var work = Directory.CreateTempSubdirectory("gateway-record-work-").FullName;
        try
        {
            var file = Path.Combine(work, "note.txt");
            await File.WriteAllTextAsync(file, "gateway-codex-canary-5c1e\n");

            await using (var plain = await FakeUpstream.StartAsync())
            {
                plain.Handler = ResponsesScripts.Native;
                var run = await Codex.RunAsync(cli!, new Uri($"http://127.0.0.1:{plain.Port}/"), "hello", work);
                Assert.Equal(FormatScripts.Text, run.FinalText);
                Write("codex-first-request", Responses(plain)[0], new FixtureScrubber(work, run.Home));
            }

            await using (var tool = await FakeUpstream.StartAsync())
            {
                tool.Handler = ResponsesScripts.Native;
                var run = await Codex.RunAsync(cli!, new Uri($"http://127.0.0.1:{tool.Port}/"), FormatScripts.ReadPrefix + file, work);
                Assert.StartsWith("Tool said:", run.FinalText, StringComparison.Ordinal);
                var turns = Responses(tool);
                Assert.True(turns.Count >= 2, $"expected two Responses requests, got {turns.Count}");
                Write("codex-tool-turn-second-request", turns[1], new FixtureScrubber(work, run.Home));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Record_AnthropicSdk_CreateWithTools_PlainAndStreaming()
    {
        if (!Enabled) return;
        await using var fake = await FakeUpstream.StartAsync();
        fake.Handler = FormatScripts.Anthropic;
        var client = new AnthropicClient(new ClientOptions { BaseUrl = $"http://127.0.0.1:{fake.Port}", ApiKey = Sentinels.CallerKey, MaxRetries = 0 });
        var ask = new MessageCreateParams
        {
            Model = "claude-sonnet-4-6",
            MaxTokens = 1024,
            System = "You are a terse assistant. Use tools when asked.",
            Messages = [new UserMessageParam("What is the weather in Paris and Oslo? " + FormatScripts.ToolTrigger)],
            Tools =
            [
                new Tool
                {
                    Name = "get_weather",
                    Description = "Current weather for a city",
                    InputSchema = new InputSchema
                    {
                        Properties = new Dictionary<string, JsonElement>
                        {
                            ["city"] = JsonSerializer.SerializeToElement(new { type = "string" }),
                            ["unit"] = JsonSerializer.SerializeToElement(new { type = "string", @enum = new[] { "c", "f" } }),
                        },
                        Required = ["city"],
                    },
                },
            ],
            StopSequences = ["END"],
        };

        await client.Messages.Create(ask);
        await foreach (var _ in client.Messages.CreateStreaming(ask)) { }

        var sent = Messages(fake);
        Write("anthropic-sdk-create-tools", sent[0], new FixtureScrubber(null, null));
        Write("anthropic-sdk-create-tools-stream", sent[1], new FixtureScrubber(null, null));
    }

    [Fact]
    public async Task Record_OpenAiSdk_ChatWithToolsAndToolResult_PlainAndStreaming()
    {
        if (!Enabled) return;
        await using var fake = await FakeUpstream.StartAsync();
        fake.Handler = FormatScripts.OpenAi;
        var client = new ChatClient("gpt-4o", new ApiKeyCredential(Sentinels.CallerKey), new OpenAIClientOptions { Endpoint = new Uri($"http://127.0.0.1:{fake.Port}/v1") });
        var options = new ChatCompletionOptions
        {
            Tools =
            {
                ChatTool.CreateFunctionTool("get_weather", "Current weather for a city",
                    BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}""")),
                ChatTool.CreateFunctionTool("get_time", "Local time for a city",
                    BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")),
            },
            ToolChoice = ChatToolChoice.CreateAutoChoice(),
            AllowParallelToolCalls = true,
            MaxOutputTokenCount = 512,
            Temperature = 0.2f,
            StopSequences = { "END" },
        };
        List<OpenAI.Chat.ChatMessage> messages =
        [
            new SystemChatMessage("You are a terse assistant."),
            new UserChatMessage("Weather in Paris and Oslo?"),
            new AssistantChatMessage(
            [
                ChatToolCall.CreateFunctionToolCall("call_a", "get_weather", BinaryData.FromString("""{"city":"Paris"}""")),
                ChatToolCall.CreateFunctionToolCall("call_b", "get_weather", BinaryData.FromString("""{"city":"Oslo","unit":"c"}""")),
            ]),
            new ToolChatMessage("call_a", "18 C, sunny"),
            new ToolChatMessage("call_b", "4 C, rain"),
        ];

        await client.CompleteChatAsync(messages, options);
        await foreach (var _ in client.CompleteChatStreamingAsync(messages, options)) { }

        var sent = fake.Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).ToList();
        Write("openai-sdk-chat-tools", sent[0], new FixtureScrubber(null, null));
        Write("openai-sdk-chat-tools-stream", sent[1], new FixtureScrubber(null, null));
    }

    [Fact]
    public async Task Record_OpenAiSdk_ResponsesWithFunctionToolAndItsOutput_PlainAndStreaming()
    {
        if (!Enabled) return;
        await using var fake = await FakeUpstream.StartAsync();
        fake.Handler = ResponsesScripts.Native;
#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK
        var client = new OpenAI.Responses.ResponsesClient(new ApiKeyCredential(Sentinels.CallerKey),
            new OpenAI.Responses.ResponsesClientOptions { Endpoint = new Uri($"http://127.0.0.1:{fake.Port}/v1") });
        OpenAI.Responses.CreateResponseOptions Options(bool stream)
        {
            var options = new OpenAI.Responses.CreateResponseOptions
            {
                Model = "gpt-5.5",
                Instructions = "You are a terse assistant.",
                MaxOutputTokenCount = 512,
                ParallelToolCallsEnabled = true,
                ToolChoice = OpenAI.Responses.ResponseToolChoice.CreateAutoChoice(),
                StreamingEnabled = stream,
            };
            options.Tools.Add(OpenAI.Responses.ResponseTool.CreateFunctionTool("get_weather",
                BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""),
                strictModeEnabled: false, functionDescription: "Current weather for a city"));
            options.InputItems.Add(OpenAI.Responses.ResponseItem.CreateUserMessageItem("Weather in Paris?"));
            options.InputItems.Add(OpenAI.Responses.ResponseItem.CreateFunctionCallItem("call_a", "get_weather", BinaryData.FromString("""{"city":"Paris"}""")));
            options.InputItems.Add(OpenAI.Responses.ResponseItem.CreateFunctionCallOutputItem("call_a", "18 C, sunny"));
            return options;
        }

        await client.CreateResponseAsync(Options(stream: false));
        await foreach (var _ in await client.CreateResponseStreamingAsync(Options(stream: true))) { }
#pragma warning restore OPENAI001

        var sent = Responses(fake);
        Write("openai-sdk-responses-tools", sent[0], new FixtureScrubber(null, null));
        Write("openai-sdk-responses-tools-stream", sent[1], new FixtureScrubber(null, null));
    }

    private static List<RecordedRequest> Responses(FakeUpstream fake) =>
        fake.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/responses", StringComparison.Ordinal)).ToList();

    private static List<RecordedRequest> Messages(FakeUpstream fake) =>
        fake.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToList();

    private static void Write(string name, RecordedRequest request, FixtureScrubber scrubber)
    {
        var dir = OutputDir();
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".json"), scrubber.Body(request.BodyText));
        File.WriteAllText(Path.Combine(dir, name + ".headers.json"), scrubber.Headers(request));
    }
}
