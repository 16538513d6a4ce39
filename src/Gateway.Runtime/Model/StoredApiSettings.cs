namespace Gateway.Runtime.Model;

/// <summary>
/// A compiled <c>[files]</c> or <c>[responses]</c> table (SPEC §10): the one OpenAI provider whose stored
/// objects (uploaded files, stored responses) the gateway relays to, and with which credential.
/// </summary>
/// <param name="provider">The provider; the generator proved it speaks the OpenAI format (and, for responses, serves them).</param>
/// <param name="managed">A <c>credential</c> was given: the caller's provider keys are dropped and the gateway's presented.
/// Otherwise passthrough: the caller's own key goes upstream, under the rules passthrough models follow.</param>
/// <param name="credentialSlot">Index into <see cref="CompiledGateway.Credentials"/>, or -1 (passthrough, or <c>auth_type = "none"</c>).</param>
/// <param name="maxBodyBytes">The largest upload relayed (<c>[files] max_bytes</c>, 512 MiB by default); more is 413. Unused for responses.</param>
public sealed class StoredApiSettings(ProviderDefinition provider, bool managed, int credentialSlot, long maxBodyBytes)
{
    public ProviderDefinition Provider { get; } = provider;
    public bool Managed { get; } = managed;
    public int CredentialSlot { get; } = credentialSlot;
    public long MaxBodyBytes { get; } = maxBodyBytes;
}
