using System.Diagnostics;
using System.Net;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// SPEC §8 wiring: with <c>[telemetry] enabled</c> the SDK subscribes to the gateway's ActivitySource and
/// Meter and tags the resource with <c>service_name</c>. In-memory exporters are added next to the OTLP one.
/// The listeners are process-wide, so every assertion filters on values unique to its test.
/// </summary>
public sealed class TelemetryTests
{
    private const string Config = """
        [providers.fake]
        base_url = "http://127.0.0.1:{UPSTREAM}/v1"
        models = ["up-model"]
        credential = "env::FAKE_API_KEY"

        [targets.telemetry-target]
        model = "up-model"

        [routes.telemetry-route]
        models = ["telemetry-model"]
        targets = ["telemetry-target"]

        [routes.usage-route]
        models = ["usage-model", "usage-stream-model"]
        targets = ["telemetry-target"]

        [files]
        provider = "fake"

        [telemetry]
        enabled = true
        otlp_endpoint = "http://127.0.0.1:9"
        service_name = "gateway-otel-test"
        """;

    [Fact]
    public async Task TelemetryEnabled_SdkSubscribesToGatewaySourceAndMeter_WithServiceName()
    {
        var activities = new LockedCollection<Activity>();
        var metrics = new LockedCollection<Metric>();
        await using var host = await GatewayHarness.StartAsync(Config, builder =>
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(activities));
            builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        });
        var marker = "probe-" + Guid.NewGuid().ToString("N");

        using (var activity = GatewayTelemetry.ActivitySource.StartActivity(marker))
        {
            Assert.NotNull(activity); // null would mean nobody listens to the "Gateway" source
        }
        GatewayTelemetry.Requests.Add(1, new KeyValuePair<string, object?>(GatewayTelemetry.RouteTag, marker));
        var tracer = host.App.Services.GetRequiredService<TracerProvider>();
        Flush(host);

        Assert.Contains(activities.Snapshot(), a => a.OperationName == marker);
        Assert.Contains(metrics.Snapshot(), m => m.Name == "gateway.requests" && HasTag(m, GatewayTelemetry.RouteTag, marker));
        Assert.Contains(tracer.GetResource().Attributes, a => a.Key == "service.name" && Equals(a.Value, "gateway-otel-test"));
    }

    [Fact]
    public async Task TelemetryEnabled_ForwardedRequest_ExportsGenAiSpanAndMetrics()
    {
        var (host, ended, metrics) = await StartWithCollectorsAsync("telemetry-model");
        await using var _ = host;

        var (_, span) = await PostAndWaitForSpanAsync(host, ended, """{"model":"telemetry-model","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal("chat", span.GetTagItem(GatewayTelemetry.OperationNameTag));
        Assert.Equal("fake", span.GetTagItem(GatewayTelemetry.ProviderNameTag));
        Assert.Contains(metrics.Snapshot(), m => m.Name == "gateway.requests" && HasTag(m, GatewayTelemetry.RouteTag, "telemetry-route"));
        Assert.Contains(metrics.Snapshot(), m => m.Name == "gen_ai.client.operation.duration");
    }

    [Fact]
    public async Task TelemetryEnabled_CompletionUsage_IsOnTheSpanAndInTheTokenUsageMetric()
    {
        var (host, ended, metrics) = await StartWithCollectorsAsync("usage-model");
        await using var _ = host;
        host.Upstream.Handler = context => UpstreamScripts.Json(context, 200,
            """{"id":"c1","object":"chat.completion","model":"up-model-2024-01-01","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}""");

        var (_, span) = await PostAndWaitForSpanAsync(host, ended, """{"model":"usage-model","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal("up-model-2024-01-01", span.GetTagItem(GatewayTelemetry.ResponseModelTag));
        Assert.Equal(11L, span.GetTagItem(GatewayTelemetry.InputTokensTag));
        Assert.Equal(7L, span.GetTagItem(GatewayTelemetry.OutputTokensTag));
        Assert.Equal(11, TokenSum(metrics, "usage-model", "input"));
        Assert.Equal(7, TokenSum(metrics, "usage-model", "output"));
    }

    [Fact]
    public async Task TelemetryEnabled_StreamWithIncludeUsage_ReportsTheFinalChunksUsage()
    {
        var (host, ended, metrics) = await StartWithCollectorsAsync("usage-stream-model");
        await using var _ = host;
        host.Upstream.Handler = context => UpstreamScripts.Sse(context,
        [
            "data: {\"model\":\"up-model\",\"choices\":[{\"delta\":{\"content\":\"Hel\"}}],\"usage\":null}\n\n",
            "data: {\"model\":\"up-model\",\"choices\":[{\"delta\":{\"content\":\"lo\"}}],\"usage\":null}\n\n",
            "data: {\"model\":\"up-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":23,\"completion_tokens\":2,\"total_tokens\":25}}\n\n",
            "data: [DONE]\n\n",
        ], TimeSpan.Zero);

        var (body, span) = await PostAndWaitForSpanAsync(host, ended, """{"model":"usage-stream-model","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""");
        Assert.EndsWith("data: [DONE]\n\n", body);

        Assert.Equal("up-model", span.GetTagItem(GatewayTelemetry.ResponseModelTag));
        Assert.Equal(23L, span.GetTagItem(GatewayTelemetry.InputTokensTag));
        Assert.Equal(2L, span.GetTagItem(GatewayTelemetry.OutputTokensTag));
        Assert.Equal(23, TokenSum(metrics, "usage-stream-model", "input"));
        Assert.Equal(2, TokenSum(metrics, "usage-stream-model", "output"));
    }

    [Fact]
    public async Task TelemetryEnabled_FilesRequest_ExportsItsSpanAndRequestMetric()
    {
        var metrics = new LockedCollection<Metric>();
        // Process-wide listeners: only this config names the files provider "fake".
        var ended = new ActivityEndSignal(a => a.OperationName == "files" && Equals(a.GetTagItem(GatewayTelemetry.ProviderNameTag), "fake"));
        await using var host = await GatewayHarness.StartAsync(Config, builder =>
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(ended));
            builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        });
        host.Upstream.Handler = context => UpstreamScripts.Json(context, 200, """{"object":"list","data":[]}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/files");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Sentinels.CallerKey);

        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = await ended.Ended.WaitAsync(TimeSpan.FromSeconds(30));
        Flush(host);

        Assert.Equal("files", span.GetTagItem(GatewayTelemetry.RouteTag));
        Assert.Equal(200, span.GetTagItem(GatewayTelemetry.HttpStatusTag));
        Assert.Contains(metrics.Snapshot(), m => m.Name == "gateway.requests" && HasTag(m, GatewayTelemetry.RouteTag, "files"));
    }

    [Fact]
    public async Task E2_RequestSuppliedModelNames_AreOtherInMetrics_AndTruncatedOnSpans()
    {
        var marker = "e2-" + Guid.NewGuid().ToString("N");
        var metrics = new LockedCollection<Metric>();
        var ended = new ActivityEndSignal(a => a.GetTagItem(GatewayTelemetry.RequestModelTag) is string m && m.StartsWith("fake::" + marker, StringComparison.Ordinal));
        await using var host = await GatewayHarness.StartAsync(Config, builder =>
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(ended));
            builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        });
        host.Upstream.Handler = context => UpstreamScripts.Json(context, 200,
            "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"" + marker + new string('r', 200) + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}");

        // A passthrough whose model is 20,000 chars of caller text (the outside probe used 1 MB).
        var model = "fake::" + marker + new string('x', 20_000);
        using var response = await host.PostAsync("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[]}", Sentinels.CallerKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsStringAsync();
        var span = await ended.Ended.WaitAsync(TimeSpan.FromSeconds(30));
        Flush(host);

        foreach (var key in new[] { GatewayTelemetry.RequestModelTag, GatewayTelemetry.UpstreamModelTag, GatewayTelemetry.ResponseModelTag })
        {
            var value = Assert.IsType<string>(span.GetTagItem(key));
            Assert.InRange(value.Length, 1, RequestTelemetry.MaxSpanTextLength + 1);
        }
        Assert.InRange(span.DisplayName.Length, 1, RequestTelemetry.MaxSpanTextLength + 20);
        var series = 0;
        foreach (var metric in metrics.Snapshot())
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    Assert.False(tag.Value is string text && text.Contains(marker, StringComparison.Ordinal), $"{metric.Name} has a request-supplied {tag.Key}");
                    if (metric.Name == "gen_ai.client.token.usage" && tag.Key == GatewayTelemetry.RequestModelTag && Equals(tag.Value, RequestTelemetry.Other)) series++;
                }
            }
        }
        Assert.True(series > 0, "the token usage of the passthrough is recorded under 'other'");
    }

    /// <summary>
    /// The gateway with in-memory metrics and a signal for the end of the span whose request model is
    /// <paramref name="requestModel"/> (the listeners are process-wide: each test waits for its own model).
    /// </summary>
    private static async Task<(GatewayHarness Host, ActivityEndSignal Ended, LockedCollection<Metric> Metrics)> StartWithCollectorsAsync(string requestModel)
    {
        var metrics = new LockedCollection<Metric>();
        var ended = new ActivityEndSignal(a => Equals(a.GetTagItem(GatewayTelemetry.RequestModelTag), requestModel));
        var host = await GatewayHarness.StartAsync(Config, builder =>
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(ended));
            builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        });
        return (host, ended, metrics);
    }

    /// <summary>
    /// Posts a chat request that must succeed, reads the whole response, waits for the request's span to end
    /// (the request's metrics are recorded just before, after the response is written) and flushes the exporters.
    /// </summary>
    private static async Task<(string Body, Activity Span)> PostAndWaitForSpanAsync(GatewayHarness host, ActivityEndSignal ended, string json)
    {
        using var response = await host.Client.PostAsync("/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var span = await ended.Ended.WaitAsync(TimeSpan.FromSeconds(30));
        Flush(host);
        return (body, span);
    }

    /// <summary>
    /// The recorded sum of <c>gen_ai.client.token.usage</c> for one request model and token type. Exports are
    /// cumulative and a periodic export may have come before the flush: the latest (largest) sum is the total.
    /// </summary>
    private static double TokenSum(LockedCollection<Metric> metrics, string requestModel, string tokenType)
    {
        double sum = 0;
        foreach (var metric in metrics.Snapshot())
        {
            if (metric.Name != "gen_ai.client.token.usage") continue;
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var model = false;
                var type = false;
                foreach (var tag in point.Tags)
                {
                    model |= tag.Key == GatewayTelemetry.RequestModelTag && Equals(tag.Value, requestModel);
                    type |= tag.Key == GatewayTelemetry.TokenTypeTag && Equals(tag.Value, tokenType);
                }
                if (model && type) sum = Math.Max(sum, point.GetHistogramSum());
            }
        }
        return sum;
    }

    /// <summary>
    /// Pushes spans and metrics to the exporters now. The result is not asserted: the OTLP exporter next to the
    /// in-memory one points at a closed port (discard, 9), so its half of the flush reports failure.
    /// </summary>
    private static void Flush(GatewayHarness host)
    {
        host.App.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
        host.App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
    }

    private static bool HasTag(Metric metric, string key, string value)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == key && Equals(tag.Value, value)) return true;
            }
        }
        return false;
    }
}
