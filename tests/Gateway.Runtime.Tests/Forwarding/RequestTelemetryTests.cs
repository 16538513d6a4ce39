using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics;
using Gateway.Runtime.Credentials;
using Gateway.Runtime.Forwarding;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;
using Gateway.Runtime.Relay;
using Gateway.Runtime.Telemetry;
using Gateway.Runtime.Tests.Support;
using Gateway.Runtime.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Runtime.Tests.Forwarding;

/// <summary>The span, traceparent and instruments of one forwarded request (names unique to this class, so parallel tests do not interfere).</summary>
public sealed class RequestTelemetryTests
{
    [Fact]
    public async Task OneSpanPerRequest_IsTheUpstreamParent_AndTheInstrumentsRecordRouteTargetProviderStatus()
    {
        ProviderDefinition p = new(0, "telemetry-provider", "http://127.0.0.1:1/v1", AuthScheme.Bearer, "", [], 30_000, ["tm"]);
        TargetDefinition t = new("telemetry-target", p, "tm", 0, 1, 30_000);
        var route = new RouteDefinition(0, "telemetry-route", RouteKind.Route, EndpointKind.Chat, [new StepDefinition(StrategyKind.Single, [t])], new RetrySettings(1, 0));
        var gateway = new TestGateway([p], [route], [("telemetry-route", EndpointKind.Chat, 0)]);
        var handler = new ScriptedHandler((_, call) => ScriptedHandler.Json(call == 1 ? 503 : 200));
        var runtime = new GatewayRuntime(gateway, [new Secret("k")], new Random(1), new FakeTimeProvider(), clients: new UpstreamClients(gateway.Providers, () => handler));
        var forwarder = new GatewayForwarder(runtime, new ResponseRelay(NullLogger<ResponseRelay>.Instance), NullLogger<GatewayForwarder>.Instance);

        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == GatewayTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (Equals(a.GetTagItem(GatewayTelemetry.RouteTag), "telemetry-route")) spans.Enqueue(a); },
        };
        ActivitySource.AddActivityListener(activities);
        var measurements = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) => { if (instrument.Meter.Name == GatewayTelemetry.MeterName) listener.EnableMeasurementEvents(instrument); },
        };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            if (copy.ContainsValue("telemetry-route") || copy.ContainsValue("telemetry-provider")) measurements.Enqueue((instrument.Name, copy));
        }
        meters.SetMeasurementEventCallback<long>(Record);
        meters.SetMeasurementEventCallback<double>(Record);
        meters.Start();

        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream("""{"model":"telemetry-route"}"""u8.ToArray());
        context.Response.Body = new MemoryStream();
        await forwarder.ForwardAsync(context, IngressEndpoints.Chat).WaitAsync(TimeSpan.FromSeconds(10));

        var span = Assert.Single(spans);
        Assert.Equal("chat telemetry-route", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem(GatewayTelemetry.OperationNameTag));
        Assert.Equal("telemetry-route", span.GetTagItem(GatewayTelemetry.RequestModelTag));
        Assert.Equal("tm", span.GetTagItem(GatewayTelemetry.UpstreamModelTag));
        Assert.Equal("telemetry-provider", span.GetTagItem(GatewayTelemetry.ProviderNameTag));
        Assert.Equal("telemetry-target", span.GetTagItem(GatewayTelemetry.TargetTag));
        Assert.Equal(200, span.GetTagItem(GatewayTelemetry.HttpStatusTag));
        // Both attempts are children of the request's span (W3C traceparent "00-trace-span-flags").
        Assert.Equal(2, handler.Calls.Count);
        Assert.All(handler.Calls.Select(c => c.TraceParent), tp => Assert.Equal($"00-{span.TraceId}-{span.SpanId}-01", tp));

        var retry = Assert.Single(measurements, m => m.Instrument == "gateway.retry.attempts");
        Assert.Equal(("telemetry-target", "http_503"), (retry.Tags[GatewayTelemetry.TargetTag], retry.Tags[GatewayTelemetry.RetryReasonTag]));
        var request = Assert.Single(measurements, m => m.Instrument == "gateway.requests");
        Assert.Equal(("telemetry-route", "telemetry-target", "telemetry-provider", (object?)200), (request.Tags[GatewayTelemetry.RouteTag], request.Tags[GatewayTelemetry.TargetTag], request.Tags[GatewayTelemetry.ProviderNameTag], request.Tags[GatewayTelemetry.HttpStatusTag]));
        var duration = Assert.Single(measurements, m => m.Instrument == "gen_ai.client.operation.duration");
        Assert.Equal("telemetry-route", duration.Tags[GatewayTelemetry.RequestModelTag]);
    }
}
