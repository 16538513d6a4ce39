namespace Gateway.LanguageServer.Protocol;

/// <summary>Names a document and the version a change produces.</summary>
internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);
