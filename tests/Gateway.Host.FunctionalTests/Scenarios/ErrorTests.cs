using System.Net;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;
using Gateway.Runtime.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Scenarios;

public sealed class ErrorTests
{
    public static TheoryData<string, string, int, string> GatewayErrors => new()
    {
        { "/v1/chat/completions", "not json", 400, "invalid_request" },
        { "/v1/chat/completions", """{"messages":[]}""", 400, "invalid_request" },
        { "/v1/chat/completions", """{"model":42}""", 400, "invalid_request" },
        { "/v1/chat/completions", """{"model":"smart","model":"pass-model"}""", 400, "invalid_request" },
        { "/v1/chat/completions", """{"model":"pass-model"}""", 401, "invalid_api_key" },
        { "/v1/chat/completions", """{"model":"no-such-model"}""", 404, "model_not_found" },
        { "/v1/chat/completions", """{"model":"function::nope"}""", 404, "model_not_found" },
        { "/v1/chat/completions", """{"model":"route::nope"}""", 404, "model_not_found" },
        { "/v1/chat/completions", """{"model":"nope::gpt-4o"}""", 404, "model_not_found" },
        { "/v1/embeddings", """{"model":"smart"}""", 404, "model_not_found" },
        { "/v1/audio/transcriptions", """{"model":"transcriber"}""", 400, "invalid_request" },
        { "/v1/nope", "{}", 404, "not_found" },
    };

    [Theory]
    [MemberData(nameof(GatewayErrors))]
    public async Task E1_GatewayErrors_HaveTheOpenAiShapeStatusAndCode(string path, string body, int status, string code)
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync(path, body);

        await AssertErrorAsync(response, status, code, h.Upstream.Port);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task E1_UpstreamReset_Is502_WithoutHostNamesOrStackTraces()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = context => { context.Abort(); return Task.CompletedTask; };
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""");
        await AssertErrorAsync(response, 502, "upstream_error", h.Upstream.Port);
    }

    [Fact]
    public async Task E1_UpstreamUnreachable_Is502()
    {
        await using var h = await GatewayHarness.StartAsync();
        await h.Upstream.DisposeAsync(); // nothing listens on the port any more
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""");
        await AssertErrorAsync(response, 502, "upstream_error", h.Upstream.Port);
    }

    [Fact]
    public async Task E1_UpstreamStallBeforeHeaders_Is504_AfterTheTargetTimeout_AndTheUpstreamIsCancelled()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = UpstreamScripts.StallBeforeHeaders;
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"slow"}""");
        await AssertErrorAsync(response, 504, "upstream_timeout", h.Upstream.Port);
        await h.Upstream.Aborted.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task UpstreamErrorStatusAndBody_ArePassedThrough()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = context => UpstreamScripts.Json(context, 400, """{"error":{"message":"bad temperature","type":"invalid_request_error","param":"temperature","code":null}}""");
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bad temperature", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("x-gateway-error-code"));
    }

    [Fact]
    public async Task R09_Fallback_MovesOnAfterA503_ToTheNextTarget()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = context => context.Request.Path.StartsWithSegments("/azure")
            ? UpstreamScripts.OpenAi(context)
            : UpstreamScripts.Json(context, 503, """{"error":"overloaded"}""");
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"resilient"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("azure-t", response.Headers.GetValues("x-gateway-target").Single());
        Assert.Equal(["/v1/chat/completions", "/azure/v1/chat/completions"], h.Upstream.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task R09_Fallback_DoesNotMoveOnAfterA400()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = context => UpstreamScripts.Json(context, 400, """{"error":"bad"}""");
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"resilient"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(h.Upstream.Requests);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, int status, string code, int upstreamPort)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, response.Headers.GetValues("x-gateway-error-code").Single());
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(upstreamPort.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }
}
