using System.ClientModel;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using OpenAI.Responses;

namespace Gateway.Host.FunctionalTests.Formats;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK

/// <summary>
/// Issue 14: the official OpenAI .NET SDK's Responses client, unchanged, on <c>/v1/responses</c> (SPEC §10):
/// native (relayed to a provider that serves Responses), translated to a chat-only provider and to an
/// Anthropic one. Create, stream, and a function tool round trip.
/// </summary>
public sealed class OpenAiSdkResponsesTests
{
    private static ResponsesClient Client(GatewayHarness h) =>
        new(new ApiKeyCredential(Sentinels.CallerKey), new ResponsesClientOptions { Endpoint = new Uri(h.Address, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(20) });

    private static CreateResponseOptions Ask(string model, string text)
    {
        var options = new CreateResponseOptions { Model = model };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem(text));
        return options;
    }

    [Theory]
    [InlineData("native", "/oai/v1/responses")]
    [InlineData("chat", "/chat/v1/chat/completions")]
    [InlineData("claude", "/anth/v1/messages")]
    public async Task X1_OpenAiSdkResponses_Create(string model, string path)
    {
        await using var h = await ResponsesScenario.StartAsync();

        ResponseResult result = await Client(h).CreateResponseAsync(Ask(model, "Say hello"));

        Assert.Equal(FormatScripts.Text, result.GetOutputText());
        Assert.True(result.Usage.OutputTokenCount > 0);
        Assert.Equal(path, h.SingleUpstreamRequest().Path);
    }

    [Theory]
    [InlineData("native")]
    [InlineData("chat")]
    [InlineData("claude")]
    public async Task X2_OpenAiSdkResponses_Stream(string model)
    {
        await using var h = await ResponsesScenario.StartAsync();

        var text = new StringBuilder();
        ResponseResult? completed = null;
        var options = Ask(model, "Say hello");
        options.StreamingEnabled = true;
        await foreach (var update in await Client(h).CreateResponseStreamingAsync(options))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta) text.Append(delta.Delta);
            if (update is StreamingResponseCompletedUpdate done) completed = done.Response;
        }

        Assert.Equal(FormatScripts.Text, text.ToString());
        Assert.NotNull(completed);
        Assert.True(completed.Usage.OutputTokenCount > 0);
    }

    [Theory]
    [InlineData("native")]
    [InlineData("chat")]
    [InlineData("claude")]
    public async Task X1_OpenAiSdkResponses_FunctionToolRoundTrip(string model)
    {
        await using var h = await ResponsesScenario.StartAsync();
        var client = Client(h);
        var tool = ResponseTool.CreateFunctionTool("get_weather",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""),
            strictModeEnabled: false, functionDescription: "Weather for a city");
        var first = Ask(model, FormatScripts.ToolTrigger + " what is the weather?");
        first.Tools.Add(tool);

        ResponseResult called = await client.CreateResponseAsync(first);

        var call = called.OutputItems.OfType<FunctionCallResponseItem>().Single();
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal(FormatScripts.ToolInput, call.FunctionArguments.ToString());

        // Stateless on every route: the client sends the conversation back with the tool's output.
        var second = Ask(model, FormatScripts.ToolTrigger + " what is the weather?");
        second.InputItems.Add(ResponseItem.CreateFunctionCallItem(call.CallId, call.FunctionName, call.FunctionArguments));
        second.InputItems.Add(ResponseItem.CreateFunctionCallOutputItem(call.CallId, "sunny"));
        second.Tools.Add(tool);
        ResponseResult answer = await client.CreateResponseAsync(second);

        Assert.Equal("Tool said: sunny", answer.GetOutputText());
    }
}
