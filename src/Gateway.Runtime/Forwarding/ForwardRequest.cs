using Gateway.Runtime.Routing;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// The buffered request shared by every attempt. Attempts to a target with another upstream model get
/// a rewritten copy of the body (kept while consecutive attempts use the same model).
/// </summary>
internal sealed class ForwardRequest(HttpContext context, EndpointKind endpoint, PooledBuffer body, ModelField model, bool multipart) : IDisposable
{
    private PooledBuffer? _rewritten;
    private string? _rewrittenFor;

    public HttpContext Context { get; } = context;

    public EndpointKind Endpoint { get; } = endpoint;

    /// <summary>The request model exactly as the caller sent it.</summary>
    public ModelField Model { get; } = model;

    /// <summary>The bytes to send when the upstream model is <paramref name="upstreamModel"/> (SPEC §3.3).</summary>
    public ReadOnlyMemory<byte> BodyFor(string upstreamModel)
    {
        if (string.Equals(upstreamModel, Model.Value, StringComparison.Ordinal))
        {
            return body.Memory; // forwarded unchanged
        }
        if (!string.Equals(_rewrittenFor, upstreamModel, StringComparison.Ordinal))
        {
            _rewritten?.Dispose();
            _rewritten = multipart
                ? BodyRewriter.RewriteMultipart(body.Span, Model, upstreamModel)
                : BodyRewriter.RewriteJson(body.Span, Model, upstreamModel);
            _rewrittenFor = upstreamModel;
        }
        return _rewritten!.Memory;
    }

    public void Dispose() => _rewritten?.Dispose();
}
