namespace Gateway.Runtime.Credentials;

/// <summary>
/// A resolved credential. Held in memory only; <see cref="ToString"/> is redacted so it cannot reach a
/// log line or an exception message by accident. Only the forwarder reads <see cref="Reveal"/>.
/// </summary>
public sealed class Secret
{
    private readonly string _value;

    public Secret(string value)
    {
        _value = value;
        BearerValue = "Bearer " + value;
    }

    /// <summary>The raw value, for presenting it upstream.</summary>
    public string Reveal() => _value;

    /// <summary><c>Bearer &lt;value&gt;</c>, precomputed so the hot path does not concatenate per request.</summary>
    internal string BearerValue { get; }

    public override string ToString() => "***";
}
