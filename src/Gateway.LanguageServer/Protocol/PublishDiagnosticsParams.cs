namespace Gateway.LanguageServer.Protocol;

/// <summary>Parameters of <c>textDocument/publishDiagnostics</c>: every diagnostic of the document version compiled.</summary>
internal sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);
