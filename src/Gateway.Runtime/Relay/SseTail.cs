namespace Gateway.Runtime.Relay;

/// <summary>
/// The last bytes relayed on a server-sent-event stream, enough to tell whether the client is between
/// events. The WHATWG event-stream format ends an event with an empty line; a line ends with CRLF,
/// LF or CR. On failure mid-event the gateway closes the half-written event before its error event (T4).
/// </summary>
internal struct SseTail
{
    private uint _last4; // last four bytes, most recent in the low byte
    private int _count;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var start = Math.Max(0, bytes.Length - 4);
        for (var i = start; i < bytes.Length; i++)
        {
            _last4 = (_last4 << 8) | bytes[i];
        }
        _count += bytes.Length;
    }

    /// <summary>True when nothing was written or the last bytes end an event (a blank line).</summary>
    public readonly bool AtEventBoundary => EndsEvent(_last4, _count);

    /// <summary>
    /// Whether a byte stream of <paramref name="count"/> bytes whose last four are <paramref name="last4"/>
    /// (most recent in the low byte) is between events; shared with <see cref="ResponseUsageCapture"/>,
    /// whose ring already holds the last bytes when it exists.
    /// </summary>
    public static bool EndsEvent(uint last4, long count)
    {
        if (count == 0) return true;
        var b1 = (byte)last4;
        var b2 = (byte)(last4 >> 8);
        var b3 = (byte)(last4 >> 16);
        var b4 = (byte)(last4 >> 24);
        return (b1 == '\n' && b2 == '\n') || // LF LF, or CR LF LF
               (b1 == '\r' && b2 == '\r') || // CR CR
               (count >= 4 && b1 == '\n' && b2 == '\r' && b3 == '\n' && b4 == '\r'); // CRLF CRLF
    }
}
