using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Makes a recorded request safe and stable to check in: the caller key becomes <c>sk-redacted</c>, the run's
/// private HOME and working directory become fixed placeholders, and per-run ids (UUIDs such as session ids,
/// 64-hex device ids, the date Claude Code puts in its prompt) become fixed values. One instance per request,
/// used for its body and then its headers, so an id shared by both gets the same stand-in.
/// </summary>
internal sealed partial class FixtureScrubber(string? workDir, string? homeDir)
{
    public const string WorkPlaceholder = "/work/recorded";
    public const string HomePlaceholder = "/home/recorder";

    private readonly Dictionary<string, string> _uuids = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Not secret, but per machine or per run.</summary>
    private static readonly string[] DroppedHeaders = ["host", "content-length"];

    public string Body(string text)
    {
        text = text.Replace(Sentinels.CallerKey, "sk-redacted", StringComparison.Ordinal);
        // The working directory may sit inside the temp dir the home is in; the longer path goes first.
        foreach (var (path, placeholder) in new[] { (workDir, WorkPlaceholder), (homeDir, HomePlaceholder) }
            .Where(p => !string.IsNullOrEmpty(p.Item1)).OrderByDescending(p => p.Item1!.Length))
        {
            text = text.Replace(path!, placeholder, StringComparison.Ordinal);
            // Claude Code also names its per-project memory dir after the path, '/' spelled '-'.
            text = text.Replace(path!.Replace('/', '-'), placeholder.Replace('/', '-'), StringComparison.Ordinal);
        }
        text = text.Replace("/home/" + Environment.UserName + "/", HomePlaceholder + "/", StringComparison.Ordinal);
        text = Uuid().Replace(text, m => _uuids.TryGetValue(m.Value, out var seen) ? seen
            : _uuids[m.Value] = $"00000000-0000-4000-8000-{_uuids.Count + 1:D12}");
        text = Hex64().Replace(text, new string('0', 64));
        text = PromptDate().Replace(text, "${label}2026-01-01");
        text = OsVersion().Replace(text, "${label}Linux 6.0.0-recorded");
        return text;
    }

    /// <summary>Method, path and query, and every header but host and length, by name; credentials redacted.</summary>
    public string Headers(RecordedRequest request)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Headers)
        {
            var key = name.ToLowerInvariant();
            if (DroppedHeaders.Contains(key)) continue;
            headers[key] = key switch
            {
                "x-api-key" or "api-key" => "sk-redacted",
                "authorization" => "Bearer sk-redacted",
                _ => Body(value),
            };
        }
        return JsonSerializer.Serialize(new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["method"] = request.Method,
            ["path"] = request.Path + request.Query,
            ["headers"] = headers,
        }, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Uuid();

    [GeneratedRegex("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")]
    private static partial Regex Hex64();

    [GeneratedRegex(@"(?<label>[Dd]ate(?: is)?:? )\d{4}-\d{2}-\d{2}")]
    private static partial Regex PromptDate();

    /// <summary>The kernel build of the recording machine, in Claude Code's environment section.</summary>
    [GeneratedRegex(@"(?<label>OS Version: )[^\n\\]+")]
    private static partial Regex OsVersion();
}
