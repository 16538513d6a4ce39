using System.Net;
using System.Net.Http.Headers;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Stored;

/// <summary>
/// SPEC §10 with <c>[keys]</c>: any valid gateway key uses a managed table; a passthrough table follows the
/// passthrough-model rules (the key's <c>passthrough = true</c>, the key in <c>x-gateway-key</c>, the caller's
/// own provider key in <c>Authorization</c>). The gateway key never goes upstream.
/// </summary>
public sealed class StoredApiKeyTests
{
    private static Task<GatewayHarness> StartAsync() =>
        GatewayHarness.StartAsync(StoredScenario.WithKeys, credentials: KeyScenario.Credentials);

    private static HttpRequestMessage Get(string path, string? bearer, string? gatewayKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (gatewayKey is not null) request.Headers.TryAddWithoutValidation("x-gateway-key", gatewayKey);
        return request;
    }

    [Fact]
    public async Task X9_WithoutAGatewayKey_Is401_BeforeAnyUpstreamWork()
    {
        await using var h = await StartAsync();

        using var response = await h.Client.SendAsync(Get("/v1/responses/resp_1", Sentinels.CallerKey));

        await ErrorAssert.OpenAiAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task X9_ManagedTable_AnyValidKey_GetsTheGatewaysCredentialUpstream()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = context => UpstreamScripts.Json(context, 200, "{}");

        using var response = await h.Client.SendAsync(Get("/v1/responses/resp_1", KeyScenario.Team));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var up = h.SingleUpstreamRequest();
        Assert.Equal("Bearer " + Sentinels.GatewayKey, Assert.Single(up.HeaderValues("Authorization")));
        Sentinels.AssertAbsent(KeyScenario.Team, up.AllText, "the upstream request");
    }

    [Fact]
    public async Task X9_PassthroughTable_KeyWithoutPassthrough_Is403()
    {
        await using var h = await StartAsync();

        using var response = await h.Client.SendAsync(Get("/v1/files", Sentinels.CallerKey, KeyScenario.Team));

        var message = await ErrorAssert.OpenAiAsync(response, HttpStatusCode.Forbidden, "model_not_allowed");
        Assert.Contains("'team'", message, StringComparison.Ordinal);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task X9_PassthroughTable_GatewayKeyAsTheApiKey_Is401_SayingToUseXGatewayKey()
    {
        await using var h = await StartAsync();

        using var response = await h.Client.SendAsync(Get("/v1/files", KeyScenario.Passer));

        var message = await ErrorAssert.OpenAiAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Contains("x-gateway-key", message, StringComparison.Ordinal);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task X9_PassthroughTable_PassthroughKey_ForwardsTheCallersOwnKeyOnly()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = context => UpstreamScripts.Json(context, 200, """{"object":"list","data":[]}""");

        using var response = await h.Client.SendAsync(Get("/v1/files?limit=1", Sentinels.CallerKey, KeyScenario.Passer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var up = h.SingleUpstreamRequest();
        Assert.Equal(("/oai/v1/files", "?limit=1"), (up.Path, up.Query));
        Assert.Equal("Bearer " + Sentinels.CallerKey, Assert.Single(up.HeaderValues("Authorization")));
        Assert.Empty(up.HeaderValues("x-gateway-key"));
        Sentinels.AssertAbsent(KeyScenario.Passer, up.AllText, "the upstream request");
        Sentinels.AssertAbsent(Sentinels.GatewayKey, up.AllText, "the upstream request");
    }
}
