namespace Gateway.LanguageServer.Protocol;

/// <summary>A range in a document, end exclusive (LSP <c>Range</c>).</summary>
internal sealed record LspRange(Position Start, Position End);
