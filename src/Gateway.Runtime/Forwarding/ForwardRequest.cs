using System.Diagnostics;
using Gateway.Runtime.Buffers;
using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;
using Gateway.Runtime.Telemetry;
using Gateway.Runtime.Upstream;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// Per-request state, the one object a forwarded request allocates for itself: the buffered body shared
/// by every attempt (attempts to a target with another upstream model or experiment overrides get a
/// rewritten copy, kept while consecutive attempts need the same one; attempts to a provider of another
/// wire format get a translated copy, SPEC §9), and what the end-of-request log line, metrics and span report.
/// </summary>
internal sealed class ForwardRequest(HttpContext context, IngressEndpoint ingress, long startTimestamp, Activity? activity) : IDisposable
{
    private PooledBuffer? _body;
    private PooledBuffer? _rewritten;
    private string? _rewrittenModel;
    private RequestOverrides? _rewrittenOverrides;
    private bool _multipart;

    // Translation: the caller's body read once into the canonical model, written per target format.
    private ChatRequest? _canonical;
    private FormatResult _readResult;
    private PooledBuffer? _translated;
    private (WireFormat Format, string Model, RequestOverrides? Overrides, int MaxTokens) _translatedFor;

    public HttpContext Context { get; } = context;

    /// <summary>The forwarded path's row: kind, caller format, upstream path (<see cref="IngressEndpoints"/>).</summary>
    public IngressEndpoint Ingress { get; } = ingress;

    public EndpointKind Endpoint => Ingress.Kind;

    /// <summary>The format the caller speaks (its path): errors and responses are written in it.</summary>
    public WireFormat Format => Ingress.Format;

    /// <summary><c>POST /v1/messages/count_tokens</c>: resolved like chat, answered with a token count.</summary>
    public bool CountTokens => Ingress.CountTokens;

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
    public Relay.ResponseUsageCapture? Usage { get; private set; }

    /// <summary>
    /// The capture for the relay, created on first use when a span or the token-usage metric is collected, or
    /// the caller's gateway key counts tokens or spend (SPEC §11).
    /// </summary>
    public Relay.ResponseUsageCapture? UsageCapture() =>
        Usage ??= Activity is not null || GatewayTelemetry.TokenUsage.Enabled || CountsUsage ? new Relay.ResponseUsageCapture() : null;

    /// <summary>The caller's gateway key (index into <see cref="Keys.KeyTable.Keys"/>), or -1 without <c>[keys]</c>.</summary>
    public int Key { get; init; } = -1;

    /// <summary>The gateway key came in <c>x-gateway-key</c>, so the credential headers are the caller's own provider key.</summary>
    public bool KeyInDedicatedHeader { get; init; }

    /// <summary>The key has a token window or a budget: the response's usage must be read.</summary>
    public bool CountsUsage { get; set; }

    /// <summary>
    /// The key counts tokens and this OpenAI caller streams without asking for usage: same-format attempts ask
    /// for it (<see cref="UsageChunkRequest"/>) and the relay hides that chunk (SPEC §11).
    /// </summary>
    public bool AddsUsageChunk { get; set; }

    private (bool Read, bool Found, ResponseUsage Value) _usage;

    /// <summary>The usage the relayed 2xx response reported, read once for telemetry and key counting.</summary>
    public bool TryGetUsage(int status, out ResponseUsage usage)
    {
        if (!_usage.Read)
        {
            var found = false;
            var value = default(ResponseUsage);
            if (status is >= 200 and < 300 && Usage is { } capture)
            {
                found = capture.TryRead(out value, anthropic: Call is { } call && call.Provider.Api == ProviderApi.Anthropic, readModel: Activity is not null);
            }
            _usage = (true, found, value);
        }
        usage = _usage.Value;
        return _usage.Found;
    }

    /// <summary>The caller's body as it arrived.</summary>
    public ReadOnlyMemory<byte> Body => _body!.Memory;

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
        if (sameModel && overrides is null && !AddsUsageChunk)
        {
            return _body!.Memory; // forwarded unchanged
        }
        if (_rewritten is null || !string.Equals(_rewrittenModel, upstreamModel, StringComparison.Ordinal) || !ReferenceEquals(_rewrittenOverrides, overrides))
        {
            _rewritten?.Dispose();
            var model = sameModel ? null : upstreamModel;
            _rewritten = _multipart
                ? BodyRewriter.RewriteMultipart(_body!.Span, Model, upstreamModel)
                : sameModel && overrides is null ? null : BodyRewriter.RewriteJson(_body!.Span, Model, model, overrides, responses: Format == WireFormat.OpenAiResponses);
            if (AddsUsageChunk)
            {
                var withUsage = UsageChunkRequest.Add(_rewritten is null ? _body!.Span : _rewritten.Span);
                _rewritten?.Dispose();
                _rewritten = withUsage;
            }
            _rewrittenModel = upstreamModel;
            _rewrittenOverrides = overrides;
        }
        return _rewritten!.Memory;
    }

    /// <summary>
    /// Whether an attempt to <paramref name="provider"/> needs its body and answer translated: a chat request
    /// that cannot go as is (<see cref="IngressEndpoint.GoesAsIsTo"/>). Same-format requests are relayed as
    /// bytes (SPEC §9).
    /// </summary>
    public bool NeedsTranslation(ProviderDefinition provider) => !Ingress.GoesAsIsTo(provider);

    /// <summary>
    /// A Responses caller, once its body was read for translation: the hosted tools left out and the
    /// custom tool names, which the Responses writers and the <c>x-gateway-dropped-tools</c> header need.
    /// </summary>
    public Formats.Responses.ResponsesRequestInfo? ResponsesInfo { get; private set; }

    /// <summary>An OpenAI caller asked for the final usage chunk (<c>stream_options.include_usage</c>); known once its body was read for translation.</summary>
    public bool CanonicalIncludeUsage => _canonical?.IncludeUsage ?? false;

    /// <summary>
    /// The caller's body in <paramref name="call"/>'s provider format, as its upstream model with the
    /// target's overrides. A failure (a field that cannot be honoured) is answered 400 by the caller.
    /// </summary>
    public FormatResult TranslatedBodyFor(in UpstreamCall call, out ReadOnlyMemory<byte> body)
    {
        body = default;
        if (_canonical is null)
        {
            _canonical = new ChatRequest();
            ResponsesInfo = Format == WireFormat.OpenAiResponses ? new Formats.Responses.ResponsesRequestInfo() : null;
            _readResult = RequestTranslation.Read(Format, _body!.Memory, _canonical, ResponsesInfo);
        }
        if (!_readResult.IsSuccess)
        {
            return _readResult;
        }
        var format = ProviderFormat.Of(call.Provider);
        var overrides = call.Target?.Overrides;
        var maxTokens = call.Target?.MaxOutputTokens ?? call.PassthroughMaxOutputTokens ?? Limits.DefaultMaxTokens;
        var key = (format, call.Model, overrides, maxTokens);
        if (_translated is not null && _translatedFor == key)
        {
            body = _translated.Memory;
            return FormatResult.Ok;
        }
        _translated?.Dispose();
        _translated = new PooledBuffer(_body!.Length + 256);
        var request = _canonical;
        var (temperature, topP, maxOutput) = (request.Temperature, request.TopP, request.MaxOutputTokens);
        if (overrides is not null)
        {
            // SPEC §3.3: a variant's overrides win; applied to the shared model for this write only.
            request.Temperature = overrides.Temperature ?? temperature;
            request.TopP = overrides.TopP ?? topP;
            request.MaxOutputTokens = overrides.MaxTokens ?? maxOutput;
        }
        var result = RequestTranslation.Write(format, request, _translated, new RequestTranslationOptions { UpstreamModel = call.Model, DefaultMaxTokens = maxTokens });
        (request.Temperature, request.TopP, request.MaxOutputTokens) = (temperature, topP, maxOutput);
        if (!result.IsSuccess)
        {
            _translated.Dispose();
            _translated = null;
            return result;
        }
        _translatedFor = key;
        body = _translated.Memory;
        return FormatResult.Ok;
    }

    public void Dispose()
    {
        _translated?.Dispose();
        Usage?.Dispose();
        _rewritten?.Dispose();
        _body?.Dispose();
    }
}
