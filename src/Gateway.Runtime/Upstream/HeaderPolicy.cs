using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace Gateway.Runtime.Upstream;

/// <summary>
/// Which headers cross the proxy (SPEC §4, §6; RELIABILITY H1, H5, S1). One place, so request and
/// response rules cannot drift apart.
/// </summary>
internal static class HeaderPolicy
{
    /// <summary>
    /// RFC 9110 §7.6.1: Connection and the fields it names are hop-by-hop and must not be forwarded;
    /// plus the historical hop-by-hop fields of RFC 2616 §13.5.1 and the non-standard Proxy-Connection.
    /// </summary>
    public static readonly FrozenSet<string> HopByHop = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade");

    /// <summary>Every header that can carry an API key (SPEC §4). Managed requests drop all of them.</summary>
    public static readonly FrozenSet<string> Credentials = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Authorization", "api-key", "x-api-key", "x-goog-api-key");

    /// <summary>
    /// Dropped from managed requests besides the credential headers: the caller's cookies are for the
    /// gateway's origin, and an upstream that honours a session cookie would bill or authorise on the
    /// caller's identity next to the gateway's key (S1: exactly one credential, the gateway's).
    /// </summary>
    private static readonly FrozenSet<string> ManagedExcluded = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Cookie", "Cookie2");

    /// <summary>
    /// Request headers never forwarded besides hop-by-hop ones: Host (the upstream is ours to name),
    /// Content-Length (recomputed from the buffered body), Expect (the body is already read),
    /// x-gateway-key (the caller's gateway key is for the gateway only, SPEC §11).
    /// </summary>
    private static readonly FrozenSet<string> RequestExcluded = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Host", "Content-Length", "Expect", "x-gateway-key");

    /// <summary>
    /// Response headers never returned besides hop-by-hop ones: redirects (Location, and Refresh, the
    /// non-standard redirect browsers follow) and cookies are the upstream's business (H5); a
    /// WWW-Authenticate challenge is about the gateway's key, not the caller's; Strict-Transport-Security
    /// would pin the gateway's host to the upstream's TLS policy; Alt-Svc would name the upstream host;
    /// x-gateway-* are ours and cannot be spoofed.
    /// </summary>
    private static readonly FrozenSet<string> ResponseExcluded = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Location", "Content-Location", "Refresh", "Set-Cookie", "Set-Cookie2", "Alt-Svc",
        "WWW-Authenticate", "Strict-Transport-Security",
        "x-gateway-route", "x-gateway-target", "x-gateway-provider", "x-gateway-function", "x-gateway-variant",
        "x-gateway-error-code");

    /// <summary>Whether a caller request header goes upstream.</summary>
    /// <param name="name">Header name.</param>
    /// <param name="connection">The request's Connection header (its tokens are hop-by-hop too).</param>
    /// <param name="managed">Managed requests drop caller credentials.</param>
    /// <param name="providerKeyHeader">The provider's api-key header name for managed requests, else null.</param>
    public static bool ForwardRequestHeader(string name, StringValues connection, bool managed, string? providerKeyHeader)
    {
        if (name.Length == 0 || name[0] == ':' || HopByHop.Contains(name) || RequestExcluded.Contains(name))
        {
            return false;
        }
        if (managed && (Credentials.Contains(name) || ManagedExcluded.Contains(name) || (providerKeyHeader is not null && name.Equals(providerKeyHeader, StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }
        return !IsNamedByConnection(name, connection);
    }

    /// <summary>Whether an upstream response header goes back to the caller.</summary>
    public static bool ForwardResponseHeader(string name, StringValues connection)
    {
        if (HopByHop.Contains(name) || ResponseExcluded.Contains(name) || Credentials.Contains(name))
        {
            return false;
        }
        return !IsNamedByConnection(name, connection);
    }

    /// <summary>
    /// True when the caller sent a usable credential (passthrough precondition, SPEC §4): some credential
    /// header with exactly one non-blank value, and an <c>Authorization</c> value that has a token after its
    /// scheme (<c>Bearer </c> alone is no key). A credential header sent twice is no credential at all:
    /// Authorization and the api-key headers are not lists (RFC 9110 §5.3), Kestrel joins the two lines,
    /// and which one an upstream would read is its choice, not ours; so neither is presented and the
    /// caller gets 401 before any upstream connection, as without a key (H6: one reading for everyone).
    /// </summary>
    public static bool HasCallerCredential(Microsoft.AspNetCore.Http.IHeaderDictionary headers)
    {
        var found = false;
        foreach (var name in Credentials)
        {
            var values = headers[name];
            if (values.Count == 0)
            {
                continue;
            }
            if (values.Count > 1)
            {
                return false;
            }
            if (!KeyOf(name, values[0]).IsEmpty)
            {
                found = true;
            }
        }
        return found;
    }

    /// <summary>
    /// Headers that belong to one wire format (<c>anthropic-version</c>, <c>anthropic-beta</c>, …): forwarded
    /// Anthropic → Anthropic, dropped when the body is translated for a provider of another format (SPEC §9).
    /// </summary>
    public static bool IsFormatSpecific(string name) => name.StartsWith("anthropic-", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The passthrough caller's key when it must be re-presented in the provider's scheme (SPEC §9): the caller
    /// used a credential header other than the provider's own. Null when the caller's header already is the
    /// provider's (forwarded as sent), the provider takes no key, or the credential is unusable (the forwarder
    /// answered 401 before this).
    /// </summary>
    public static string? CallerKeyToRepresent(Microsoft.AspNetCore.Http.IHeaderDictionary headers, Model.ProviderDefinition provider)
    {
        var providerHeader = provider.Auth switch
        {
            Model.AuthScheme.Bearer => "Authorization",
            Model.AuthScheme.ApiKeyHeader => provider.AuthParameterName,
            Model.AuthScheme.QueryParam => null,
            Model.AuthScheme.None => string.Empty,
            _ => throw new InvalidOperationException("Unknown auth scheme " + provider.Auth + "."),
        };
        if (providerHeader is { Length: 0 } || (providerHeader is not null && headers.ContainsKey(providerHeader)))
        {
            return null;
        }
        foreach (var name in Credentials)
        {
            var values = headers[name];
            if (values.Count != 1)
            {
                continue;
            }
            var key = KeyOf(name, values[0]);
            if (!key.IsEmpty)
            {
                return key.ToString();
            }
        }
        return null;
    }

    /// <summary>The key a credential header carries: the value, or for <c>Authorization</c> what follows its scheme; empty when none.</summary>
    private static ReadOnlySpan<char> KeyOf(string name, string? value)
    {
        var key = value.AsSpan().Trim();
        if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 9110 §11.4: credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ].
            var space = key.IndexOf(' ');
            key = space < 0 ? default : key[(space + 1)..].Trim();
        }
        return key;
    }

    /// <summary>RFC 9110 §7.6.1: the comma-separated tokens of every Connection field value.</summary>
    internal static bool IsNamedByConnection(string name, StringValues connection)
    {
        foreach (var value in connection)
        {
            if (value is null) continue;
            foreach (var range in value.AsSpan().Split(','))
            {
                if (value.AsSpan()[range].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
