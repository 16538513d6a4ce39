using System.Globalization;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>What <see cref="RawHttp"/> read: the status (0 when nothing arrived), the header block and the body as sent.</summary>
internal sealed record RawResponse(int Status, string Head, string Body)
{
    public static RawResponse Parse(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var body = end < 0 ? "" : text[(end + 4)..];
        var parts = head.Split(' ', 3);
        var status = parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        return new RawResponse(status, head, body);
    }

    /// <summary>The value of a response header (case-insensitive name), or null.</summary>
    public string? Header(string name) => Head.Split("\r\n").Skip(1)
        .Select(line => line.Split(':', 2))
        .Where(pair => pair.Length == 2 && pair[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
        .Select(pair => pair[1].Trim())
        .FirstOrDefault();
}
