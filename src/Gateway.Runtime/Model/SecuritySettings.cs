using System.Buffers;
using Gateway.Runtime.Security;

namespace Gateway.Runtime.Model;

/// <summary>Compiled <c>[security]</c> table.</summary>
/// <param name="enabled">Whether the pipeline runs.</param>
/// <param name="blocklist">The words, for documentation and <c>--check</c>.</param>
/// <param name="pii">Enabled detectors.</param>
/// <param name="blocklistMatcher">
/// The words as one case-insensitive multi-string matcher, created by the generated code; null when
/// there are no words.
/// </param>
public sealed class SecuritySettings(bool enabled, string[] blocklist, PiiDetectors pii, SearchValues<string>? blocklistMatcher = null)
{
    public bool Enabled { get; } = enabled;
    /// <summary>Case-insensitive substrings that block a request.</summary>
    public string[] Blocklist { get; } = blocklist;
    public PiiDetectors Pii { get; } = pii;
    /// <summary>One pass over the text finds any blocklist word (Aho-Corasick/Teddy inside <see cref="SearchValues{T}"/>).</summary>
    public SearchValues<string>? BlocklistMatcher { get; } = blocklistMatcher;
}
