namespace Gateway.LanguageServer.Protocol;

/// <summary>What a client may pass in <c>initializationOptions</c>: the debounce of change-triggered compiles.</summary>
internal sealed record InitializationOptions(int? DebounceMs);
