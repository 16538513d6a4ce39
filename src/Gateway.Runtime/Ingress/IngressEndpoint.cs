using Gateway.Runtime.Formats;
using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Ingress;

/// <summary>One row of <see cref="IngressEndpoints"/>: a path the gateway forwards, and everything that follows from it.</summary>
/// <param name="Index">Position in <see cref="IngressEndpoints.All"/> (precomputed per-provider URLs are indexed by it).</param>
/// <param name="Path">The exact path a caller posts to (SPEC §6).</param>
/// <param name="Kind">The endpoint kind routes and functions are compiled for (SPEC §3); the Anthropic and Responses paths are chat.</param>
/// <param name="Format">The caller's wire format: its requests are read, and its answers and errors written, in it (SPEC §9, §10).</param>
/// <param name="UpstreamPath">Appended to a provider's <c>base_url</c> when the body goes as is (SPEC §3); never taken from the request (S5).</param>
/// <param name="Name">The kind's name in the config and in telemetry (<c>gen_ai.operation.name</c>, the route table).</param>
/// <param name="CountTokens"><c>/v1/messages/count_tokens</c>: resolved like chat, answered with a token count.</param>
internal sealed record IngressEndpoint(int Index, string Path, EndpointKind Kind, WireFormat Format, string UpstreamPath, string Name, bool CountTokens = false)
{
    /// <summary>
    /// Whether a request to this endpoint goes to <paramref name="provider"/> as the caller's bytes (SPEC §3,
    /// §9, §10): every OpenAI endpoint, a chat call in the provider's own format, Responses at a provider that
    /// serves it. Otherwise the chat body is translated into the provider's format. The one rule for both the
    /// body (<c>ForwardRequest.NeedsTranslation</c>) and the URL (<c>UpstreamClients</c>).
    /// </summary>
    public bool GoesAsIsTo(ProviderDefinition provider) =>
        Kind != EndpointKind.Chat || Format == ProviderFormat.Of(provider)
        || (Format == WireFormat.OpenAiResponses && provider.ServesResponses);
}
