using Gateway.Runtime.Credentials;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Upstream;

/// <summary>Presents a managed target's secret the way its provider expects (SPEC §4 <c>auth_type</c>).</summary>
internal static class CredentialPresenter
{
    /// <summary>Sets the credential header; for <see cref="AuthScheme.QueryParam"/> returns the URL with the key appended.</summary>
    public static Uri Apply(HttpRequestMessage request, ProviderDefinition provider, Secret? secret, Uri url) =>
        secret is null ? url : Apply(request, provider, secret.Reveal(), url, secret.BearerValue);

    /// <summary>A passthrough caller's own key, re-presented in the provider's scheme (SPEC §9).</summary>
    public static Uri ApplyCallerKey(HttpRequestMessage request, ProviderDefinition provider, string callerKey, Uri url) =>
        Apply(request, provider, callerKey, url, bearerValue: null);

    private static Uri Apply(HttpRequestMessage request, ProviderDefinition provider, string key, Uri url, string? bearerValue)
    {
        switch (provider.Auth)
        {
            case AuthScheme.Bearer:
                request.Headers.TryAddWithoutValidation("Authorization", bearerValue ?? "Bearer " + key);
                return url;
            case AuthScheme.ApiKeyHeader:
                request.Headers.TryAddWithoutValidation(provider.AuthParameterName, key);
                return url;
            case AuthScheme.QueryParam:
                var separator = url.OriginalString.Contains('?', StringComparison.Ordinal) ? "&" : "?";
                return new Uri(url.OriginalString + separator + Uri.EscapeDataString(provider.AuthParameterName) + "=" + Uri.EscapeDataString(key), UriKind.Absolute);
            default:
                return url;
        }
    }
}
