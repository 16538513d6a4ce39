namespace Gateway.LanguageServer.Protocol;

/// <summary>A quick fix: the diagnostic it fixes and the edit that fixes it.</summary>
internal sealed record CodeAction(string Title, string Kind, IReadOnlyList<LspDiagnostic> Diagnostics, bool IsPreferred, WorkspaceEdit Edit);
