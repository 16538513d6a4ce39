using Gateway.Runtime.Formats.Canonical;
using Microsoft.AspNetCore.Http;

namespace Gateway.Runtime.Ingress;

/// <summary>
/// The wire format the caller speaks, read from the path it called (SPEC §9): the Anthropic Messages
/// paths answer in Anthropic's shapes, everything else in OpenAI's. Derived from the request rather than
/// passed along, so every error writer (the dispatcher's 404, a rejection, a relay failure) answers a
/// caller in its own envelope without each call site having to know.
/// </summary>
internal static class CallerFormat
{
    public const string MessagesPath = "/v1/messages";
    public const string CountTokensPath = "/v1/messages/count_tokens";

    public static WireFormat Of(HttpContext context) => Of(context.Request.Path.Value);

    public static WireFormat Of(string? path) =>
        path is not null && path.StartsWith(MessagesPath, StringComparison.Ordinal)
        && (path.Length == MessagesPath.Length || path[MessagesPath.Length] == '/')
            ? WireFormat.Anthropic
            : WireFormat.OpenAiChat;
}
