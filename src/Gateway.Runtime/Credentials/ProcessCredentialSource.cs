namespace Gateway.Runtime.Credentials;

/// <summary>The real environment and file system.</summary>
public sealed class ProcessCredentialSource : ICredentialSource
{
    public static ProcessCredentialSource Instance { get; } = new();

    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

    public string? ReadFile(string path, out string? error)
    {
        try
        {
            error = null;
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The message names the path and the reason, never contents.
            error = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : ex.GetType().Name;
            return null;
        }
    }
}
