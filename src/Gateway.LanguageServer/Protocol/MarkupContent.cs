namespace Gateway.LanguageServer.Protocol;

/// <summary>Markdown or plain text shown by the editor.</summary>
internal sealed record MarkupContent(string Kind, string Value);
