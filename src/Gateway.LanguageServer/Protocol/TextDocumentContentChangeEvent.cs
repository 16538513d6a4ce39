namespace Gateway.LanguageServer.Protocol;

/// <summary>One change: the whole new text, or (incremental clients) the text replacing <see cref="Range"/>.</summary>
internal sealed record TextDocumentContentChangeEvent(LspRange? Range, string Text);
