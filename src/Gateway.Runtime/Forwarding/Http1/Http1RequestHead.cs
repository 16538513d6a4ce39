using System.Buffers;
using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Text;

namespace Gateway.Runtime.Forwarding.Http1;

/// <summary>Serialises a request head (RFC 9112 §3) into a rented buffer, with room left for a small body.</summary>
internal static class Http1RequestHead
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    /// <summary>The head in a rented array (the caller returns it); <paramref name="length"/> bytes are used.</summary>
    public static byte[] Write(HttpRequestMessage request, byte[] hostLine, int bodyLength, out int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(2048 + bodyLength);
        length = 0;
        try
        {
            Append(ref buffer, ref length, request.Method.Method);
            Append(ref buffer, ref length, " "u8);
            Append(ref buffer, ref length, request.RequestUri!.PathAndQuery);
            Append(ref buffer, ref length, " HTTP/1.1\r\n"u8);
            Append(ref buffer, ref length, hostLine);
            AppendHeaders(ref buffer, ref length, request.Headers);
            if (request.Content is { } content)
            {
                AppendHeaders(ref buffer, ref length, content.Headers);
            }
            Append(ref buffer, ref length, "Content-Length: "u8);
            Reserve(ref buffer, length, 20);
            Utf8Formatter.TryFormat(bodyLength, buffer.AsSpan(length), out var written);
            length += written;
            Append(ref buffer, ref length, "\r\n\r\n"u8);
            return buffer;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static void AppendHeaders(ref byte[] buffer, ref int length, HttpHeaders headers)
    {
        foreach (var header in headers.NonValidated)
        {
            var name = header.Key;
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue; // ours to write
            }
            var separator = name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ";
            Append(ref buffer, ref length, name);
            Append(ref buffer, ref length, ": "u8);
            var first = true;
            foreach (var value in header.Value)
            {
                if (!first) Append(ref buffer, ref length, separator);
                first = false;
                Append(ref buffer, ref length, value);
            }
            Append(ref buffer, ref length, Crlf);
        }
    }

    /// <summary>
    /// ASCII only, and never CR, LF or NUL: a value from the environment (a credential with a trailing
    /// newline, say) must not split the head into a second header or request.
    /// </summary>
    private static void Append(ref byte[] buffer, ref int length, string text)
    {
        Reserve(ref buffer, length, text.Length);
        if (Ascii.FromUtf16(text, buffer.AsSpan(length), out var written) != OperationStatus.Done
            || buffer.AsSpan(length, written).IndexOfAny((byte)'\r', (byte)'\n', (byte)0) >= 0)
        {
            throw new HttpRequestException(HttpRequestError.Unknown, "A request header holds a character HTTP/1.1 cannot carry (non-ASCII, CR, LF or NUL).");
        }
        length += written;
    }

    private static void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> bytes)
    {
        Reserve(ref buffer, length, bytes.Length);
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private static void Reserve(ref byte[] buffer, int length, int more)
    {
        if (buffer.Length - length >= more) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + more));
        buffer.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }
}
