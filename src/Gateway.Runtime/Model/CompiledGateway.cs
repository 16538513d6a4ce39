using Gateway.Runtime.Credentials;
using Gateway.Runtime.Formats;

namespace Gateway.Runtime.Model;

/// <summary>
/// The routing configuration as the generator compiled it from <c>gateway.toml</c>. The generated
/// <c>Gateway.Generated.GeneratedGateway</c> derives from this: arrays built once, lookups compiled to
/// <c>switch</c> statements over <see cref="ReadOnlySpan{T}"/> so resolving a model allocates nothing.
/// The runtime never re-validates what the generator proved.
/// </summary>
public abstract class CompiledGateway
{
    public abstract ServerSettings Server { get; }
    public abstract SecuritySettings Security { get; }
    public abstract TelemetrySettings Telemetry { get; }

    /// <summary>Providers in file order.</summary>
    public abstract ProviderDefinition[] Providers { get; }

    /// <summary>Routes, functions and bare-target routes.</summary>
    public abstract RouteDefinition[] Routes { get; }

    /// <summary>Passthrough entries: one per (provider, listed model).</summary>
    public abstract PassthroughDefinition[] Passthroughs { get; }

    /// <summary>Every managed credential reference, indexed by <see cref="TargetDefinition.CredentialSlot"/>.</summary>
    public abstract CredentialRequirement[] Credentials { get; }

    /// <summary>
    /// <c>[keys.*]</c> in file order (SPEC §11). Empty: no gateway key is asked for. Key secrets are
    /// entries of <see cref="Credentials"/>, resolved with the rest at start-up.
    /// </summary>
    public abstract KeyDefinition[] Keys { get; }

    /// <summary>Compiled <c>[limits]</c>: the store that counts key windows and budgets.</summary>
    public abstract LimitsSettings Limits { get; }

    /// <summary><c>[files]</c> (SPEC §10): where <c>/v1/files</c> is relayed, or null (those paths are 404).</summary>
    public virtual StoredApiSettings? Files => null;

    /// <summary><c>[responses]</c> (SPEC §10): where <c>GET</c>/<c>DELETE /v1/responses/{id}</c> are relayed, or null (404).</summary>
    public virtual StoredApiSettings? StoredResponses => null;

    /// <summary>Every callable model name for <c>GET /v1/models</c>, in a stable order.</summary>
    public abstract ModelListing[] ModelListings { get; }

    /// <summary>An id of <see cref="ModelListings"/>: its index, or -1 (a generated <c>switch</c>, like every lookup here).</summary>
    public abstract int FindModelListing(ReadOnlySpan<char> id);

    /// <summary>
    /// The listed string equal to <paramref name="model"/>, so reading a request's <c>model</c> allocates no
    /// string for any name the gateway serves; anything else (a prefixed <c>provider::model</c>, a typo) is new.
    /// </summary>
    /// <param name="model">The name as the request spelled it.</param>
    /// <param name="listing">Its index in <see cref="ModelListings"/>, or -1: resolution (<see cref="ResolveListed"/>) and telemetry's metric tags (E2) need not look again.</param>
    public string ModelName(ReadOnlySpan<char> model, out int listing)
    {
        listing = FindModelListing(model);
        return listing >= 0 ? ModelListings[listing].Id : new string(model);
    }

    /// <summary>Top-down resolution of an unprefixed model: function → route → provider model (SPEC §3.2).</summary>
    public abstract RouteMatch Resolve(EndpointKind endpoint, ReadOnlySpan<char> model);

    /// <summary>
    /// <see cref="Resolve"/> for a name already found in <see cref="ModelListings"/> (its index): the generated
    /// table answers from an array, so a request's model is looked up once. The default looks the name up again.
    /// </summary>
    public virtual RouteMatch ResolveListed(EndpointKind endpoint, int listing) => Resolve(endpoint, ModelListings[listing].Id);

    /// <summary><c>function::name</c>: index into <see cref="Routes"/>, or -1.</summary>
    public abstract int FindFunction(ReadOnlySpan<char> name);

    /// <summary><c>route::name</c>: index into <see cref="Routes"/>, or -1.</summary>
    public abstract int FindRoute(ReadOnlySpan<char> name);

    /// <summary><c>provider::model</c>: index into <see cref="Providers"/>, or -1.</summary>
    public abstract int FindProvider(ReadOnlySpan<char> id);

    /// <summary>
    /// <c>provider::model</c> where the provider lists the model: index into <see cref="Passthroughs"/>
    /// (so model-level timeouts apply), or -1.
    /// </summary>
    public abstract int FindPassthrough(int providerIndex, ReadOnlySpan<char> model);

    /// <summary>
    /// Resolves every managed credential once at start-up (generated: one line per reference) and
    /// reports <em>all</em> problems at once.
    /// </summary>
    public abstract CredentialResolution ResolveCredentials(ICredentialSource source);
}
