namespace Gateway.Runtime.Relay;

/// <summary>What the first data-carrying event of a server-sent-event stream is.</summary>
internal enum SseFirstEventKind : byte
{
    /// <summary>No complete event yet.</summary>
    Incomplete,
    /// <summary>An ordinary event (or one that is not JSON): relay the stream.</summary>
    Data,
    /// <summary><c>data: {"error":…}</c>: the upstream failed in band (R11).</summary>
    Error,
}
