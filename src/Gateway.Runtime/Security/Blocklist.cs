using System.Buffers;

namespace Gateway.Runtime.Security;

/// <summary>
/// The <c>[security] blocklist</c> as ONE multi-string matcher (Aho-Corasick/Teddy inside
/// <see cref="SearchValues{T}"/>): one pass over the text for every word, case-insensitively.
/// The generated table already carries this matcher (<c>SecuritySettings.BlocklistMatcher</c>, built from
/// the words as literals); this fallback serves hand-built settings such as tests.
/// </summary>
internal static class Blocklist
{
    /// <summary>Null when there are no words (nothing to search for).</summary>
    public static SearchValues<string>? Create(ReadOnlySpan<string> words) =>
        words.IsEmpty ? null : SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);
}
