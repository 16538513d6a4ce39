namespace Gateway.LanguageServer.Protocol;

/// <summary>One completion proposal; <see cref="TextEdit"/> replaces what was typed of it.</summary>
internal sealed record CompletionItem(string Label, int Kind, string? Detail, MarkupContent? Documentation, TextEdit? TextEdit, string? SortText);
