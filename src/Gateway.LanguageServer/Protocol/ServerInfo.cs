namespace Gateway.LanguageServer.Protocol;

/// <summary>The server's name and version, shown by some clients.</summary>
internal sealed record ServerInfo(string Name, string Version);
