using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace Gateway.Runtime.Forwarding;

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
    /// Request headers never forwarded besides hop-by-hop ones: Host (the upstream is ours to name),
    /// Content-Length (recomputed from the buffered body), Expect (the body is already read).
    /// </summary>
    private static readonly FrozenSet<string> RequestExcluded = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Host", "Content-Length", "Expect");

    /// <summary>
    /// Response headers never returned besides hop-by-hop ones: redirects and cookies are the upstream's
    /// business (H5); Alt-Svc would name the upstream host; x-gateway-* are ours and cannot be spoofed.
    /// </summary>
    private static readonly FrozenSet<string> ResponseExcluded = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Location", "Content-Location", "Set-Cookie", "Set-Cookie2", "Alt-Svc",
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
        if (managed && (Credentials.Contains(name) || (providerKeyHeader is not null && name.Equals(providerKeyHeader, StringComparison.OrdinalIgnoreCase))))
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

    /// <summary>True when the caller sent any credential header (passthrough precondition, SPEC §4).</summary>
    public static bool HasCallerCredential(Microsoft.AspNetCore.Http.IHeaderDictionary headers)
    {
        foreach (var name in Credentials)
        {
            if (!StringValues.IsNullOrEmpty(headers[name]))
            {
                return true;
            }
        }
        return false;
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
