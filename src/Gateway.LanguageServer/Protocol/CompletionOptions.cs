namespace Gateway.LanguageServer.Protocol;

/// <summary>Characters after which the client asks for completion without a keystroke of a word.</summary>
internal sealed record CompletionOptions(IReadOnlyList<string> TriggerCharacters);
