namespace Gateway.Runtime.Errors;

/// <summary>The one table from <see cref="GatewayError"/> to status, OpenAI error type, code and default message (SPEC §6).</summary>
internal static class GatewayErrors
{
    public static int StatusCode(GatewayError error) => error switch
    {
        GatewayError.InvalidRequest => 400,
        GatewayError.InvalidApiKey => 401,
        GatewayError.ModelNotFound => 404,
        GatewayError.NotFound => 404,
        GatewayError.RequestTooLarge => 413,
        GatewayError.ContentBlocked => 400,
        GatewayError.UnsupportedParameter => 400,
        GatewayError.UpstreamError => 502,
        GatewayError.UpstreamTimeout => 504,
        GatewayError.UpstreamAuthFailed => 502,
        GatewayError.Unavailable => 503,
        GatewayError.InvalidGatewayKey => 401,
        GatewayError.ModelNotAllowed => 403,
        GatewayError.RateLimitExceeded => 429,
        GatewayError.BudgetExceeded => 429,
        GatewayError.LimitsUnavailable => 503,
        _ => 500,
    };

    /// <summary>The stable <c>code</c> (also sent as <c>x-gateway-error-code</c>).</summary>
    public static string Code(GatewayError error) => error switch
    {
        GatewayError.InvalidRequest => "invalid_request",
        GatewayError.InvalidApiKey => "invalid_api_key",
        GatewayError.ModelNotFound => "model_not_found",
        GatewayError.NotFound => "not_found",
        GatewayError.RequestTooLarge => "request_too_large",
        GatewayError.ContentBlocked => "content_blocked",
        GatewayError.UnsupportedParameter => "unsupported_parameter",
        GatewayError.UpstreamError => "upstream_error",
        GatewayError.UpstreamTimeout => "upstream_timeout",
        GatewayError.UpstreamAuthFailed => "upstream_auth_failed",
        GatewayError.Unavailable => "unavailable",
        GatewayError.InvalidGatewayKey => "invalid_api_key",
        GatewayError.ModelNotAllowed => "model_not_allowed",
        GatewayError.RateLimitExceeded => "rate_limit_exceeded",
        GatewayError.BudgetExceeded => "budget_exceeded",
        GatewayError.LimitsUnavailable => "limits_unavailable",
        _ => "internal_error",
    };

    /// <summary>OpenAI's <c>type</c>: the caller's fault or ours.</summary>
    public static string Type(GatewayError error) => error switch
    {
        GatewayError.InvalidApiKey or GatewayError.InvalidGatewayKey => "authentication_error",
        GatewayError.ModelNotAllowed => "permission_error",
        // OpenAI's own types for these: a full window, and spent quota.
        GatewayError.RateLimitExceeded => "rate_limit_error",
        GatewayError.BudgetExceeded => "insufficient_quota",
        GatewayError.UpstreamError or GatewayError.UpstreamTimeout or GatewayError.UpstreamAuthFailed
            or GatewayError.Unavailable or GatewayError.LimitsUnavailable => "server_error",
        _ => "invalid_request_error",
    };

    /// <summary>The kind an Anthropic caller's envelope names (<c>not_found_error</c>, <c>api_error</c>, …); the status stays §6's.</summary>
    public static Formats.Canonical.ChatErrorKind Kind(GatewayError error) => error switch
    {
        GatewayError.InvalidRequest or GatewayError.ContentBlocked or GatewayError.UnsupportedParameter => Formats.Canonical.ChatErrorKind.InvalidRequest,
        GatewayError.InvalidApiKey or GatewayError.InvalidGatewayKey => Formats.Canonical.ChatErrorKind.Authentication,
        GatewayError.ModelNotAllowed => Formats.Canonical.ChatErrorKind.Permission,
        GatewayError.RateLimitExceeded or GatewayError.BudgetExceeded => Formats.Canonical.ChatErrorKind.RateLimit,
        GatewayError.ModelNotFound or GatewayError.NotFound => Formats.Canonical.ChatErrorKind.NotFound,
        GatewayError.RequestTooLarge => Formats.Canonical.ChatErrorKind.RequestTooLarge,
        GatewayError.UpstreamTimeout => Formats.Canonical.ChatErrorKind.Timeout,
        GatewayError.Unavailable or GatewayError.LimitsUnavailable => Formats.Canonical.ChatErrorKind.Overloaded,
        _ => Formats.Canonical.ChatErrorKind.Server,
    };

    /// <summary>Messages never name upstream hosts, secrets or exception text (E1, S4).</summary>
    public static string DefaultMessage(GatewayError error) => error switch
    {
        GatewayError.InvalidRequest => "The request body must be a JSON object with a string 'model' field.",
        GatewayError.InvalidApiKey => "This model is passthrough: provide your own API key (Authorization, api-key or x-api-key).",
        GatewayError.ModelNotFound => "The model does not exist on this gateway.",
        GatewayError.NotFound => "Unknown endpoint.",
        GatewayError.RequestTooLarge => "The request body is larger than this gateway accepts.",
        GatewayError.ContentBlocked => "The request was blocked by the gateway's content policy.",
        GatewayError.UnsupportedParameter => "A request field cannot be translated for the provider that serves this model.",
        GatewayError.UpstreamError => "The upstream provider could not be reached or returned an invalid response.",
        GatewayError.UpstreamTimeout => "The upstream provider did not respond in time.",
        GatewayError.UpstreamAuthFailed => "The upstream provider rejected the gateway's credential.",
        GatewayError.Unavailable => "The gateway is shutting down.",
        GatewayError.InvalidGatewayKey => "A valid gateway key is required: send it in x-gateway-key, or as the API key (Authorization: Bearer, x-api-key or api-key).",
        GatewayError.ModelNotAllowed => "This gateway key may not use the requested model.",
        GatewayError.RateLimitExceeded => "This gateway key's rate limit is reached; retry after the time in Retry-After.",
        GatewayError.BudgetExceeded => "This gateway key's budget for the period is spent; retry after the time in Retry-After.",
        GatewayError.LimitsUnavailable => "The gateway cannot check this key's limits right now; retry shortly.",
        _ => "Internal error.",
    };
}
