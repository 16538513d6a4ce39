using Gateway.Runtime.Credentials;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>Credentials from a dictionary instead of the process environment.</summary>
internal sealed class DictionaryCredentialSource(IReadOnlyDictionary<string, string> values) : ICredentialSource
{
    public string? GetEnvironmentVariable(string name) => values.GetValueOrDefault(name);

    public string? ReadFile(string path, out string? error)
    {
        error = "file not found";
        return null;
    }
}
