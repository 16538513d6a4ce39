using System.Diagnostics;
using Gateway.Runtime.Routing;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// Per-request state, the one object a forwarded request allocates for itself: the buffered body shared
/// by every attempt (attempts to a target with another upstream model or experiment overrides get a
/// rewritten copy, kept while consecutive attempts need the same one), and what the end-of-request
/// log line, metrics and span report.
/// </summary>
internal sealed class ForwardRequest(HttpContext context, EndpointKind endpoint, long startTimestamp, Activity? activity) : IDisposable
{
    private PooledBuffer? _body;
    private PooledBuffer? _rewritten;
    private string? _rewrittenModel;
    private RequestOverrides? _rewrittenOverrides;
    private bool _multipart;

    public HttpContext Context { get; } = context;

    public EndpointKind Endpoint { get; } = endpoint;

    public long StartTimestamp { get; } = startTimestamp;

    /// <summary>The request's span when a listener is attached.</summary>
    public Activity? Activity { get; } = activity;

    /// <summary>The request model exactly as the caller sent it.</summary>
    public ModelField Model { get; private set; }

    /// <summary>Route or function name, <c>passthrough</c>, or null before resolution.</summary>
    public string? RouteName { get; set; }

    /// <summary>The managed route, or null (passthrough, or not resolved).</summary>
    public RouteDefinition? Route { get; set; }

    /// <summary>The latest attempt (the one whose response or error the client got).</summary>
    public UpstreamCall? Call { get; set; }

    /// <summary>Upstream attempts started.</summary>
    public int Attempts { get; set; }

    /// <summary>The client went away before the response completed.</summary>
    public bool ClientAborted { get; set; }

    /// <summary>Model and token usage from the relayed body; only while telemetry is collected (<see cref="UsageCapture"/>).</summary>
    public Telemetry.ResponseUsageCapture? Usage { get; private set; }

    /// <summary>The capture for the relay, created on first use when a span or the token-usage metric is collected.</summary>
    public Telemetry.ResponseUsageCapture? UsageCapture() =>
        Usage ??= Activity is not null || Telemetry.GatewayTelemetry.TokenUsage.Enabled ? new Telemetry.ResponseUsageCapture() : null;

    public void SetBody(PooledBuffer body, ModelField model, bool multipart)
    {
        _body = body;
        Model = model;
        _multipart = multipart;
    }

    /// <summary>The bytes to send to <paramref name="upstreamModel"/> with a variant's <paramref name="overrides"/> (SPEC §2, §3.3).</summary>
    public ReadOnlyMemory<byte> BodyFor(string upstreamModel, RequestOverrides? overrides)
    {
        if (_multipart)
        {
            overrides = null; // sampling overrides are JSON fields; a transcription form has none to set
        }
        var sameModel = string.Equals(upstreamModel, Model.Value, StringComparison.Ordinal);
        if (sameModel && overrides is null)
        {
            return _body!.Memory; // forwarded unchanged
        }
        if (_rewritten is null || !string.Equals(_rewrittenModel, upstreamModel, StringComparison.Ordinal) || !ReferenceEquals(_rewrittenOverrides, overrides))
        {
            _rewritten?.Dispose();
            var model = sameModel ? null : upstreamModel;
            _rewritten = _multipart
                ? BodyRewriter.RewriteMultipart(_body!.Span, Model, upstreamModel)
                : BodyRewriter.RewriteJson(_body!.Span, Model, model, overrides);
            _rewrittenModel = upstreamModel;
            _rewrittenOverrides = overrides;
        }
        return _rewritten.Memory;
    }

    public void Dispose()
    {
        Usage?.Dispose();
        _rewritten?.Dispose();
        _body?.Dispose();
    }
}
