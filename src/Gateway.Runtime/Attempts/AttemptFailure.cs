namespace Gateway.Runtime.Attempts;

/// <summary>
/// How an attempt ended, from the send through the SSE peek and the relay to the copy, in one vocabulary
/// (YARP's ForwarderError plays this part). The members from <see cref="ConnectionFailed"/> to
/// <see cref="FramingFault"/> fail in a way that may move on to another attempt (SPEC §5, RELIABILITY R09,
/// R11); they are logged and used as the <c>reason</c> metric tag. The last three never move on.
/// </summary>
internal enum AttemptFailure : byte
{
    /// <summary>The attempt succeeded (headers in, or the whole body relayed).</summary>
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
    /// <summary>The client went away: no answer, no further attempt.</summary>
    ClientAborted,
    /// <summary>A write to the client made no progress for the attempt timeout: the client stopped reading (R03).</summary>
    ClientStalled,
    /// <summary>
    /// The upstream failed after the response started: the stream was ended with the error event, or a
    /// non-stream body aborted (T4). Never followed by another attempt (R10).
    /// </summary>
    StreamBroken,
}
