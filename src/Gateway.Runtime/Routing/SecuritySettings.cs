namespace Gateway.Runtime.Routing;

/// <summary>PII detectors of <c>[security] pii</c>.</summary>
[Flags]
public enum PiiDetectors
{
    None = 0,
    Email = 1,
    Phone = 2,
    CreditCard = 4,
    Ssn = 8,
    Ip = 16,
    All = Email | Phone | CreditCard | Ssn | Ip,
}

/// <summary>Compiled <c>[security]</c> table.</summary>
public sealed class SecuritySettings(bool enabled, string[] blocklist, PiiDetectors pii)
{
    public bool Enabled { get; } = enabled;
    /// <summary>Case-insensitive substrings that block a request.</summary>
    public string[] Blocklist { get; } = blocklist;
    public PiiDetectors Pii { get; } = pii;
}
