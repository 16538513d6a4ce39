namespace Gateway.LanguageServer.Protocol;

/// <summary>Edits per document URI.</summary>
internal sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);
