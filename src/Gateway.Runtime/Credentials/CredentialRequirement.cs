namespace Gateway.Runtime.Credentials;

/// <summary>A credential reference the compiled config needs, and who needs it (for the start-up message).</summary>
/// <param name="Kind">Environment variable or file.</param>
/// <param name="Name">Variable name or file path: never the secret.</param>
/// <param name="NeededBy">E.g. <c>target 'gpt4o-primary', provider 'openai'</c>.</param>
public sealed record CredentialRequirement(CredentialSourceKind Kind, string Name, string NeededBy)
{
    public string Reference => (Kind == CredentialSourceKind.Environment ? "env::" : "file::") + Name;
}
