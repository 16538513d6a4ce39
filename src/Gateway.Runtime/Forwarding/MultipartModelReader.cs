using System.Text;
using Microsoft.Net.Http.Headers;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// Finds the <c>model</c> form field of a buffered <c>multipart/form-data</c> body (RFC 7578) without
/// parsing the form: scan for delimiters, read each part's headers, stop at <c>name="model"</c>.
/// Audio parts are never copied or decoded.
/// </summary>
internal static class MultipartModelReader
{
    private const int MaxModelBytes = 1024;

    /// <summary>Reads the boundary parameter of a <c>multipart/form-data</c> content type, or null.</summary>
    public static string? GetBoundary(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media) ||
            !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary);
        // RFC 2046 §5.1.1: 1 to 70 characters.
        return boundary.Length is > 0 and <= 70 ? boundary.ToString() : null;
    }

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
        if (body.StartsWith(dashBoundary))
        {
            position = dashBoundary.Length;
        }
        else
        {
            var first = body.IndexOf(delimiter);
            if (first < 0) return PeekStatus.Malformed;
            position = first + delimiter.Length;
        }

        while (true)
        {
            var rest = body[position..];
            if (rest.StartsWith("--"u8)) return PeekStatus.Missing; // close delimiter
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
            var next = body[contentStart..].IndexOf(delimiter);
            if (next < 0) return PeekStatus.Malformed;

            if (IsModelPart(headers))
            {
                var value = body.Slice(contentStart, next);
                if (value.Length is 0 or > MaxModelBytes) return PeekStatus.WrongType;
                if (!System.Text.Unicode.Utf8.IsValid(value)) return PeekStatus.WrongType;
                field = new ModelField(Encoding.UTF8.GetString(value), contentStart, next, false);
                return PeekStatus.Found;
            }
            position = contentStart + next + delimiter.Length;
        }
    }

    /// <summary>True when a part's headers contain <c>Content-Disposition: form-data; name="model"</c>.</summary>
    private static bool IsModelPart(ReadOnlySpan<byte> headers)
    {
        while (!headers.IsEmpty)
        {
            var end = headers.IndexOf("\r\n"u8);
            var line = end < 0 ? headers : headers[..end];
            headers = end < 0 ? default : headers[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon < 0 || !Ascii.EqualsIgnoreCase(line[..colon].Trim((byte)' '), "content-disposition"u8)) continue;
            var value = Encoding.ASCII.GetString(line[(colon + 1)..]);
            if (ContentDispositionHeaderValue.TryParse(value, out var disposition) &&
                HeaderUtilities.RemoveQuotes(disposition.Name).Equals("model", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
