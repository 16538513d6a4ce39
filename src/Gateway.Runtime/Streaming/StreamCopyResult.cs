namespace Gateway.Runtime.Streaming;

/// <summary>How a response body copy ended. Failures are values: the forwarder decides what the client sees.</summary>
internal enum StreamCopyResult : byte
{
    Success,
    /// <summary>Reading the upstream failed (reset, protocol error).</summary>
    InputError,
    /// <summary>The upstream was silent longer than the attempt timeout.</summary>
    InputTimeout,
    /// <summary>Writing to the client failed or the client went away.</summary>
    OutputError,
    /// <summary>A write to the client made no progress for the attempt timeout: the client stopped reading (R03).</summary>
    OutputStalled,
}
