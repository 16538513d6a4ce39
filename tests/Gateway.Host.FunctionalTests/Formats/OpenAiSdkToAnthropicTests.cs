using System.ClientModel;
using System.Text.Json;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using OpenAI.Chat;
using OpenAI;

namespace Gateway.Host.FunctionalTests.Formats;

/// <summary>
/// Issue 13: the official OpenAI .NET SDK, unchanged, on <c>/v1/chat/completions</c> for "claude", whose
/// provider speaks Anthropic Messages (SPEC §9): plain answer, stream and a whole tool turn against
/// <see cref="FormatScripts"/>.
/// </summary>
public sealed class OpenAiSdkToAnthropicTests
{
    private const string ToolName = "Read";
    private const string ToolResult = "three lines of text";

    private static ChatClient OpenAiForClaude(GatewayHarness h) =>
        new("claude", new ApiKeyCredential(Sentinels.CallerKey), new OpenAIClientOptions { Endpoint = new Uri(h.Address, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(20) });

    private static ChatCompletionOptions WithReadTool() => new()
    {
        Tools =
        {
            ChatTool.CreateFunctionTool(ToolName, "Reads a file from disk.",
                BinaryData.FromString("""{"type":"object","properties":{"file_path":{"type":"string"}},"required":["file_path"]}""")),
        },
    };

    [Fact]
    public async Task X1_OpenAiSdk_ToAnthropicProvider_CompleteChat()
    {
        await using var h = await FormatScenario.StartAsync();

        ChatCompletion completion = await OpenAiForClaude(h).CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal(FormatScripts.Text, Assert.Single(completion.Content).Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(7, completion.Usage.OutputTokenCount);
        Assert.Equal("/anth/v1/messages", h.SingleUpstreamRequest().Path);
    }

    [Fact]
    public async Task X2_OpenAiSdk_ToAnthropicProvider_StreamedChat()
    {
        await using var h = await FormatScenario.StartAsync();

        var text = new StringBuilder();
        var pieces = 0;
        ChatFinishReason? finish = null;
        await foreach (var update in OpenAiForClaude(h).CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                pieces++;
                text.Append(part.Text);
            }
            finish ??= update.FinishReason;
        }

        Assert.Equal(FormatScripts.Text, text.ToString());
        Assert.True(pieces >= 2, $"the answer came in {pieces} piece(s); the fake sends several");
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal("/anth/v1/messages", h.SingleUpstreamRequest().Path);
    }

    [Fact]
    public async Task X1_OpenAiSdk_ToAnthropicProvider_ToolCallThenToolResult()
    {
        await using var h = await FormatScenario.StartAsync();
        var client = OpenAiForClaude(h);
        var options = WithReadTool();
        List<ChatMessage> messages = [new UserChatMessage("Read the file " + FormatScripts.ToolTrigger)];

        ChatCompletion first = await client.CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal(ToolName, call.FunctionName);
        using (var arguments = JsonDocument.Parse(call.FunctionArguments))
        {
            Assert.Equal("/tmp/none.txt", arguments.RootElement.GetProperty("file_path").GetString());
        }
        Assert.False(string.IsNullOrEmpty(call.Id));

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, ToolResult));
        ChatCompletion second = await client.CompleteChatAsync(messages, options);

        Assert.Equal("Tool said: " + ToolResult, Assert.Single(second.Content).Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal(2, h.Upstream.Requests.Count);
    }

    [Fact]
    public async Task X2_OpenAiSdk_ToAnthropicProvider_StreamedToolCallArguments()
    {
        await using var h = await FormatScenario.StartAsync();

        string? name = null;
        var arguments = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in OpenAiForClaude(h).CompleteChatStreamingAsync([new UserChatMessage("Read the file " + FormatScripts.ToolTrigger)], WithReadTool()))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                Assert.Equal(0, call.Index);
                name ??= call.FunctionName;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }
            finish ??= update.FinishReason;
        }

        Assert.Equal(ToolName, name);
        using var rebuilt = JsonDocument.Parse(arguments.ToString());
        Assert.Equal("/tmp/none.txt", rebuilt.RootElement.GetProperty("file_path").GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }
}
