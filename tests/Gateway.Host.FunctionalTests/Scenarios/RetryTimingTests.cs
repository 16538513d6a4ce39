using System.Diagnostics;
using System.Net;
using Gateway.Host.FunctionalTests.Support;
using static Gateway.Host.FunctionalTests.Support.ProviderScripts;

namespace Gateway.Host.FunctionalTests.Scenarios;

/// <summary>R12 (Retry-After, the per-request deadline) and R08 (no attempt after the client left).</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class RetryTimingTests
{
    private static Task<GatewayHarness> StartAsync() => GatewayHarness.StartAsync(ResilienceScenario.Toml);

    [Fact]
    public async Task R12_RetryAfterUpTo60s_ReplacesALongBackoff()
    {
        await using var h = await StartAsync();
        // ra: backoff_base_ms = 30000 (15–30 s, past the 6 s deadline); Retry-After: 0 replaces it.
        h.Upstream.Handler = ByProvider(a: FailFirst(1, Status(503, retryAfter: "0")));
        var clock = Stopwatch.StartNew();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"ra"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, h.Upstream.Count("a"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task R12_ABackoffPastTheDeadline_IsNotSlept_TheLastErrorIsReturnedAtOnce()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(503));
        var clock = Stopwatch.StartNew();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"ra"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, h.Upstream.Count("a"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}"); // not 15–30 s
    }

    [Fact]
    public async Task R12_RetryAfterOver60s_MovesOnToTheNextTarget_WithoutWaiting()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(429, retryAfter: "120"));
        var clock = Stopwatch.StartNew();
        using var response = await h.PostAsync("/v1/chat/completions", """{"model":"ra-fb"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 1), (h.Upstream.Count("a"), h.Upstream.Count("b"))); // a's 2 retries skipped
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task R08_ClientAbortDuringBackoff_StartsNoNewAttempt()
    {
        await using var h = await StartAsync();
        h.Upstream.Handler = ByProvider(a: Status(503));
        using var client = new CancellationTokenSource();
        // patient: backoff 10–20 s, well inside its 120 s deadline, so the gateway really waits.
        var call = h.Client.PostAsync("/v1/chat/completions", new StringContent("""{"model":"patient"}"""), client.Token);
        await h.Logs.WaitForAsync(l => l.Contains("[3] Route patient", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        var completed = await h.Logs.CompletedAsync(499); // the backoff ended with the client, not after 10 s
        Assert.Contains("Attempts=1", completed, StringComparison.Ordinal);
        Assert.Equal(1, h.Upstream.Count("a"));
    }

    [Fact]
    public async Task R08_ClientAbortDuringAnAttempt_StartsNoFallback()
    {
        await using var h = await StartAsync();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Upstream.Handler = ByProvider(a: c =>
        {
            arrived.TrySetResult();
            return UpstreamScripts.StallBeforeHeaders(c);
        });
        using var client = new CancellationTokenSource();
        var call = h.Client.PostAsync("/v1/chat/completions", new StringContent("""{"model":"fb"}"""), client.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Contains("Attempts=1", await h.Logs.CompletedAsync(499), StringComparison.Ordinal);
        Assert.Equal((1, 0), (h.Upstream.Count("a"), h.Upstream.Count("b")));
    }
}
