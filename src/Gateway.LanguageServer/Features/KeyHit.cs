namespace Gateway.LanguageServer.Features;

/// <summary>
/// One key segment in the document: <c>base_url</c> in <c>[providers.openai]</c>'s body has the path
/// <c>providers, openai, base_url</c>; the segment <c>openai</c> of the header has <c>providers, openai</c>.
/// </summary>
internal sealed record KeyHit(IReadOnlyList<string> Path, int Start, int Length)
{
    public bool Contains(int offset) => offset >= Start && offset <= Start + Length;
}
