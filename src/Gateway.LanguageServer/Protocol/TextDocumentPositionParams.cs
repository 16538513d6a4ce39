namespace Gateway.LanguageServer.Protocol;

/// <summary>A position in a document: the parameters of hover and completion.</summary>
internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);
