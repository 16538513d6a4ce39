using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.Host.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Host.FunctionalTests.Keys;

/// <summary>Gateway keys through the real host (SPEC §11): who may call, what, how often; A1 and A2 on one replica.</summary>
public sealed class GatewayKeyTests
{
    private static async Task<GatewayHarness> StartAsync(FakeTimeProvider? time = null) =>
        await GatewayHarness.StartAsync(KeyScenario.Toml, builder =>
        {
            if (time is not null) builder.Services.AddSingleton<TimeProvider>(time);
        }, KeyScenario.Credentials);

    private static Action<HttpRequestMessage> Header(string name, string value) => r => r.Headers.TryAddWithoutValidation(name, value);

    [Fact]
    public async Task A1_NoKeyOrUnknownKey_Is401InTheCallersEnvelope_WithZeroUpstreamConnections()
    {
        await using var h = await StartAsync();

        using var none = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""");
        using var unknown = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", "sk-not-a-key");
        using var anthropic = await h.PostAsync("/v1/messages", """{"model":"smart","max_tokens":5,"messages":[]}""", configure: Header("x-api-key", "sk-not-a-key"));
        using var models = await h.Client.GetAsync("/v1/models");
        using var health = await h.Client.GetAsync("/health");

        foreach (var response in new[] { none, unknown, models })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("invalid_api_key", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, anthropic.StatusCode);
        using (var body = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync()))
        {
            Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
            Assert.Equal("authentication_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("x-api-key")]
    [InlineData("api-key")]
    [InlineData("x-gateway-key")]
    public async Task A1_AKnownKey_InAnyDocumentedHeader_IsServed_AndNeverReachesTheUpstream(string header)
    {
        await using var h = await StartAsync();
        var value = header == "Authorization" ? "Bearer " + KeyScenario.Team : KeyScenario.Team;

        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", configure: Header(header, value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = h.SingleUpstreamRequest();
        Assert.Equal(["Bearer " + Sentinels.GatewayKey], upstream.HeaderValues("Authorization"));
        Sentinels.AssertAbsent(KeyScenario.Team, upstream.AllText, "upstream request");
    }

    [Fact]
    public async Task A1_ADigestKey_IsServed()
    {
        await using var h = await StartAsync();

        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"other"}""", KeyScenario.Digest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A1_AModelOutsideTheAllowList_Is403_WithZeroUpstreamConnections()
    {
        await using var h = await StartAsync();

        using var openAi = await h.PostAsync("/v1/chat/completions", """{"model":"other"}""", KeyScenario.Team);
        using var anthropic = await h.PostAsync("/v1/messages", """{"model":"claude","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""", configure: Header("x-api-key", KeyScenario.Team));
        using var passthrough = await h.PostAsync("/v1/chat/completions", """{"model":"pass-model"}""", KeyScenario.Team);

        Assert.Equal(HttpStatusCode.Forbidden, openAi.StatusCode);
        using (var body = JsonDocument.Parse(await openAi.Content.ReadAsStringAsync()))
        {
            Assert.Equal("model_not_allowed", body.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("'team'", body.RootElement.GetProperty("error").GetProperty("message").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, anthropic.StatusCode);
        using (var body = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync()))
        {
            Assert.Equal("permission_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, passthrough.StatusCode);
        Assert.Equal(0, h.Upstream.Connections);
    }

    [Fact]
    public async Task A1_Passthrough_KeepsTheCallersProviderKey_OnlyBesideXGatewayKey()
    {
        await using var h = await StartAsync();

        using var withHeader = await h.PostAsync("/v1/chat/completions", """{"model":"fake::any-model"}""", Sentinels.CallerKey, Header("x-gateway-key", KeyScenario.Passer));
        var upstream = h.SingleUpstreamRequest();
        using var keyAsBearer = await h.PostAsync("/v1/chat/completions", """{"model":"pass-model"}""", KeyScenario.Passer);

        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
        Assert.Equal(["Bearer " + Sentinels.CallerKey], upstream.HeaderValues("Authorization"));
        Assert.Empty(upstream.HeaderValues("x-gateway-key"));
        Sentinels.AssertAbsent(KeyScenario.Passer, upstream.AllText, "upstream request");
        Assert.Equal(HttpStatusCode.Unauthorized, keyAsBearer.StatusCode);
        Assert.Contains("x-gateway-key", await keyAsBearer.Content.ReadAsStringAsync());
        Assert.Single(h.Upstream.Requests);
    }

    [Fact]
    public async Task A2_RequestWindow_AdmitsItsLimit_Then429WithRetryAfterAndRateLimitHeaders_UntilTheMinuteTurns()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 20, TimeSpan.Zero));
        await using var h = await StartAsync(time);

        for (var i = 0; i < 3; i++)
        {
            using var ok = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", KeyScenario.Team);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", KeyScenario.Team);
        using var anthropicRefused = await h.PostAsync("/v1/messages", """{"model":"smart","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""", configure: Header("x-api-key", KeyScenario.Team));
        time.Advance(TimeSpan.FromSeconds(40));
        using var nextMinute = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", KeyScenario.Team);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(["3"], refused.Headers.GetValues("x-ratelimit-limit-requests"));
        Assert.Equal(["0"], refused.Headers.GetValues("x-ratelimit-remaining-requests"));
        Assert.Equal(["40s"], refused.Headers.GetValues("x-ratelimit-reset-requests"));
        using (var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("rate_limit_exceeded", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        }
        Assert.Equal((HttpStatusCode)429, anthropicRefused.StatusCode);
        using (var body = JsonDocument.Parse(await anthropicRefused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("rate_limit_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, nextMinute.StatusCode);
        Assert.Equal(4, h.Upstream.Requests.Count);
    }

    [Fact]
    public async Task KeyEndpoint_NamesTheKey_ItsLimitsAndUse_NeverTheSecret()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 20, TimeSpan.Zero));
        await using var h = await StartAsync(time);
        using var ok = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", KeyScenario.Team);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/key");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyScenario.Team);
        using var response = await h.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("team", body.RootElement.GetProperty("name").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("limits").GetProperty("requests_per_minute").GetInt32());
        Assert.Equal(1, body.RootElement.GetProperty("usage").GetProperty("requests").GetInt32());
        Assert.Equal(40, body.RootElement.GetProperty("usage").GetProperty("minute_resets_in_s").GetInt32());
        Sentinels.AssertAbsent(KeyScenario.Team, text, "GET /v1/key");
    }

    [Fact]
    public async Task A1_AKeptConnection_HashesItsBearerKeyOnce_AndAnUnknownKeyIsNeverRemembered()
    {
        await using var h = await StartAsync();
        var table = h.App.Services.GetRequiredService<Gateway.Runtime.Keys.KeyAdmission>().Table;

        for (var i = 0; i < 5; i++)
        {
            using var ok = await h.PostAsync("/v1/chat/completions", """{"model":"other"}""", KeyScenario.Digest);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        var afterValid = table.Hashed;
        for (var i = 0; i < 3; i++)
        {
            using var refused = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", "sk-unknown");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Equal(1, afterValid); // one connection (HttpClient keeps it), one hash
        Assert.Equal(afterValid + 3, table.Hashed);
        Assert.Equal(1, h.Upstream.Connections);
    }

    [Fact]
    public async Task A1_KeysNeverAppearInLogs()
    {
        await using var h = await StartAsync();
        using var a = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", KeyScenario.Team);
        using var b = await h.PostAsync("/v1/chat/completions", """{"model":"other"}""", KeyScenario.Team);
        using var c = await h.PostAsync("/v1/chat/completions", """{"model":"smart"}""", KeyScenario.Team + "x");
        using var d = await h.PostAsync("/v1/chat/completions", """{"model":"fake::m"}""", Sentinels.CallerKey, Header("x-gateway-key", KeyScenario.Passer));

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, d.StatusCode);
        foreach (var secret in new[] { KeyScenario.Team, KeyScenario.Passer, KeyScenario.Spender, KeyScenario.Digest, Sentinels.CallerKey })
        {
            Sentinels.AssertAbsent(secret, h.Logs.Text, "logs");
        }
    }
}
