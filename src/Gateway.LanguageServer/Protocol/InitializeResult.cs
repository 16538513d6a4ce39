namespace Gateway.LanguageServer.Protocol;

/// <summary>The result of <c>initialize</c>.</summary>
internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);
