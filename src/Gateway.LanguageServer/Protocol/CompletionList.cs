namespace Gateway.LanguageServer.Protocol;

/// <summary>The result of <c>textDocument/completion</c>.</summary>
internal sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);
