using Gateway.Runtime.Formats.Canonical;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Formats;

/// <summary>The wire format a provider's <c>api</c> speaks (SPEC §9); Responses is only ever a caller's format.</summary>
internal static class ProviderFormat
{
    public static WireFormat Of(ProviderDefinition provider) =>
        provider.Api == ProviderApi.Anthropic ? WireFormat.Anthropic : WireFormat.OpenAiChat;
}
