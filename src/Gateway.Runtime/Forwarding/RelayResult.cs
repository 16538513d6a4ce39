namespace Gateway.Runtime.Forwarding;

/// <summary>How relaying a response ended; decides whether the forwarder may still fall back (R10).</summary>
internal enum RelayResult : byte
{
    /// <summary>The whole body reached the client.</summary>
    Completed,
    /// <summary>The client went away.</summary>
    ClientAborted,
    /// <summary>The upstream body failed before any byte was sent: headers were cleared, another attempt may run.</summary>
    FailedBeforeStart,
    /// <summary>Same, because the upstream went silent longer than the timeout.</summary>
    TimedOutBeforeStart,
    /// <summary>The upstream failed after the response started: it was ended with an error event or aborted (T4).</summary>
    FailedAfterStart,
}
