namespace Gateway.Runtime.Errors;

/// <summary>
/// Every failure the gateway answers itself. Expected failures are values of this enum, mapped to
/// status codes in one table (<see cref="GatewayErrors"/>); exceptions are for bugs (CONVENTIONS.md).
/// </summary>
internal enum GatewayError : byte
{
    /// <summary>Not a failure.</summary>
    None,
    /// <summary>400: not JSON, no <c>model</c>, wrong types, malformed multipart.</summary>
    InvalidRequest,
    /// <summary>401: passthrough request without a caller credential.</summary>
    InvalidApiKey,
    /// <summary>404: unknown model, function, route or provider.</summary>
    ModelNotFound,
    /// <summary>404: a path or method that is not one of the documented endpoints (S7).</summary>
    NotFound,
    /// <summary>413: body over <c>max_request_body_bytes</c>.</summary>
    RequestTooLarge,
    /// <summary>400: a request field the target's wire format cannot honour and that would change the answer (SPEC §9).</summary>
    UnsupportedParameter,
    /// <summary>400: blocked by <c>[security]</c>.</summary>
    ContentBlocked,
    /// <summary>502: upstream unreachable, reset, redirected, or retries exhausted.</summary>
    UpstreamError,
    /// <summary>504: no response headers within the attempt timeout.</summary>
    UpstreamTimeout,
    /// <summary>502: a managed upstream rejected the gateway's own credential (401/403).</summary>
    UpstreamAuthFailed,
    /// <summary>503: the gateway is draining.</summary>
    Unavailable,
    /// <summary>401: <c>[keys]</c> are configured and the request has no gateway key or an unknown one (SPEC §11).</summary>
    InvalidGatewayKey,
    /// <summary>403: the gateway key may not use the requested model.</summary>
    ModelNotAllowed,
    /// <summary>429: the key's request or token window is full.</summary>
    RateLimitExceeded,
    /// <summary>429: the key's budget for the period is spent.</summary>
    BudgetExceeded,
    /// <summary>503: the shared limit store is unreachable and <c>on_store_error = "deny"</c>.</summary>
    LimitsUnavailable,
}
