namespace Gateway.Runtime.Attempts;

/// <summary>What follows a failed attempt (for the retry log line).</summary>
internal enum RetryKind : byte
{
    /// <summary>The same target again, after a backoff.</summary>
    Retry,
    /// <summary>The next target of the fallback chain.</summary>
    Fallback,
    /// <summary>The first target once more after every target failed.</summary>
    Degraded,
}
