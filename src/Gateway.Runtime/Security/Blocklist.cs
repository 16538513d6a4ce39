using System.Buffers;

namespace Gateway.Runtime.Security;

/// <summary>
/// The <c>[security] blocklist</c> as ONE multi-string matcher (Aho-Corasick/Teddy inside
/// <see cref="SearchValues{T}"/>): one pass over the text for every word, case-insensitively.
/// This is the seam the generator will take over: it can emit the <c>SearchValues.Create</c> call with the
/// words as literals and hand the instance to <see cref="SecurityPipeline"/>; nothing else changes.
/// </summary>
internal static class Blocklist
{
    /// <summary>Null when there are no words (nothing to search for).</summary>
    public static SearchValues<string>? Create(ReadOnlySpan<string> words) =>
        words.IsEmpty ? null : SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);
}
