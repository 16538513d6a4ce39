using System.Net;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>
/// E1 / E2: a 404 <c>model_not_found</c> names the model (bounded) and the endpoint, and says where the model
/// is served when it exists on another endpoint (SPEC §6).
/// </summary>
public sealed class ModelNotFoundMessageTests
{
    /// <summary>The default scenario plus one model served as routes on three non-chat endpoints.</summary>
    private const string ThreeEndpointsToml = Scenario.Default + """


        [routes.multi-embed]
        models = ["multi"]
        endpoint = "embeddings"
        targets = ["embed-t"]

        [routes.multi-speech]
        models = ["multi"]
        endpoint = "audio_speech"
        targets = ["primary"]

        [routes.multi-image]
        models = ["multi"]
        endpoint = "image_generation"
        targets = ["primary"]
        """;

    [Theory]
    [InlineData("/v1/chat/completions", "gpt-5", "The model 'gpt-5' does not exist on this gateway.")]
    [InlineData("/v1/chat/completions", "route::nope", "The model 'route::nope' does not exist on this gateway.")]
    [InlineData("/v1/chat/completions", "nope::gpt-4o", "The model 'nope::gpt-4o' does not exist on this gateway.")]
    [InlineData("/v1/embeddings", "smart", "The model 'smart' is not served on /v1/embeddings; it is served on /v1/chat/completions.")]
    [InlineData("/v1/embeddings", "route::smart", "The model 'route::smart' is not served on /v1/embeddings; it is served on /v1/chat/completions.")]
    [InlineData("/v1/images/generations", "summarize", "The model 'summarize' is not served on /v1/images/generations; it is served on /v1/chat/completions.")]
    [InlineData("/v1/chat/completions", "embedder", "The model 'embedder' is not served on /v1/chat/completions; it is served on /v1/embeddings.")]
    public async Task E1_ModelNotFound_NamesTheModelAndTheEndpoint(string path, string model, string message)
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync(path, $$"""{"model":"{{model}}"}""");

        await AssertModelNotFoundAsync(response, message);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task E1_ModelServedOnSeveralOtherEndpoints_ListsThemAll()
    {
        await using var h = await GatewayHarness.StartAsync(ThreeEndpointsToml);
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"multi"}""");

        await AssertModelNotFoundAsync(response, "The model 'multi' is not served on /v1/chat/completions; it is served on /v1/embeddings, /v1/audio/speech and /v1/images/generations.");
    }

    [Fact]
    public async Task E2_ALongUnknownModel_IsCutTo128CharsInTheMessage()
    {
        await using var h = await GatewayHarness.StartAsync();
        var model = new string('m', 5000);
        using var response = await h.PostAsync("/v1/chat/completions", $$"""{"model":"{{model}}"}""");

        await AssertModelNotFoundAsync(response, "The model '" + new string('m', 128) + "…' does not exist on this gateway.");
    }

    [Fact]
    public async Task E1_ChatModelAskedOnMessages_IsNamedInTheAnthropicEnvelope()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/messages", """{"model":"embedder","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_found", response.Headers.GetValues("x-gateway-error-code").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("not_found_error", error.GetProperty("type").GetString());
        Assert.Equal("The model 'embedder' is not served on /v1/messages; it is served on /v1/embeddings.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task E1_AnthropicPassthroughModel_OnEmbeddings_SaysItIsServedOnChat()
    {
        await using var h = await FormatScenario.StartAsync();
        using var response = await h.PostAsync("/v1/embeddings", """{"model":"claude-up","input":"hi"}""", Sentinels.CallerKey);

        await AssertModelNotFoundAsync(response, "The model 'claude-up' is not served on /v1/embeddings; it is served on /v1/chat/completions.");
        Assert.Empty(h.Upstream.Requests);
    }

    private static async Task AssertModelNotFoundAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_found", response.Headers.GetValues("x-gateway-error-code").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }
}
