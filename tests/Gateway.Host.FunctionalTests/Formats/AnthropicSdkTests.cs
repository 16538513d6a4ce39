using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Formats;

/// <summary>
/// Issue 13: the official Anthropic .NET SDK, unchanged, on <c>/v1/messages</c> (SPEC §9) for a model on
/// each upstream format: "claude" is relayed to an Anthropic provider, "gpt" translated for an OpenAI one.
/// It plays a plain answer, a stream and a whole tool turn against <see cref="FormatScripts"/>.
/// </summary>
public sealed class AnthropicSdkTests
{
    private const string ToolName = "Read";
    private const string ToolResult = "three lines of text";

    /// <summary>No retries: a gateway error must fail the test, not be papered over by the SDK.</summary>
    private static AnthropicClient Anthropic(GatewayHarness h) => new(new ClientOptions
    {
        BaseUrl = h.Address.ToString().TrimEnd('/'),
        ApiKey = Sentinels.CallerKey,
        MaxRetries = 0,
        Timeout = TimeSpan.FromSeconds(20),
    });

    private static MessageCreateParams Ask(string model, string text, bool withTool = false) => new()
    {
        Model = model,
        MaxTokens = 256,
        Messages = [new UserMessageParam(text)],
        Tools = withTool ? [ReadTool] : null,
    };

    private static Tool ReadTool => new()
    {
        Name = ToolName,
        Description = "Reads a file from disk.",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement> { ["file_path"] = JsonSerializer.SerializeToElement(new { type = "string" }) },
            Required = ["file_path"],
        },
    };

    [Theory]
    [InlineData("claude", "/anth/v1/messages")]
    [InlineData("gpt", "/oai/v1/chat/completions")]
    public async Task X1_AnthropicSdk_Create_GetsTheTextAnswer(string model, string upstreamPath)
    {
        await using var h = await FormatScenario.StartAsync();

        var message = await Anthropic(h).Messages.Create(Ask(model, "Say hello"));

        Assert.Equal(FormatScripts.Text, Assert.Single(Texts(message)));
        Assert.Equal("end_turn", message.StopReason!.Raw());
        Assert.Equal(7, message.Usage.OutputTokens);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal(upstreamPath, upstream.Path);
        // Managed model: the SDK's x-api-key is the caller's, never the provider's.
        Assert.DoesNotContain(Sentinels.CallerKey, upstream.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("gpt")]
    public async Task X2_AnthropicSdk_CreateStreaming_DeltasSpellTheAnswer(string model)
    {
        await using var h = await FormatScenario.StartAsync();

        var text = new StringBuilder();
        var deltas = 0;
        string? stopReason = null;
        var stopped = false;
        await foreach (var streamEvent in Anthropic(h).Messages.CreateStreaming(Ask(model, "Say hello")))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece))
            {
                deltas++;
                text.Append(piece.Text);
            }
            if (streamEvent.TryPickDelta(out var messageDelta)) stopReason = messageDelta.Delta.StopReason?.Raw();
            if (streamEvent.TryPickStop(out _)) stopped = true;
        }

        Assert.Equal(FormatScripts.Text, text.ToString());
        Assert.True(deltas >= 2, $"the answer came in {deltas} delta(s); the fake sends several");
        Assert.Equal("end_turn", stopReason);
        Assert.True(stopped, "no message_stop");
        Assert.Contains("\"stream\":true", h.SingleUpstreamRequest().BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("gpt")]
    public async Task X1_AnthropicSdk_ToolTurn_ToolUseThenToolResult(string model)
    {
        await using var h = await FormatScenario.StartAsync();
        var client = Anthropic(h);
        var question = Ask(model, "Read the file " + FormatScripts.ToolTrigger, withTool: true);

        var first = await client.Messages.Create(question);

        Assert.Equal("tool_use", first.StopReason!.Raw());
        var toolUse = Assert.Single(first.Content.Select(b => b.TryPickToolUse(out var t) ? t : null).OfType<ToolUseBlock>());
        Assert.Equal(ToolName, toolUse.Name);
        Assert.Equal("/tmp/none.txt", Assert.Single(toolUse.Input, kv => kv.Key == "file_path").Value.GetString());
        Assert.False(string.IsNullOrEmpty(toolUse.ID));

        // The caller's next turn: its assistant turn echoed back as blocks, then the tool's result.
        var echoed = new List<ContentBlockParam>();
        foreach (var text in Texts(first)) echoed.Add(new TextBlockParam(text));
        echoed.Add(new ToolUseBlockParam { ID = toolUse.ID, Name = toolUse.Name, Input = toolUse.Input });
        var second = await client.Messages.Create(new MessageCreateParams(question)
        {
            Messages =
            [
                .. question.Messages,
                new AssistantMessageParam(echoed),
                new UserMessageParam(new List<ContentBlockParam> { new ToolResultBlockParam(toolUse.ID) { Content = ToolResult } }),
            ],
        });

        Assert.Equal("Tool said: " + ToolResult, Assert.Single(Texts(second)));
        Assert.Equal("end_turn", second.StopReason!.Raw());
        Assert.Equal(2, h.Upstream.Requests.Count);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("gpt")]
    public async Task X2_AnthropicSdk_StreamedToolUse_InputJsonDeltasRebuildTheInput(string model)
    {
        await using var h = await FormatScenario.StartAsync();

        string? toolName = null;
        long toolIndex = -1;
        var input = new StringBuilder();
        string? stopReason = null;
        await foreach (var streamEvent in Anthropic(h).Messages.CreateStreaming(Ask(model, "Read the file " + FormatScripts.ToolTrigger, withTool: true)))
        {
            if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var toolUse))
            {
                toolName = toolUse.Name;
                toolIndex = start.Index;
            }
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var json))
            {
                // Argument pieces belong to the tool_use block they were announced with (X2).
                Assert.Equal(toolIndex, delta.Index);
                input.Append(json.PartialJson);
            }
            if (streamEvent.TryPickDelta(out var messageDelta)) stopReason = messageDelta.Delta.StopReason?.Raw();
        }

        Assert.Equal(ToolName, toolName);
        using var rebuilt = JsonDocument.Parse(input.ToString());
        Assert.Equal("/tmp/none.txt", rebuilt.RootElement.GetProperty("file_path").GetString());
        Assert.Equal("tool_use", stopReason);
    }

    [Fact]
    public async Task X2_AnthropicSdk_InterleavedParallelToolCalls_EachInputRebuiltFromItsOwnBlock()
    {
        await using var h = await FormatScenario.StartAsync();

        var blocks = new Dictionary<long, (string Id, string Name, StringBuilder Input)>();
        long open = -1;
        string? stopReason = null;
        await foreach (var streamEvent in Anthropic(h).Messages.CreateStreaming(Ask("gpt", "Read both files " + FormatScripts.InterleavedTrigger, withTool: true)))
        {
            if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var toolUse))
            {
                Assert.Equal(-1, open); // Anthropic blocks are sequential: the previous one has stopped
                open = start.Index;
                blocks.Add(start.Index, (toolUse.ID, toolUse.Name, new StringBuilder()));
            }
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var json))
            {
                Assert.Equal(open, delta.Index);
                blocks[delta.Index].Input.Append(json.PartialJson);
            }
            if (streamEvent.TryPickContentBlockStop(out var stop))
            {
                Assert.Equal(open, stop.Index);
                open = -1;
            }
            if (streamEvent.TryPickDelta(out var messageDelta)) stopReason = messageDelta.Delta.StopReason?.Raw();
        }

        Assert.Equal(2, blocks.Count);
        Assert.Equal(["call_01", "call_02"], blocks.Values.Select(b => b.Id));
        Assert.All(blocks.Values, b => Assert.Equal(ToolName, b.Name));
        Assert.Equal(FormatScripts.ParallelInputs, blocks.Values.Select(b => JsonSerializer.Serialize(JsonDocument.Parse(b.Input.ToString()).RootElement)));
        Assert.Equal("tool_use", stopReason);
    }

    [Theory]
    [InlineData("claude", 42)] // the Anthropic fake's own count, forwarded
    [InlineData("gpt", 12)] // the gateway's o200k_base estimate (see MessagesIngressTests)
    public async Task X6_AnthropicSdk_CountTokens(string model, long expected)
    {
        await using var h = await FormatScenario.StartAsync();

        var count = await Anthropic(h).Messages.CountTokens(new MessageCountTokensParams
        {
            Model = model,
            Messages = [new UserMessageParam("Hello there, how are you today?")],
        });

        Assert.Equal(expected, count.InputTokens);
    }

    private static List<string> Texts(Message message) =>
        [.. message.Content.Select(b => b.TryPickText(out var t) ? t.Text : null).OfType<string>()];
}
