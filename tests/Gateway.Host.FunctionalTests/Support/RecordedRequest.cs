using System.Text;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>What the fake upstream received: everything a leak or routing assertion needs.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string[] HeaderValues(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();

    /// <summary>Request line, headers and body as one string, for sentinel scans.</summary>
    public string AllText => $"{Method} {Path}{Query}\n" + string.Join("\n", Headers.Select(h => $"{h.Key}: {h.Value}")) + "\n\n" + BodyText;
}
