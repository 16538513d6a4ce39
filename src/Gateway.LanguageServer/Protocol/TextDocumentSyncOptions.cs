namespace Gateway.LanguageServer.Protocol;

/// <summary>Open/close notifications and full-text changes (<c>change = 1</c>): a config file is small, and a full text cannot go out of step.</summary>
internal sealed record TextDocumentSyncOptions(bool OpenClose, int Change);
