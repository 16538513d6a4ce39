namespace Gateway.LanguageServer.Protocol;

/// <summary>Replace <see cref="Range"/> with <see cref="NewText"/>.</summary>
internal sealed record TextEdit(LspRange Range, string NewText);
