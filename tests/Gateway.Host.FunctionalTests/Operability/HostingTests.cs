using System.Net;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using Gateway.Runtime.Security;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>Start-up summary line, and what is (not) registered for disabled features.</summary>
public sealed class HostingTests
{
    private const string Config = """
        [providers.fake]
        base_url = "http://127.0.0.1:{UPSTREAM}/v1"
        models = ["up-model", "pass-model"]
        credential = "env::FAKE_API_KEY"

        [targets.primary]
        model = "up-model"

        [routes.smart]
        models = ["smart"]
        targets = ["primary"]

        [functions.summarize]
        models = ["up-model"]
        """;

    private const string SecurityConfig = Config + """

        [security]
        enabled = true
        blocklist = ["xyzzy"]
        """;

    [Fact]
    public async Task S4_StartupLog_SummarisesTheTable_WithExplicitEventId_NoSecret()
    {
        await using var host = await GatewayHarness.StartAsync(Config);

        var line = Assert.Single(host.Logs.Text.Split('\n'), l => l.Contains("Gateway.Runtime.Hosting[100]", StringComparison.Ordinal));
        Assert.Contains("Gateway started: 1 providers, 1 routes, 1 functions, 2 passthrough models; security off, telemetry off; listening on http://127.0.0.1:", line, StringComparison.Ordinal);
        Sentinels.AssertAbsent(Sentinels.GatewayKey, host.Logs.Text, "logs");
    }

    [Fact]
    public async Task DisabledFeatures_RegisterNothing()
    {
        await using var host = await GatewayHarness.StartAsync(Config);

        Assert.Null(host.App.Services.GetService<SecurityPipeline>());
        Assert.Null(host.App.Services.GetService<TracerProvider>());
        Assert.Null(host.App.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("""{"model":"smart","messages":[{"role":"user","content":"say XyZzY please"}]}""", "blocklist", "XyZzY")]
    [InlineData("""{"model":"smart","messages":[{"role":"user","content":[{"type":"text","text":"card 4111 1111 1111 1111"}]}]}""", "credit_card", "4111 1111")]
    public async Task S4_BlockedContent_400ContentBlocked_NamesDetectorNotText_NeverReachesUpstream(string json, string detector, string matched)
    {
        await using var host = await GatewayHarness.StartAsync(SecurityConfig);

        using var response = await host.Client.PostAsync("/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":\"content_blocked\"", body, StringComparison.Ordinal);
        Assert.Contains(detector, body, StringComparison.Ordinal);
        Assert.DoesNotContain(matched, body, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(host.Upstream.Requests);
        Assert.DoesNotContain(matched, host.Logs.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SecurityEnabled_RegistersThePipeline_ForTheForwarder()
    {
        await using var host = await GatewayHarness.StartAsync(SecurityConfig);

        var pipeline = host.App.Services.GetRequiredService<SecurityPipeline>();
        Assert.Same(pipeline, host.App.Services.GetRequiredService<Gateway.Runtime.Forwarding.GatewayRuntime>().Security);
        Assert.True(pipeline.TryBlock(Gateway.Runtime.Model.EndpointKind.Chat, """{"model":"smart","messages":[{"role":"user","content":"XYZZY"}]}"""u8, out var detector));
        Assert.Equal(SecurityDetectors.Blocklist, detector);
        // Unblocked traffic still flows.
        using var response = await host.Client.PostAsync("/v1/chat/completions", new StringContent("""{"model":"smart","messages":[{"role":"user","content":"hello"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
