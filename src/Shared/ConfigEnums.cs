// The config's enumerations, one definition for both sides: the generator (and the language server,
// which links the generator's sources) maps the TOML spellings onto them and emits their member names;
// the runtime switches on them. Linked into each project; the namespace differs so that a test that
// sees the generator's internals and the runtime at once has no two types with one name.
#if GATEWAY_CONFIG_COMPILER
namespace Gateway.Generator.Model;
#else
namespace Gateway.Runtime.Model;
#endif

/// <summary>The OpenAI-compatible endpoints a route or function can serve (SPEC §3).</summary>
public enum EndpointKind : byte
{
    /// <summary><c>POST /v1/chat/completions</c></summary>
    Chat,
    /// <summary><c>POST /v1/embeddings</c></summary>
    Embeddings,
    /// <summary><c>POST /v1/audio/speech</c> (JSON in, binary audio out)</summary>
    AudioSpeech,
    /// <summary><c>POST /v1/audio/transcriptions</c> (multipart/form-data)</summary>
    AudioTranscription,
    /// <summary><c>POST /v1/images/generations</c></summary>
    ImageGeneration,
}

/// <summary>The wire format a provider speaks (<c>[providers.id] api</c>, SPEC §9).</summary>
public enum ProviderApi
{
    /// <summary>OpenAI: Chat Completions and the other OpenAI endpoints.</summary>
    OpenAi,

    /// <summary>Anthropic Messages (chat only).</summary>
    Anthropic,
}

/// <summary>How a managed credential is presented to a provider (<c>auth_type</c>).</summary>
public enum AuthScheme : byte
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c></summary>
    Bearer,
    /// <summary>The key as the value of a named header (default <c>api-key</c>).</summary>
    ApiKeyHeader,
    /// <summary>The key as a query parameter (default <c>key</c>).</summary>
    QueryParam,
    /// <summary>No credential (local providers).</summary>
    None,
}

/// <summary>Where a managed route came from; decides <c>x-gateway-route</c> and <c>x-gateway-function</c>.</summary>
public enum RouteKind : byte
{
    /// <summary>A <c>[routes.name]</c> table.</summary>
    Route,
    /// <summary>A <c>[functions.name]</c> table.</summary>
    Function,
    /// <summary>The automatic single route of a target referenced by nothing (SPEC §2 "Bare targets").</summary>
    BareTarget,
}

/// <summary>How a step picks among its targets (SPEC §5).</summary>
public enum StrategyKind : byte
{
    /// <summary>The one target.</summary>
    Single,
    /// <summary>Random, proportional to integer weights (O(1) alias table).</summary>
    Weighted,
    /// <summary>Targets in declared order, then one degraded-mode retry of the first.</summary>
    Fallback,
    /// <summary>Weighted choice of variants, each with its own request overrides.</summary>
    Experiment,
}

/// <summary><c>budget_period</c>: the budget window, in UTC calendar units.</summary>
public enum BudgetPeriod : byte
{
    None,
    Day,
    Month,
}

public enum LimitStoreKind : byte
{
    Memory,
    Redis,
}

/// <summary><c>on_store_error</c>: what a request gets while the shared store is unreachable.</summary>
public enum StoreErrorPolicy : byte
{
    Deny,
    Allow,
}

/// <summary>PII detectors of <c>[security] pii</c>.</summary>
[System.Flags]
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
