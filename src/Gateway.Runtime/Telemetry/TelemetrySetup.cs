using Gateway.Runtime.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Runtime.Telemetry;

/// <summary>
/// Registers the OpenTelemetry SDK for <c>[telemetry] enabled = true</c> (SPEC §8): traces from the
/// <see cref="GatewayTelemetry.ActivitySource"/>, metrics from <see cref="GatewayTelemetry.Meter"/>, resource <c>service.name</c>, OTLP export. When telemetry
/// is disabled nothing is registered: no listener subscribes, so the forwarder's instruments stay
/// disabled and cost one branch each.
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>
    /// The standard OTLP protocol variable (<c>grpc</c>, the .NET exporter's default, or <c>http/protobuf</c>),
    /// read from configuration so environment variables and <c>--OTEL_EXPORTER_OTLP_PROTOCOL=…</c> both work.
    /// </summary>
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The ActivitySource ASP.NET Core's hosting layer starts its per-request activity from.</summary>
    public const string AspNetCoreActivitySourceName = "Microsoft.AspNetCore";

    public static void AddGatewayTelemetry(this IServiceCollection services, TelemetrySettings settings, IConfiguration configuration)
    {
        if (!settings.Enabled)
        {
            return;
        }
        var protocol = string.Equals(configuration[ProtocolKey], "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        var endpoint = settings.OtlpEndpoint;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithTracing(tracing => tracing
                // Kestrel's own server span ("Microsoft.AspNetCore") is the parent of the gateway's span.
                // It exists anyway (log scopes use its trace id) but, unsubscribed, it is unsampled, and the
                // default parent-based sampler would then drop every gateway span. Subscribing makes the
                // sampling decision once, at the edge, honouring a caller's traceparent flags.
                .AddSource(AspNetCoreActivitySourceName)
                .AddSource(GatewayTelemetry.ActivitySourceName)
                .AddOtlpExporter(options => ConfigureExporter(options, endpoint, protocol, "v1/traces")))
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayTelemetry.MeterName)
                .AddOtlpExporter(options => ConfigureExporter(options, endpoint, protocol, "v1/metrics")));
    }

    /// <summary>
    /// <c>otlp_endpoint</c> is the collector's base URL (<c>http://collector:4317</c> for gRPC,
    /// <c>http://collector:4318</c> for http/protobuf). A signal-specific exporter set in code takes the
    /// endpoint literally, so the http/protobuf signal path (<c>/v1/traces</c>) is appended here. Without
    /// <c>otlp_endpoint</c> the exporter's own defaults apply (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, then localhost).
    /// </summary>
    private static void ConfigureExporter(OtlpExporterOptions options, string? endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        options.Protocol = protocol;
        if (string.IsNullOrEmpty(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var baseUri))
        {
            return;
        }
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : baseUri;
    }
}
