namespace Gateway.Runtime.Formats.Canonical;

/// <summary>What kind of failure an error body reports, in terms both envelopes can say (docs/formats.md, "Errors").</summary>
internal enum ChatErrorKind : byte
{
    /// <summary>400: OpenAI and Anthropic <c>invalid_request_error</c>.</summary>
    InvalidRequest,
    /// <summary>401: <c>authentication_error</c>.</summary>
    Authentication,
    /// <summary>403: <c>permission_error</c>.</summary>
    Permission,
    /// <summary>404: Anthropic <c>not_found_error</c>, OpenAI <c>invalid_request_error</c> with code <c>model_not_found</c>.</summary>
    NotFound,
    /// <summary>413: Anthropic <c>request_too_large</c>.</summary>
    RequestTooLarge,
    /// <summary>429: <c>rate_limit_error</c>.</summary>
    RateLimit,
    /// <summary>529 / 503: Anthropic <c>overloaded_error</c>.</summary>
    Overloaded,
    /// <summary>504: Anthropic <c>timeout_error</c>.</summary>
    Timeout,
    /// <summary>500 and anything else: Anthropic <c>api_error</c>, OpenAI <c>server_error</c>.</summary>
    Server,
}

/// <summary>
/// An error body read from one envelope to be written in another: OpenAI
/// <c>{"error":{"message","type","param","code"}}</c>, Anthropic <c>{"type":"error","error":{"type","message"}}</c>.
/// </summary>
internal readonly record struct ChatError(ChatErrorKind Kind, string Message, string? Param = null, string? Code = null);
