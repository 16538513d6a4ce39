using System.ClientModel;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>The official OpenAI .NET SDK, pointed at the gateway, must work unchanged.</summary>
public sealed class OpenAiSdkTests
{
    private static OpenAIClientOptions Options(GatewayHarness h) => new() { Endpoint = new Uri(h.Address, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(20) };

    [Theory]
    [InlineData("smart", "up-model")]
    [InlineData("pass-model", "pass-model")]
    public async Task Sdk_ChatCompletion_WorksManagedAndPassthrough(string model, string upstreamModel)
    {
        await using var h = await GatewayHarness.StartAsync();
        var client = new ChatClient(model, new ApiKeyCredential(Sentinels.CallerKey), Options(h));

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal("Hello", completion.Content[0].Text);
        Assert.Equal(upstreamModel, completion.Model);
        var expectedKey = model == "smart" ? Sentinels.GatewayKey : Sentinels.CallerKey;
        Assert.Equal("Bearer " + expectedKey, h.SingleUpstreamRequest().HeaderValues("Authorization").Single());
    }

    [Fact]
    public async Task Sdk_StreamedChatCompletion_ArrivesInPieces()
    {
        await using var h = await GatewayHarness.StartAsync();
        var client = new ChatClient("smart", new ApiKeyCredential(Sentinels.CallerKey), Options(h));

        var text = new StringBuilder();
        var updates = 0;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            updates++;
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
        }

        Assert.Equal("Hello", text.ToString());
        Assert.True(updates >= 2);
        Assert.Contains("\"stream\":true", h.SingleUpstreamRequest().BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("embedder", "embed-model", true)]
    [InlineData("embed-model", "embed-model", false)]
    public async Task Sdk_Embedding_WorksManagedAndPassthrough(string model, string upstreamModel, bool managed)
    {
        await using var h = await GatewayHarness.StartAsync();
        var client = new EmbeddingClient(model, new ApiKeyCredential(Sentinels.CallerKey), Options(h));

        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync("hello");

        Assert.Equal([0.5f, -0.25f], embedding.ToFloats().ToArray());
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal("/v1/embeddings", upstream.Path);
        Assert.Contains($"\"model\":\"{upstreamModel}\"", upstream.BodyText, StringComparison.Ordinal);
        Assert.Equal(managed ? "Bearer " + Sentinels.GatewayKey : "Bearer " + Sentinels.CallerKey, upstream.HeaderValues("Authorization").Single());
    }
}
