namespace Gateway.Runtime.Credentials;

/// <summary>Where a credential reference points.</summary>
public enum CredentialSourceKind : byte
{
    /// <summary><c>env::NAME</c></summary>
    Environment,
    /// <summary><c>file::PATH</c> (mounted secret; contents trimmed)</summary>
    File,
}
