using System.Net;
using Gateway.Host.FunctionalTests.Support;

namespace Gateway.Host.FunctionalTests.Stored;

/// <summary>
/// SPEC §10 timing: the provider timeout (3 s in <see cref="StoredScenario"/>) bounds the wait for response
/// headers and each silence while an upload moves, not the upload's whole length.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class StoredApiTimingTests
{
    [Fact]
    public async Task X9_UpstreamSilentBeforeHeaders_Is504_AfterTheProviderTimeout()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.Handler = UpstreamScripts.StallBeforeHeaders;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var response = await h.Client.GetAsync("/v1/files/file-1/content");

        await ErrorAssert.OpenAiAsync(response, HttpStatusCode.GatewayTimeout, "upstream_timeout");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task R21_AnUploadLongerThanTheTimeout_WithShortGaps_IsRelayedWhole()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.Handler = context => UpstreamScripts.Json(context, 200, "{}");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Five pieces 900 ms apart: 3.6 s in all, longer than the 3 s timeout, no gap near it.
        using var response = await h.Client.PostAsync("/v1/files", new ChunkedContent(new byte[5 * 512], chunk: 512, gap: TimeSpan.FromMilliseconds(900)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(3), $"the upload took only {clock.Elapsed}: it did not outlast the timeout");
        Assert.Equal(5 * 512, h.SingleUpstreamRequest().Body.Length);
    }
}
