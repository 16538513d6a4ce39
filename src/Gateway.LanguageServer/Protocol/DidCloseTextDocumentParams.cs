namespace Gateway.LanguageServer.Protocol;

/// <summary>Parameters of <c>textDocument/didClose</c>.</summary>
internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);
