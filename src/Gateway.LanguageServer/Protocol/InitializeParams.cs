namespace Gateway.LanguageServer.Protocol;

/// <summary>The part of <c>initialize</c>'s parameters the server reads.</summary>
internal sealed record InitializeParams(InitializationOptions? InitializationOptions);
