using System.Linq;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Helpers;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;

namespace Gateway.Generator.Validation;

/// <summary>
/// Compiles <c>[files]</c> and <c>[responses]</c> (SPEC §10): the provider must exist, speak the OpenAI format
/// and (for stored responses) serve Responses itself. A <c>credential</c> makes the table managed and is
/// resolved at start-up with the others; without one the caller's key is forwarded (passthrough).
/// </summary>
internal static class StoredApiValidator
{
    /// <summary>Null when the table is absent or its provider could not be resolved (already reported).</summary>
    public static StoredApiSpec? Compile(StoredApiModel? table, ValidationContext context)
    {
        if (table?.Provider is not { } providerName)
        {
            return null; // absent, or provider missing (GW0102 from the schema)
        }
        var diagnostics = context.Diagnostics;
        var path = table.Table + ".provider";
        var provider = context.Providers.FirstOrDefault(p => p.Id == providerName.Value);
        if (provider is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownProvider, providerName.Location, path, providerName.Value,
                Suggestions.DidYouMean(providerName.Value, context.Providers.Select(p => p.Id))));
            return null;
        }
        var files = table.Table == "files";
        if (provider.IsAnthropic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StoredApiOnAnthropicProvider, providerName.Location, path, provider.Id, files ? "Files" : "stored Responses"));
            return null;
        }
        if (!files && !provider.ServesResponses)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StoredResponsesOnTranslatedProvider, providerName.Location, path, provider.Id));
            return null;
        }

        var slot = -1;
        if (table.Credential is { } credential)
        {
            if (provider.AuthScheme == AuthScheme.None)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CredentialIgnored, credential.Location, table.Table + ".credential", provider.Id));
            }
            else if (CredentialReferences.Parse(credential, table.Table + ".credential", diagnostics) is { } reference)
            {
                slot = context.Credentials.Slot(reference, provider.Id, "[" + table.Table + "]");
            }
        }
        var maxBytes = files ? table.MaxBytes?.Value ?? GatewaySpec.DefaultMaxFileBytes : 0;
        return new StoredApiSpec(provider.Index, table.Credential is not null, slot, maxBytes);
    }
}
