using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Keys;

/// <summary>
/// Where a caller's gateway key is read from (SPEC §11): <c>x-gateway-key</c>, else the credential headers
/// an SDK already sends (<c>Authorization: Bearer</c>, <c>x-api-key</c>, <c>api-key</c>), so an OpenAI or
/// Anthropic client needs nothing but a base URL and the gateway key as its API key. A caller that uses
/// <c>x-gateway-key</c> keeps the credential headers for its own provider key (passthrough).
/// </summary>
internal static class PresentedKey
{
    public const string HeaderName = "x-gateway-key";

    /// <summary>The presented key, or empty; <paramref name="dedicated"/> is true when it came from <c>x-gateway-key</c>.</summary>
    /// <remarks>A header sent twice is no key: which copy counts would be a guess.</remarks>
    public static ReadOnlySpan<char> Read(IHeaderDictionary headers, out bool dedicated) => Read(headers, out dedicated, out _);

    /// <summary>As above; <paramref name="reusedHeader"/> is the <c>Authorization</c> value the key came from, a header Kestrel reuses per connection.</summary>
    public static ReadOnlySpan<char> Read(IHeaderDictionary headers, out bool dedicated, out string? reusedHeader)
    {
        dedicated = true;
        reusedHeader = null;
        var gatewayKey = headers[HeaderName];
        if (gatewayKey.Count > 0)
        {
            return gatewayKey.Count == 1 ? gatewayKey[0].AsSpan().Trim() : default;
        }
        dedicated = false;
        var authorization = headers.Authorization;
        if (authorization.Count > 0)
        {
            if (authorization.Count > 1)
            {
                return default;
            }
            reusedHeader = authorization[0];
            var value = reusedHeader.AsSpan().Trim();
            return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : default;
        }
        return Single(headers["x-api-key"]) is { IsEmpty: false } apiKey ? apiKey : Single(headers["api-key"]);
    }

    private static ReadOnlySpan<char> Single(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 ? values[0].AsSpan().Trim() : default;
}
