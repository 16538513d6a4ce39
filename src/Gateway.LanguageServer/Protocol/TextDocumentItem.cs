namespace Gateway.LanguageServer.Protocol;

/// <summary>An opened document with its full text.</summary>
internal sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);
