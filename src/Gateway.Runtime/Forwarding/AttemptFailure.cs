namespace Gateway.Runtime.Forwarding;

/// <summary>Why an attempt failed in a way that moves on (SPEC §5, RELIABILITY R09, R11). Logged and used as the <c>reason</c> metric tag.</summary>
internal enum AttemptFailure : byte
{
    None,
    /// <summary>No connection (refused, unreachable, DNS, TLS).</summary>
    ConnectionFailed,
    /// <summary>The connection broke before response headers (reset, protocol error).</summary>
    ConnectionLost,
    /// <summary>No response headers (or, on an SSE response being peeked, no first event) within the timeout.</summary>
    Timeout,
    /// <summary>429, 500, 502, 503, 504 or 529.</summary>
    RetryableStatus,
    /// <summary>200 <c>text/event-stream</c> whose first event is <c>data: {"error":…}</c> (R11).</summary>
    ErrorEvent,
    /// <summary>The response body failed (or an SSE stream ended empty) before any byte reached the client.</summary>
    BodyFailed,
    /// <summary>
    /// Response headers no proxy may relay (H7): a 1xx nobody asked for (a 101 hands over the raw
    /// connection), or Content-Length with Transfer-Encoding (RFC 9112 §6.3: a smuggling sign).
    /// </summary>
    FramingFault,
}
