namespace Gateway.Runtime.Credentials;

/// <summary>Reads credential references. The process environment and file system in production; a dictionary in tests.</summary>
public interface ICredentialSource
{
    string? GetEnvironmentVariable(string name);

    /// <summary>Reads a secret file; returns null when it does not exist or cannot be read (<paramref name="error"/> says why).</summary>
    string? ReadFile(string path, out string? error);
}
