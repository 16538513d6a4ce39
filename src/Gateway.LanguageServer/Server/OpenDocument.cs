using Microsoft.CodeAnalysis.Text;

namespace Gateway.LanguageServer.Server;

/// <summary>One open document as the client last sent it. Immutable: a change replaces it.</summary>
internal sealed record OpenDocument(string Uri, string Path, int Version, SourceText Text);
