namespace Gateway.Runtime.Credentials;

/// <summary>
/// Collects resolved secrets and every problem; the generated <c>ResolveCredentials</c> calls
/// <see cref="Resolve"/> once per reference so the start-up message can name all of them at once.
/// </summary>
public sealed class CredentialResolver(ICredentialSource source, int count)
{
    private readonly Secret?[] _secrets = new Secret?[count];
    private readonly List<string> _problems = [];

    public void Resolve(int slot, CredentialRequirement requirement)
    {
        string? value;
        string? why;
        if (requirement.Kind == CredentialSourceKind.Environment)
        {
            value = source.GetEnvironmentVariable(requirement.Name);
            why = value is null ? "is not set" : "is empty";
        }
        else
        {
            value = source.ReadFile(requirement.Name, out var error)?.Trim();
            why = value is null ? $"cannot be read ({error})" : "is empty";
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            var what = requirement.Kind == CredentialSourceKind.Environment ? "environment variable" : "credential file";
            _problems.Add($"{what} {requirement.Name} {why} (needed by {requirement.NeededBy})");
            return;
        }
        _secrets[slot] = new Secret(value);
    }

    public CredentialResolution Complete() => new(_secrets, _problems);
}
