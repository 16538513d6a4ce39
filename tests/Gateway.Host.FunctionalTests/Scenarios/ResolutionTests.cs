using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Scenarios;

public sealed class ResolutionTests
{
    [Theory]
    [InlineData("""{"model":"route::smart"}""", "smart", "up-model")]
    [InlineData("""{"model":"function::summarize"}""", "summarize", "up-model")]
    [InlineData("""{"model":"summarize"}""", "summarize", "up-model")]
    [InlineData("""{"model":"sm\u0061rt"}""", "smart", "up-model")]
    public async Task ManagedPrefixesAndFunctions_ResolveAndRewriteTheModel(string body, string route, string upstreamModel)
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(route, response.Headers.GetValues("x-gateway-route").Single());
        Assert.Equal("fake", response.Headers.GetValues("x-gateway-provider").Single());
        using var json = JsonDocument.Parse(h.SingleUpstreamRequest().Body);
        Assert.Equal(upstreamModel, json.RootElement.GetProperty("model").GetString());
        Assert.Equal(route == "summarize", response.Headers.Contains("x-gateway-function"));
    }

    [Fact]
    public async Task ProviderPrefix_IsPassthrough_WithThePrefixStripped_AndOtherBytesUnchanged()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", "{ \"model\" : \"fake::brand-new\", \"n\": 1.0 }", Sentinels.CallerKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{ \"model\" : \"brand-new\", \"n\": 1.0 }", h.SingleUpstreamRequest().BodyText);
    }

    [Fact]
    public async Task Transcription_FindsTheModelFormField_AndRewritesIt()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var form = new MultipartFormDataContent("gw-boundary");
        form.Add(new ByteArrayContent([0x52, 0x49, 0x46, 0x46, 0, 1, 2, 255]) { Headers = { ContentType = new MediaTypeHeaderValue("audio/wav") } }, "file", "a.wav");
        form.Add(new StringContent("transcriber"), "model");
        using var response = await h.Client.PostAsync("/v1/audio/transcriptions", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal("/v1/audio/transcriptions", upstream.Path);
        var text = Encoding.Latin1.GetString(upstream.Body);
        Assert.Contains("\r\n\r\nwhisper-1\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("transcriber", text, StringComparison.Ordinal);
        Assert.Contains("multipart/form-data", upstream.HeaderValues("Content-Type").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsEndpoints_ListEveryCallableName_AndFindOne()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var list = JsonDocument.Parse(await h.Client.GetStringAsync("/v1/models"));
        var ids = list.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("smart", ids);
        Assert.Contains("summarize", ids);
        Assert.Contains("pass-model", ids);

        using var one = JsonDocument.Parse(await h.Client.GetStringAsync("/v1/models/pass-model"));
        Assert.Equal("fake", one.RootElement.GetProperty("owned_by").GetString());
        using var missing = await h.Client.GetAsync("/v1/models/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Health_IsOk_AndReadyWhileServing()
    {
        await using var h = await GatewayHarness.StartAsync();
        Assert.Equal("""{"status":"ok"}""", await h.Client.GetStringAsync("/health"));
        using var ready = await h.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
