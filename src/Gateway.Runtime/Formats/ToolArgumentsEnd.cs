namespace Gateway.Runtime.Formats;

/// <summary>
/// Follows a tool call's streamed arguments (pieces of a JSON text, each still JSON-string-encoded as it
/// arrived) far enough to tell when the top-level object or array has closed: after that the call can
/// have no more arguments, so its Anthropic block can be closed before the upstream says so. Counts
/// brackets outside strings; escapes of the outer encoding (<c>\"</c>, <c>\\</c>, <c>\u007d</c>) are
/// decoded on the fly, one piece at a time, without copying. A value, nothing to return to a pool.
/// </summary>
internal struct ToolArgumentsEnd
{
    private int _depth;
    private bool _opened;
    private bool _inString;
    private bool _escaped;

    /// <summary>True once the arguments' top-level value has closed.</summary>
    public readonly bool IsComplete => _opened && _depth == 0 && !_inString;

    /// <summary>Reads one piece: the encoded content of a JSON string (no quotes), escapes complete.</summary>
    public void Feed(ReadOnlySpan<byte> encodedContent)
    {
        for (var i = 0; i < encodedContent.Length; i++)
        {
            var c = encodedContent[i];
            if (c == (byte)'\\' && i + 1 < encodedContent.Length)
            {
                c = Unescape(encodedContent, ref i);
            }
            Step(c);
        }
    }

    /// <summary>The character the escape at <paramref name="i"/> stands for (0 for one that cannot be structural); moves past it.</summary>
    private static byte Unescape(ReadOnlySpan<byte> encoded, ref int i)
    {
        var kind = encoded[++i];
        if (kind != (byte)'u')
        {
            // \" and \\ and \/ stand for themselves; \n, \t, … are whitespace or text, never structure.
            return kind is (byte)'"' or (byte)'\\' or (byte)'/' ? kind : (byte)0;
        }
        if (i + 4 >= encoded.Length)
        {
            return 0;
        }
        var value = 0;
        for (var k = 1; k <= 4; k++)
        {
            var h = encoded[i + k];
            var digit = h is >= (byte)'0' and <= (byte)'9' ? h - '0'
                : (h | 0x20) is >= 'a' and <= 'f' ? (h | 0x20) - 'a' + 10
                : -1;
            if (digit < 0) return 0;
            value = (value << 4) | digit;
        }
        i += 4;
        return value < 0x80 ? (byte)value : (byte)0;
    }

    private void Step(byte c)
    {
        if (_inString)
        {
            if (_escaped) _escaped = false;
            else if (c == (byte)'\\') _escaped = true;
            else if (c == (byte)'"') _inString = false;
            return;
        }
        switch (c)
        {
            case (byte)'"':
                _inString = true;
                break;
            case (byte)'{' or (byte)'[':
                _opened = true;
                _depth++;
                break;
            case (byte)'}' or (byte)']':
                if (_depth > 0) _depth--;
                break;
        }
    }
}
