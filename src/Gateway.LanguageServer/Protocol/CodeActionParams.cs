namespace Gateway.LanguageServer.Protocol;

/// <summary>Parameters of <c>textDocument/codeAction</c>. The client's copy of the diagnostics is not needed: the server uses the ones it published.</summary>
internal sealed record CodeActionParams(TextDocumentIdentifier TextDocument, LspRange Range);
