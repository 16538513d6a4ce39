namespace Gateway.LanguageServer.Protocol;

/// <summary>A position in a document: 0-based line and UTF-16 code unit offset in that line (LSP's default encoding, which is also Roslyn's LinePosition).</summary>
internal sealed record Position(int Line, int Character);
