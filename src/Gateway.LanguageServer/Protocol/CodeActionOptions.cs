namespace Gateway.LanguageServer.Protocol;

/// <summary>The kinds of code action offered.</summary>
internal sealed record CodeActionOptions(IReadOnlyList<string> CodeActionKinds);
