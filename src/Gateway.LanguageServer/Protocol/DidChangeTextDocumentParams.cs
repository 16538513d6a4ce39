namespace Gateway.LanguageServer.Protocol;

/// <summary>Parameters of <c>textDocument/didChange</c>.</summary>
internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);
