using Gateway.Generator.Model;
using Gateway.LanguageServer.Protocol;

namespace Gateway.LanguageServer.Features;

/// <summary>A compiler diagnostic and the LSP diagnostic made from it (code actions need both).</summary>
internal sealed record PublishedDiagnostic(DiagnosticInfo Info, LspDiagnostic Lsp);
