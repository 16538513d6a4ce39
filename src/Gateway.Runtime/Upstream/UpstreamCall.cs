using Gateway.Runtime.Credentials;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Upstream;

/// <summary>One planned upstream attempt: where to, as which model, with which credential and timeout.</summary>
/// <param name="Provider">The provider (its invoker and base URL).</param>
/// <param name="Model">Upstream model; the body is rewritten when it differs from the request's.</param>
/// <param name="Secret">The gateway's credential (managed), or null (passthrough or <c>auth_type = "none"</c>).</param>
/// <param name="Managed">Managed requests drop caller credentials and turn upstream 401/403 into 502.</param>
/// <param name="TimeoutMs">Time to response headers, idle gap while streaming, and longest stalled write to the caller (R03).</param>
/// <param name="Target">Managed target, or null for passthrough.</param>
/// <param name="PassthroughMaxOutputTokens">A passthrough model's <c>max_output_tokens</c> (a target carries its own).</param>
/// <param name="PassthroughPrice">A listed passthrough model's prices (a target carries its own).</param>
internal readonly record struct UpstreamCall(ProviderDefinition Provider, string Model, Secret? Secret, bool Managed, int TimeoutMs, TargetDefinition? Target, int? PassthroughMaxOutputTokens = null, ModelPrice? PassthroughPrice = null)
{
    /// <summary>What this attempt's tokens cost (SPEC §11), or null when the model is unpriced.</summary>
    public ModelPrice? Price => Target is { } target ? target.Price : PassthroughPrice;
}
