using Gateway.Runtime.Credentials;
using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Forwarding;

/// <summary>Presents a managed target's secret the way its provider expects (SPEC §4 <c>auth_type</c>).</summary>
internal static class CredentialPresenter
{
    /// <summary>Sets the credential header; for <see cref="AuthScheme.QueryParam"/> returns the URL with the key appended.</summary>
    public static Uri Apply(HttpRequestMessage request, ProviderDefinition provider, Secret? secret, Uri url)
    {
        if (secret is null)
        {
            return url;
        }
        switch (provider.Auth)
        {
            case AuthScheme.Bearer:
                request.Headers.TryAddWithoutValidation("Authorization", secret.BearerValue);
                return url;
            case AuthScheme.ApiKeyHeader:
                request.Headers.TryAddWithoutValidation(provider.AuthParameterName, secret.Reveal());
                return url;
            case AuthScheme.QueryParam:
                return new Uri(url.OriginalString + "?" + Uri.EscapeDataString(provider.AuthParameterName) + "=" + Uri.EscapeDataString(secret.Reveal()), UriKind.Absolute);
            default:
                return url;
        }
    }
}
