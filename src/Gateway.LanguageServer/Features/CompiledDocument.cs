using Gateway.LanguageServer.Server;

namespace Gateway.LanguageServer.Features;

/// <summary>The result of compiling one version of a document: its diagnostics, in the build's order.</summary>
internal sealed record CompiledDocument(OpenDocument Document, IReadOnlyList<PublishedDiagnostic> Diagnostics);
