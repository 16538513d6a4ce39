using System.Net;
using Gateway.Host.FunctionalTests.Support;
using static Gateway.Host.FunctionalTests.Support.ProviderScripts;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>R09 (what moves on), S3 (each attempt's own key), timeouts per target, degraded mode.</summary>
// R09's timeout test asserts a wall-clock bound (300 ms, not 3 s): it ran 12 s once in CI while the Keys
// child-process tests were building the host beside it, so this class runs with the timing-sensitive ones.
[Collection(TimingSensitiveCollection.Name)]
public sealed class RetryPolicyTests
{
    private static Task<GatewayHarness> StartAsync() => GatewayHarness.StartAsync(ResilienceScenario.Toml);

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(529)]
    public async Task R09_RetryableStatus_FallsBackToTheNextTarget(int status)
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(status));
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"fb"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tb", response.Headers.GetValues("x-gateway-target").Single());
        Assert.Equal((1, 1), (h.Upstream.Count("a"), h.Upstream.Count("b")));
        Assert.False(response.Headers.Contains("x-upstream-secret-header")); // the failed attempt's headers stay behind
        Assert.Contains("Attempts=2", await h.Logs.CompletedAsync(200), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task R09_OtherStatus_IsReturnedAsIs_AfterOneAttempt(int status)
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(status));
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"fb"}""");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal($$$"""{"error":{"message":"upstream says {{{status}}}","type":"test"}}""", await response.Content.ReadAsStringAsync());
        Assert.Equal((1, 0), (h.Upstream.Count("a"), h.Upstream.Count("b")));
    }

    [Fact]
    public async Task R09_Upstream401OnPassthrough_IsReturnedAsIs_AfterOneAttempt()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(401));
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"pa::m-a"}""", Sentinels.CallerKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("upstream says 401", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, h.Upstream.Count("a"));
    }

    [Fact]
    public async Task R09_Upstream401OnAManagedRoute_Is502_WithoutFallingBack()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(401));
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"fb"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_auth_failed", response.Headers.GetValues("x-gateway-error-code").Single());
        Assert.Equal((1, 0), (h.Upstream.Count("a"), h.Upstream.Count("b")));
    }

    [Fact]
    public async Task R09_ConnectionRefused_FallsBackToTheNextTarget()
    {
        await using var h = await StartAsync();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"dead-fb"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tb", response.Headers.GetValues("x-gateway-target").Single());
        Assert.Equal(1, h.Upstream.Count("b"));
        Assert.Contains("Reason=ConnectionFailed", h.Logs.Text, StringComparison.Ordinal);
        Assert.Contains("Attempts=2", await h.Logs.CompletedAsync(200), StringComparison.Ordinal);
    }

    [Fact]
    public async Task R09_TimeoutBeforeHeaders_UsesTheTargetsOwnTimeout_ThenFallsBack()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: UpstreamScripts.StallBeforeHeaders);
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"slow-fb"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 1), (h.Upstream.Count("a"), h.Upstream.Count("b")));
        Assert.InRange(started.ElapsedMilliseconds, 250, 2900); // ta-slow's 300 ms, not the 3000 ms default
        Assert.Contains("Reason=Timeout", h.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R09_RetriesOfOneTarget_AreCappedByMaxRetries_ThenTheLastErrorIsReturned()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(500));
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"rt"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(3, h.Upstream.Count("a")); // 1 + max_retries (2); a single target has no degraded attempt
    }

    [Fact]
    public async Task DegradedMode_AllTargetsFail_FirstIsTriedOnceMore_ThenTheLastErrorIsReturned()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(503), b: Status(500), c: Status(502));
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"fb3"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode); // the degraded attempt's own answer
        Assert.Equal("ta", response.Headers.GetValues("x-gateway-target").Single());
        Assert.Equal(["a", "b", "c", "a"], h.Upstream.Requests.Select(r => r.Path[1..2]));
        Assert.Contains("Next=Degraded", h.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DegradedMode_AllTargetsUnreachable_Is502()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(b: context => { context.Abort(); return Task.CompletedTask; });
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"dead-fb"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", response.Headers.GetValues("x-gateway-error-code").Single());
        Assert.Equal(1, h.Upstream.Count("b")); // dead, b, dead (degraded)
        Assert.Contains("Attempts=3", await h.Logs.CompletedAsync(502), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_EachAttemptUsesItsOwnTargetsCredential()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(503));
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"fb"}""", Sentinels.CallerKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var a = Assert.Single(h.Upstream.Of("a"));
        var b = Assert.Single(h.Upstream.Of("b"));
        Assert.Equal(["Bearer " + Sentinels.GatewayKey], a.HeaderValues("Authorization"));
        Assert.Equal(["Bearer " + Sentinels.GatewayKeyB], b.HeaderValues("Authorization"));
        Sentinels.AssertAbsent(Sentinels.GatewayKey, b.AllText, "the fallback attempt");
        Sentinels.AssertAbsent(Sentinels.GatewayKeyB, a.AllText, "the first attempt");
        Sentinels.AssertAbsent(Sentinels.CallerKey, a.AllText + b.AllText, "upstream requests");
        await h.Logs.CompletedAsync(200);
        Sentinels.AssertAbsent(Sentinels.GatewayKey, h.Logs.Text, "logs");
        Sentinels.AssertAbsent(Sentinels.GatewayKeyB, h.Logs.Text, "logs");
    }
}
