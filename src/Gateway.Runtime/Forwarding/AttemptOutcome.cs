namespace Gateway.Runtime.Forwarding;

/// <summary>What one upstream send produced before any byte reached the client.</summary>
internal enum AttemptOutcome : byte
{
    /// <summary>Response headers arrived.</summary>
    Response,
    /// <summary>No connection: refused, unreachable, DNS, TLS.</summary>
    Failed,
    /// <summary>The connection broke before headers: reset, protocol error.</summary>
    Lost,
    /// <summary>No headers within the attempt timeout.</summary>
    TimedOut,
    /// <summary>The client went away: no answer, no further attempt.</summary>
    ClientAborted,
}
