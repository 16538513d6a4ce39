namespace Gateway.LanguageServer.Protocol;

/// <summary>One GW diagnostic as LSP sends it: the build's id as <c>code</c>, its range, severity and message.</summary>
internal sealed record LspDiagnostic(LspRange Range, int Severity, string Code, string Source, string Message);
