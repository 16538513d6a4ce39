namespace Gateway.LanguageServer.Protocol;

/// <summary>Names a document by URI.</summary>
internal sealed record TextDocumentIdentifier(string Uri);
