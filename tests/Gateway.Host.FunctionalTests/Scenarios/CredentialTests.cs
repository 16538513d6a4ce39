using System.Net;
using Gateway.Host.FunctionalTests.Support;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Scenarios;

public sealed class CredentialTests
{
    private static void AddEveryCallerCredential(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("api-key", Sentinels.CallerKey);
        request.Headers.TryAddWithoutValidation("x-api-key", Sentinels.CallerKey);
        request.Headers.TryAddWithoutValidation("x-goog-api-key", Sentinels.CallerKey);
    }

    [Fact]
    public async Task S1_ManagedRoute_NeverForwardsCallerKey_AndSendsExactlyTheGatewayBearer()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", Sentinels.CallerKey, AddEveryCallerCredential);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal(["Bearer " + Sentinels.GatewayKey], upstream.HeaderValues("Authorization"));
        Assert.Empty(upstream.HeaderValues("api-key"));
        Assert.Empty(upstream.HeaderValues("x-api-key"));
        Assert.Empty(upstream.HeaderValues("x-goog-api-key"));
        Sentinels.AssertAbsent(Sentinels.CallerKey, upstream.AllText, "upstream request");
    }

    [Fact]
    public async Task S1_ManagedRoute_PresentsTheKeyInTheProvidersApiKeyHeader_WithStaticHeaders()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"azure-smart"}""", Sentinels.CallerKey, AddEveryCallerCredential);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal("/azure/v1/chat/completions", upstream.Path);
        Assert.Equal([Sentinels.GatewayKey], upstream.HeaderValues("api-key"));
        Assert.Empty(upstream.HeaderValues("Authorization"));
        Assert.Equal(["static-value"], upstream.HeaderValues("x-static"));
        Sentinels.AssertAbsent(Sentinels.CallerKey, upstream.AllText, "upstream request");
    }

    [Fact]
    public async Task S1_ManagedRoute_PresentsTheKeyAsAQueryParameter_ForQueryParamProviders()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions?key=" + Sentinels.CallerKey, """{"model":"gem-smart"}""", Sentinels.CallerKey, AddEveryCallerCredential);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal("/gem/v1/chat/completions", upstream.Path);
        Assert.Equal("?key=" + Uri.EscapeDataString(Sentinels.GatewayKey), upstream.Query);
        Assert.Empty(upstream.HeaderValues("Authorization"));
        Sentinels.AssertAbsent(Sentinels.CallerKey, upstream.AllText, "upstream request");
    }

    [Fact]
    public async Task S2_Passthrough_ForwardsTheCallerKeyUnchanged_AndNeverTheGatewayKey()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"pass-model"}""", Sentinels.CallerKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("passthrough", response.Headers.GetValues("x-gateway-route").Single());
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal(["Bearer " + Sentinels.CallerKey], upstream.HeaderValues("Authorization"));
        Assert.Equal("""{"model":"pass-model"}""", upstream.BodyText);
        Sentinels.AssertAbsent(Sentinels.GatewayKey, upstream.AllText, "upstream request");
    }

    [Theory]
    [InlineData("pass-model")]
    [InlineData("fake::anything-new")]
    public async Task S2_Passthrough_WithoutCallerKey_Is401_WithZeroUpstreamConnections(string model)
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", $$"""{"model":"{{model}}"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", response.Headers.GetValues("x-gateway-error-code").Single());
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task S2_Passthrough_WithAnEmptyBearerToken_Is401_WithZeroUpstreamConnections()
    {
        await using var h = await GatewayHarness.StartAsync();
        var raw = await RawClient.PostAsync(h, "/v1/chat/completions", """{"model":"pass-model"}""", "Authorization: Bearer \r\nConnection: close\r\n");

        Assert.StartsWith("HTTP/1.1 401", raw, StringComparison.Ordinal);
        Assert.Contains("invalid_api_key", raw, StringComparison.Ordinal);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task S2_Passthrough_WithTwoAuthorizationHeaders_TakesNeither_Is401_WithZeroUpstreamConnections()
    {
        await using var h = await GatewayHarness.StartAsync();
        var raw = await RawClient.PostAsync(h, "/v1/chat/completions", """{"model":"pass-model"}""",
            "Authorization: Bearer " + Sentinels.CallerKey + "\r\nAuthorization: Bearer sk-other\r\nConnection: close\r\n");

        Assert.StartsWith("HTTP/1.1 401", raw, StringComparison.Ordinal);
        Assert.Contains("invalid_api_key", raw, StringComparison.Ordinal);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task S1_ManagedRoute_NeverForwardsTheCallersCookies()
    {
        await using var h = await GatewayHarness.StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", configure: r =>
            r.Headers.TryAddWithoutValidation("Cookie", "session=" + Sentinels.CallerKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Empty(upstream.HeaderValues("Cookie"));
        Sentinels.AssertAbsent(Sentinels.CallerKey, upstream.AllText, "upstream request");
    }

    [Fact]
    public async Task S4_ManagedUpstream401_Becomes502_WithoutTheUpstreamBody_AndNoSecretAnywhere()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Upstream.Handler = context =>
        {
            // A provider that echoes the key it rejected, in the body and in a header.
            context.Response.Headers["x-echo"] = context.Request.Headers.Authorization.ToString();
            return UpstreamScripts.Json(context, 401, $$$"""{"error":{"message":"Incorrect API key provided: {{{context.Request.Headers.Authorization}}}"}}""");
        };
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", Sentinels.CallerKey);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_auth_failed", response.Headers.GetValues("x-gateway-error-code").Single());
        var clientBytes = response.ToString() + await response.Content.ReadAsStringAsync();
        Sentinels.AssertAbsent(Sentinels.GatewayKey, clientBytes, "client response");
        Sentinels.AssertAbsent(Sentinels.CallerKey, clientBytes, "client response");
        Sentinels.AssertAbsent(Sentinels.GatewayKey, h.Logs.Text, "logs");
        Sentinels.AssertAbsent(Sentinels.CallerKey, h.Logs.Text, "logs");
    }

    [Fact]
    public async Task S4_NoSecretReachesLogsOrTheClient_AcrossManagedPassthroughAndFailures()
    {
        await using var h = await GatewayHarness.StartAsync();
        var responses = new List<string>();
        foreach (var model in new[] { "smart", "azure-smart", "gem-smart", "pass-model", "nope" })
        {
            using var r = await h.PostAsync("/v1/chat/completions", $$"""{"model":"{{model}}"}""", Sentinels.CallerKey);
            responses.Add(r + await r.Content.ReadAsStringAsync());
        }
        h.Upstream.Handler = context => { context.Abort(); return Task.CompletedTask; };
        using (var r = await h.PostAsync("/v1/chat/completions", """{"model":"gem-smart"}""", Sentinels.CallerKey))
        {
            responses.Add(r + await r.Content.ReadAsStringAsync());
        }

        Sentinels.AssertAbsent(Sentinels.GatewayKey, string.Join("\n", responses), "client responses");
        Sentinels.AssertAbsent(Sentinels.GatewayKey, h.Logs.Text, "logs");
        Sentinels.AssertAbsent(Sentinels.CallerKey, h.Logs.Text, "logs");
        Assert.NotEmpty(h.Logs.Text);
    }
}
