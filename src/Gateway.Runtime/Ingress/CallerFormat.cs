using Gateway.Runtime.Formats.Canonical;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Ingress;

/// <summary>
/// The wire format the caller speaks, read from the path it called (SPEC §9, §10): the Anthropic Messages
/// paths answer in Anthropic's shapes, <c>/v1/responses</c> in the Responses shapes (its errors use the
/// OpenAI envelope, like every OpenAI endpoint), everything else in Chat Completions'. Derived from the request rather than
/// passed along, so every error writer (the dispatcher's 404, a rejection, a relay failure) answers a
/// caller in its own envelope without each call site having to know.
/// </summary>
internal static class CallerFormat
{
    public static WireFormat Of(HttpContext context) => Of(context.Request.Path.Value);

    /// <summary>The format of the <see cref="IngressEndpoints"/> row the path is under (<c>/v1/messages/…</c> is Anthropic), else Chat Completions'.</summary>
    public static WireFormat Of(string? path)
    {
        foreach (var endpoint in IngressEndpoints.All)
        {
            if (endpoint.Format != WireFormat.OpenAiChat && IsUnder(path, endpoint.Path))
            {
                return endpoint.Format;
            }
        }
        return WireFormat.OpenAiChat;
    }

    private static bool IsUnder(string? path, string prefix) =>
        path is not null && path.StartsWith(prefix, StringComparison.Ordinal)
        && (path.Length == prefix.Length || path[prefix.Length] == '/');
}
