namespace Gateway.Runtime.Model;

/// <summary>Compiled <c>[server]</c> table.</summary>
public sealed class ServerSettings(string host, int port, long maxRequestBodyBytes, int shutdownDrainMs)
{
    public string Host { get; } = host;
    public int Port { get; } = port;
    public long MaxRequestBodyBytes { get; } = maxRequestBodyBytes;
    public int ShutdownDrainMs { get; } = shutdownDrainMs;
}
