using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Makes a recorded request safe and stable to check in: the caller key becomes <c>sk-redacted</c>, the run's
/// private HOME and working directory become fixed placeholders, and per-run ids (UUIDs such as session ids,
/// 64-hex device ids, the date Claude Code and Codex put in their prompts, Codex's tool-output header and its user-agent's OS) become fixed values. One instance per request,
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
        text = SortClientMetadata(text);
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
        // Codex: the date and zone in its environment context, when its turn started, and the header it
        // puts before a command's output (a random chunk id and the wall time the command took).
        text = CodexContext().Replace(text, m => m.Groups["tag"].Value == "current_date" ? "<current_date>2026-01-01</current_date>" : "<timezone>Etc/UTC</timezone>");
        text = CodexTurnStart().Replace(text, "${label}0");
        text = CodexChunkId().Replace(text, "${label}000000");
        text = CodexWallTime().Replace(text, "${label}0.0000 seconds");
        text = CodexUserAgentOs().Replace(text, "${label}(Linux 6.0.0-recorded; x86_64)");
        return text;
    }

    /// <summary>
    /// Codex writes its <c>client_metadata</c> map in a different key order on every run (a hash map), which
    /// would also renumber the UUIDs after it: its keys are sorted, each value kept byte for byte.
    /// </summary>
    private static string SortClientMetadata(string text)
    {
        if (!text.StartsWith('{') || !text.Contains("\"client_metadata\":{", StringComparison.Ordinal)) return text;
        using var body = JsonDocument.Parse(text);
        if (!body.RootElement.TryGetProperty("client_metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object) return text;
        var raw = metadata.GetRawText();
        var sorted = "{" + string.Join(",", metadata.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Name) + ":" + p.Value.GetRawText())) + "}";
        var at = text.IndexOf("\"client_metadata\":" + raw, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), "\"client_metadata\":" + sorted, text.AsSpan(at + "\"client_metadata\":".Length + raw.Length));
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

    [GeneratedRegex(@"<(?<tag>current_date|timezone)>[^<]*</\k<tag>>")]
    private static partial Regex CodexContext();

    /// <summary>In Codex's turn metadata, both as a header and JSON-escaped inside the body's <c>client_metadata</c>.</summary>
    [GeneratedRegex(@"(?<label>turn_started_at_unix_ms\\?"":)\d+")]
    private static partial Regex CodexTurnStart();

    [GeneratedRegex(@"(?<label>Chunk ID: )[0-9a-f]+")]
    private static partial Regex CodexChunkId();

    [GeneratedRegex(@"(?<label>Wall time: )[0-9.]+ seconds")]
    private static partial Regex CodexWallTime();

    /// <summary>The recording machine's OS, in Codex's user-agent (<c>codex_exec/0.171.0 (Debian 12.0.0; x86_64) …</c>).</summary>
    [GeneratedRegex(@"(?<label>codex_exec/[0-9.]+ )\([^)]*\)")]
    private static partial Regex CodexUserAgentOs();

    /// <summary>The kernel build of the recording machine, in Claude Code's environment section.</summary>
    [GeneratedRegex(@"(?<label>OS Version: )[^\n\\]+")]
    private static partial Regex OsVersion();
}
