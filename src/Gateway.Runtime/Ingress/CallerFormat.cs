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
    public const string MessagesPath = "/v1/messages";
    public const string CountTokensPath = "/v1/messages/count_tokens";
    public const string ResponsesPath = "/v1/responses";

    public static WireFormat Of(HttpContext context) => Of(context.Request.Path.Value);

    public static WireFormat Of(string? path) =>
        IsUnder(path, MessagesPath) ? WireFormat.Anthropic
        : IsUnder(path, ResponsesPath) ? WireFormat.OpenAiResponses
        : WireFormat.OpenAiChat;

    private static bool IsUnder(string? path, string prefix) =>
        path is not null && path.StartsWith(prefix, StringComparison.Ordinal)
        && (path.Length == prefix.Length || path[prefix.Length] == '/');
}
