namespace Gateway.LanguageServer.Protocol;

/// <summary>Parameters of <c>textDocument/didOpen</c>.</summary>
internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);
