namespace Gateway.LanguageServer.Protocol;

/// <summary>What the server does.</summary>
internal sealed record ServerCapabilities(TextDocumentSyncOptions TextDocumentSync, bool HoverProvider, CompletionOptions CompletionProvider, CodeActionOptions CodeActionProvider);
