namespace Gateway.Runtime.Streaming;

/// <summary>How peeking at the start of an SSE response ended (R11).</summary>
internal enum SsePeekResult : byte
{
    /// <summary>The first event is ordinary, or the peek limit was reached: relay the peeked bytes, then the rest.</summary>
    Relay,
    /// <summary>The first event is an in-band error.</summary>
    ErrorEvent,
    /// <summary>The upstream ended the stream before sending anything.</summary>
    Empty,
    /// <summary>Reading failed (reset, protocol error).</summary>
    InputError,
    /// <summary>No first event within the attempt timeout.</summary>
    InputTimeout,
    /// <summary>The client went away.</summary>
    ClientAborted,
}
