using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Runtime.Forwarding.Http1;

/// <summary>
/// Reads and parses a response head (RFC 9112 §4–6) from a connection: status line, header fields, and
/// the body framing they imply. Interim 1xx responses are skipped. Malformed heads are
/// <see cref="HttpRequestError.InvalidResponse"/>; a connection that ends before its first byte is
/// <see cref="HttpRequestError.ResponseEnded"/> (the handler may then retry on a fresh connection).
/// </summary>
internal static class Http1ResponseHead
{
    public static async ValueTask<HttpResponseMessage> ReadAsync(Http1Handler owner, Http1Connection connection, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var received = false;
        while (true)
        {
            int end;
            while ((end = HeadLength(connection.Buffered)) < 0)
            {
                int read;
                try
                {
                    read = await connection.FillAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException ex)
                {
                    throw new HttpRequestException(received ? HttpRequestError.Unknown : HttpRequestError.ResponseEnded, "The upstream connection failed before the response head.", ex);
                }
                if (read == 0)
                {
                    throw received
                        ? new HttpRequestException(HttpRequestError.InvalidResponse, "The upstream closed the connection in the middle of the response head.")
                        : new HttpRequestException(HttpRequestError.ResponseEnded, "The upstream closed the connection without a response.");
                }
                received = true;
            }
            // Consumed before the body starts: a body-less response hands the connection back to the pool,
            // and the next request on it must not see this head again.
            var head = connection.Buffered[..end];
            connection.Consume(end);
            var response = Parse(owner, connection, request, head, out var interim);
            if (!interim)
            {
                return response!;
            }
        }
    }

    /// <summary>Bytes up to and including the blank line that ends the head, or -1 when not all there yet.</summary>
    private static int HeadLength(ReadOnlySpan<byte> buffered)
    {
        var at = buffered.IndexOf("\r\n\r\n"u8);
        if (at >= 0) return at + 4;
        at = buffered.IndexOf("\n\n"u8); // bare LF line ends (RFC 9112 §2.2 lets a recipient accept them)
        return at >= 0 ? at + 2 : -1;
    }

    private static HttpResponseMessage? Parse(Http1Handler owner, Http1Connection connection, HttpRequestMessage request, ReadOnlySpan<byte> head, out bool interim)
    {
        var lineEnd = head.IndexOf((byte)'\n');
        var statusLine = TrimCr(head[..lineEnd]);
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100
            || (statusLine.Length > 12 && statusLine[12] != (byte)' '))
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, "The upstream sent an invalid status line.");
        }
        var http10 = statusLine[7] == (byte)'0';
        interim = status is >= 100 and < 200 && status != 101;
        if (interim)
        {
            return null;
        }
        var fields = head[(lineEnd + 1)..];

        // First pass: framing and persistence, without allocating.
        long contentLength = -1;
        bool chunked = false, transferEncoding = false, close = false;
        var first = new FieldReader(fields);
        while (first.MoveNext())
        {
            var name = first.Name;
            var value = first.Value;
            if (name.EqualsAsciiIgnoreCase("Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0
                    || (contentLength >= 0 && contentLength != length))
                {
                    throw new HttpRequestException(HttpRequestError.InvalidResponse, "The upstream sent an invalid Content-Length.");
                }
                contentLength = length;
            }
            else if (name.EqualsAsciiIgnoreCase("Transfer-Encoding"u8))
            {
                transferEncoding = true;
                // Chunked must be the final coding (RFC 9112 §6.3); anything else reads until close.
                var last = value.LastIndexOf((byte)',');
                chunked = TrimWhitespace(last < 0 ? value : value[(last + 1)..]).EqualsAsciiIgnoreCase("chunked"u8);
            }
            else if (name.EqualsAsciiIgnoreCase("Connection"u8))
            {
                close |= ContainsToken(value, "close"u8);
            }
        }
        var framing = status is 204 or 304 or 101 || request.Method == HttpMethod.Head ? BodyFraming.None
            : transferEncoding ? (chunked ? BodyFraming.Chunked : BodyFraming.UntilClose)
            : contentLength >= 0 ? BodyFraming.ContentLength
            : BodyFraming.UntilClose;
        // Both Transfer-Encoding and Content-Length: a smuggling shape; read by TE, then close (RFC 9112 §6.1).
        // HTTP/1.0 and 101 (the connection would switch protocols) are never reused either.
        var reusable = !close && !(transferEncoding && contentLength >= 0) && !http10 && status != 101;

        var body = new Http1BodyStream(owner, connection, framing, contentLength, reusable);
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Version = http10 ? HttpVersion.Version10 : HttpVersion.Version11,
            RequestMessage = request,
            Content = new Http1ResponseContent(body),
        };
        // Second pass: the fields as strings (Latin-1, as SocketsHttpHandler decodes them by default).
        var second = new FieldReader(fields);
        while (second.MoveNext())
        {
            var name = second.Name;
            var value = second.Value;
            var nameText = KnownName(name) ?? Encoding.ASCII.GetString(name);
            var valueText = Encoding.Latin1.GetString(value);
            if (!response.Headers.TryAddWithoutValidation(nameText, valueText))
            {
                response.Content.Headers.TryAddWithoutValidation(nameText, valueText);
            }
        }
        body.Start();
        return response;
    }

    /// <summary>Interned names for the fields every response has (no string per response for them).</summary>
    private static string? KnownName(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.EqualsAsciiIgnoreCase("Date"u8) => "Date",
        6 when name.EqualsAsciiIgnoreCase("Server"u8) => "Server",
        10 when name.EqualsAsciiIgnoreCase("Connection"u8) => "Connection",
        12 when name.EqualsAsciiIgnoreCase("Content-Type"u8) => "Content-Type",
        13 when name.EqualsAsciiIgnoreCase("Cache-Control"u8) => "Cache-Control",
        14 when name.EqualsAsciiIgnoreCase("Content-Length"u8) => "Content-Length",
        17 when name.EqualsAsciiIgnoreCase("Transfer-Encoding"u8) => "Transfer-Encoding",
        _ => null,
    };

    private static bool EqualsAsciiIgnoreCase(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> other) => Ascii.EqualsIgnoreCase(span, other);

    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (TrimWhitespace(value[range]).EqualsAsciiIgnoreCase(token)) return true;
        }
        return false;
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) => !line.IsEmpty && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> text) => text.Trim(" \t"u8);

    /// <summary>The header fields of a head: <c>name: value</c> lines up to the blank line (obsolete line folding is refused).</summary>
    private ref struct FieldReader(ReadOnlySpan<byte> fields)
    {
        private ReadOnlySpan<byte> _rest = fields;

        public ReadOnlySpan<byte> Name { get; private set; }

        public ReadOnlySpan<byte> Value { get; private set; }

        public bool MoveNext()
        {
            var newline = _rest.IndexOf((byte)'\n');
            if (newline < 0) return false;
            var line = TrimCr(_rest[..newline]);
            _rest = _rest[(newline + 1)..];
            if (line.IsEmpty) return false;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t' || line[colon - 1] is (byte)' ' or (byte)'\t')
            {
                throw new HttpRequestException(HttpRequestError.InvalidResponse, "The upstream sent an invalid header field.");
            }
            Name = line[..colon];
            Value = TrimWhitespace(line[(colon + 1)..]);
            return true;
        }
    }
}
