using Gateway.Runtime.Formats;
namespace Gateway.Runtime.Model;

/// <summary>
/// A compiled <c>[keys.&lt;name&gt;]</c> table (SPEC §11): who may call the gateway, for which models,
/// and how much. The secret itself is never compiled: either a credential reference resolved at start-up
/// like every managed credential, or the SHA-256 digest of the key.
/// </summary>
/// <param name="name">The table name: what logs, metrics and <c>GET /v1/key</c> show (never the key).</param>
/// <param name="credentialSlot">Index into <see cref="CompiledGateway.Credentials"/> of an <c>env::</c>/<c>file::</c> secret, or -1.</param>
/// <param name="sha256Hex">The 64 lower-case hex digits of a <c>sha256:</c> secret, or null.</param>
/// <param name="models">What the key may reach.</param>
/// <param name="limits">Request and token windows and the budget.</param>
/// <param name="passthrough">See <see cref="Passthrough"/>.</param>
public sealed class KeyDefinition(
    string name,
    int credentialSlot,
    string? sha256Hex,
    ModelAllowList models,
    KeyLimits limits,
    bool passthrough)
{
    public string Name { get; } = name;
    public int CredentialSlot { get; } = credentialSlot;
    public string? Sha256Hex { get; } = sha256Hex;
    public ModelAllowList Models { get; } = models;
    public KeyLimits Limits { get; } = limits;

    /// <summary>May a caller that names this key in <c>x-gateway-key</c> send its own provider key (passthrough)?</summary>
    public bool Passthrough { get; } = passthrough;

    public override string ToString() => Name;
}
