using System.Text;
using Microsoft.Net.Http.Headers;

namespace Gateway.Runtime.Ingress;

/// <summary>
/// Finds the <c>model</c> form field of a buffered <c>multipart/form-data</c> body (RFC 7578) without
/// parsing the form: scan for delimiters and read each part's headers.
/// Audio parts are never copied or decoded.
/// </summary>
internal static class MultipartModelReader
{
    private const int MaxModelBytes = 1024;

    /// <summary>Reads the boundary parameter of a <c>multipart/form-data</c> content type, or null.</summary>
    /// <param name="contentType">The request's <c>Content-Type</c>.</param>
    /// <param name="duplicate">
    /// Set when the content type has more than one <c>boundary</c> parameter: parsers disagree on which
    /// one counts, so the gateway and the upstream could split the form differently (H6).
    /// </param>
    public static string? GetBoundary(string? contentType, out bool duplicate)
    {
        duplicate = false;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media) ||
            !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var boundaries = 0;
        foreach (var parameter in media.Parameters)
        {
            if (parameter.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase) ||
                parameter.Name.Equals("boundary*", StringComparison.OrdinalIgnoreCase))
            {
                boundaries++;
            }
        }
        if (boundaries > 1)
        {
            duplicate = true;
            return null;
        }
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary);
        // RFC 2046 §5.1.1: 1 to 70 characters.
        return boundary.Length is > 0 and <= 70 ? boundary.ToString() : null;
    }

    /// <summary>
    /// Walks the whole form (so a second <c>model</c> part further on is seen) and returns the one
    /// <c>model</c> part. Only real delimiter lines count: <c>CRLF--boundary</c> followed by optional
    /// whitespace and CRLF, or by <c>--</c> (RFC 2046 §5.1.1); the same bytes elsewhere are content.
    /// </summary>
    public static PeekStatus Peek(ReadOnlySpan<byte> body, string boundary, out ModelField field)
    {
        field = default;
        Span<byte> delimiter = stackalloc byte[boundary.Length + 4];
        delimiter[0] = (byte)'\r';
        delimiter[1] = (byte)'\n';
        delimiter[2] = (byte)'-';
        delimiter[3] = (byte)'-';
        if (Encoding.ASCII.GetBytes(boundary, delimiter[4..]) != boundary.Length)
        {
            return PeekStatus.Malformed;
        }
        var dashBoundary = delimiter[2..];

        // The first delimiter may start the body (no preceding CRLF).
        int position;
        if (body.StartsWith(dashBoundary) && IsDelimiterEnd(body[dashBoundary.Length..]))
        {
            position = dashBoundary.Length;
        }
        else
        {
            var first = NextDelimiter(body, 0, delimiter);
            if (first < 0) return PeekStatus.Malformed;
            position = first + delimiter.Length;
        }

        var found = false;
        while (true)
        {
            var rest = body[position..];
            if (rest.StartsWith("--"u8)) break; // close delimiter; the epilogue is ignored by every parser
            var lineEnd = rest.IndexOf("\r\n"u8);
            if (lineEnd < 0) return PeekStatus.Malformed;
            var headersStart = position + lineEnd + 2; // skip transport padding and CRLF
            ReadOnlySpan<byte> headers;
            int contentStart;
            if (body[headersStart..].StartsWith("\r\n"u8))
            {
                // A part without headers: the empty line follows the delimiter line directly.
                headers = default;
                contentStart = headersStart + 2;
            }
            else
            {
                var headersEnd = body[headersStart..].IndexOf("\r\n\r\n"u8);
                if (headersEnd < 0) return PeekStatus.Malformed;
                headers = body.Slice(headersStart, headersEnd);
                contentStart = headersStart + headersEnd + 4;
            }
            var next = NextDelimiter(body, contentStart, delimiter);
            if (next < 0) return PeekStatus.Malformed;

            switch (ReadPartName(headers))
            {
                case PartName.Ambiguous:
                    return PeekStatus.Duplicate;
                case PartName.Model when found:
                    return PeekStatus.Duplicate;
                case PartName.Model:
                    found = true;
                    var value = body[contentStart..next];
                    if (value.Length is 0 or > MaxModelBytes) return PeekStatus.WrongType;
                    if (!System.Text.Unicode.Utf8.IsValid(value)) return PeekStatus.WrongType;
                    field = new ModelField(Encoding.UTF8.GetString(value), contentStart, next - contentStart, false);
                    break;
            }
            position = next + delimiter.Length;
        }
        return found ? PeekStatus.Found : PeekStatus.Missing;
    }

    /// <summary>Offset of the next real delimiter (<c>CRLF--boundary</c> ending a line) at or after <paramref name="from"/>, or -1.</summary>
    private static int NextDelimiter(ReadOnlySpan<byte> body, int from, ReadOnlySpan<byte> delimiter)
    {
        while (true)
        {
            var hit = body[from..].IndexOf(delimiter);
            if (hit < 0) return -1;
            var at = from + hit;
            if (IsDelimiterEnd(body[(at + delimiter.Length)..])) return at;
            from = at + 1;
        }
    }

    /// <summary>What may follow <c>--boundary</c> on a delimiter line: <c>--</c>, or transport padding then CRLF.</summary>
    private static bool IsDelimiterEnd(ReadOnlySpan<byte> after)
    {
        if (after.StartsWith("--"u8)) return true;
        var i = 0;
        while (i < after.Length && after[i] is (byte)' ' or (byte)'\t') i++;
        return after[i..].StartsWith("\r\n"u8);
    }

    private enum PartName : byte { Other, Model, Ambiguous }

    /// <summary>
    /// Reads a part's field name from <c>Content-Disposition: form-data; name="…"</c>. A part with two
    /// Content-Disposition headers, two <c>name</c> parameters or a <c>name*</c> is ambiguous;
    /// <c>model</c> is matched case-insensitively because some form parsers fold field names.
    /// </summary>
    private static PartName ReadPartName(ReadOnlySpan<byte> headers)
    {
        var result = PartName.Other;
        var dispositions = 0;
        while (!headers.IsEmpty)
        {
            var end = headers.IndexOf("\r\n"u8);
            var line = end < 0 ? headers : headers[..end];
            headers = end < 0 ? default : headers[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon < 0 || !Ascii.EqualsIgnoreCase(line[..colon].Trim((byte)' '), "content-disposition"u8)) continue;
            if (++dispositions > 1) return PartName.Ambiguous;
            var value = Encoding.Latin1.GetString(line[(colon + 1)..]);
            if (!ContentDispositionHeaderValue.TryParse(value, out var disposition)) continue;
            var names = 0;
            foreach (var parameter in disposition.Parameters)
            {
                // RFC 7578 §4.2 has no name*; a parser that decodes it anyway could read another name.
                if (parameter.Name.Equals("name*", StringComparison.OrdinalIgnoreCase)) return PartName.Ambiguous;
                if (parameter.Name.Equals("name", StringComparison.OrdinalIgnoreCase)) names++;
            }
            if (names > 1) return PartName.Ambiguous;
            if (HeaderUtilities.RemoveQuotes(disposition.Name).Equals("model", StringComparison.OrdinalIgnoreCase))
            {
                result = PartName.Model;
            }
        }
        return result;
    }
}
