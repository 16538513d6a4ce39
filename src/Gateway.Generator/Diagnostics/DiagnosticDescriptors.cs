using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Diagnostics;

/// <summary>
/// The one catalogue of GW diagnostics. Ids are stable and literal; ranges group them by kind:
/// GW00xx syntax and input, GW01xx schema, GW02xx providers, GW03xx references, GW04xx credentials,
/// GW05xx strategies, GW06xx gateway keys, prices and [limits], GW9999 internal. Every id is listed in AnalyzerReleases.Unshipped.md and
/// documented in README.md ("Diagnostics"); a test keeps the three in sync.
/// Messages quote the dotted TOML key, say what is wrong and how to fix it.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Syntax = "Gateway.Syntax";
    private const string Schema = "Gateway.Schema";
    private const string Providers = "Gateway.Providers";
    private const string References = "Gateway.References";
    private const string Credentials = "Gateway.Credentials";
    private const string Strategies = "Gateway.Strategies";
    private const string Keys = "Gateway.Keys";

    // ---- GW00xx: syntax and input -------------------------------------------------------------

    public static readonly DiagnosticDescriptor TomlSyntaxError = new(
        "GW0001", "Invalid TOML",
        "Invalid TOML: {0}. Fix the syntax at this position (see https://toml.io/en/v1.0.0).",
        Syntax, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoConfigFile = new(
        "GW0002", "No gateway config",
        "No gateway config was found: add gateway.toml as an AdditionalFile with GatewayConfig=\"true\" metadata (Gateway.Host does this; pass -p:GatewayConfig=path). The gateway is built with an empty route table.",
        Syntax, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SeveralConfigFiles = new(
        "GW0003", "Several gateway configs",
        "Several gateway configs were given ({0}): a gateway is built from exactly one; keep one AdditionalFile with GatewayConfig=\"true\"",
        Syntax, DiagnosticSeverity.Error, isEnabledByDefault: true);

    // ---- GW01xx: schema -------------------------------------------------------------------------

    public static readonly DiagnosticDescriptor UnknownKey = new(
        "GW0100", "Unknown key",
        "Unknown {0} '{1}'{2}. Remove it or use one of: {3}.",
        Schema, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor WrongType = new(
        "GW0101", "Wrong value type",
        "'{0}' must be {1}, but is {2}. Write it as {3}.",
        Schema, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingKey = new(
        "GW0102", "Required key missing",
        "'{0}' is required. Add {1} = {2} to [{3}].",
        Schema, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OutOfRange = new(
        "GW0103", "Value out of range",
        "'{0}' is {1}, but must be {2}. Change the value.",
        Schema, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidEnumValue = new(
        "GW0104", "Unknown value",
        "'{0}' is \"{1}\", which is not a valid value{2}. Use one of: {3}.",
        Schema, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedTable = new(
        "GW0105", "Table not supported by this gateway",
        "[{0}] is not supported by this gateway and is ignored. Remove it to silence this warning.",
        Schema, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor EmptyArray = new(
        "GW0106", "Empty array",
        "'{0}' must not be empty. List at least one {1}.",
        Schema, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateArrayItem = new(
        "GW0107", "Duplicate entry",
        "'{0}' lists \"{1}\" more than once. Remove the duplicate.",
        Schema, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor EmptyName = new(
        "GW0108", "Empty name",
        "'{0}' must not be empty. Give it a non-empty value.",
        Schema, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidUrl = new(
        "GW0109", "Invalid URL",
        "'{0}' is \"{1}\": {2}. Use an absolute http or https URL, e.g. \"http://localhost:4317\".",
        Schema, DiagnosticSeverity.Error, isEnabledByDefault: true);

    // ---- GW02xx: providers, URLs, headers -------------------------------------------------------

    public static readonly DiagnosticDescriptor InvalidBaseUrl = new(
        "GW0200", "Invalid base_url",
        "'{0}' is \"{1}\": {2}. Use an absolute http or https URL with the version segment, e.g. \"https://api.openai.com/v1\".",
        Providers, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InsecureBaseUrl = new(
        "GW0201", "Plain http to a non-loopback host",
        "'{0}' uses plain http to '{1}', which is not a loopback address: credentials and prompts travel unencrypted. Use https unless this is a trusted local network.",
        Providers, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidHeaderToken = new(
        "GW0202", "Invalid header name or value",
        "'{0}' is \"{1}\": {2}. Header names must be HTTP tokens; names and values must not contain CR, LF, NUL or (names) spaces.",
        Providers, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ModelListedBySeveralProviders = new(
        "GW0203", "Model listed by several providers",
        "Model '{0}' is listed by several providers ({1}); an unprefixed passthrough request for it goes to '{2}' (first in file order). Call '<provider>::{0}' to pick another, or list it under one provider.",
        Providers, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ForbiddenHeader = new(
        "GW0204", "Header not allowed",
        "'{0}' sets header '{1}', which the gateway controls ({2}). Remove it; use credential/auth_type for credentials.",
        Providers, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor AnthropicProviderOnNonChatRoute = new(
        "GW0205", "Anthropic provider behind a non-chat endpoint",
        "'{0}' serves endpoint \"{1}\", but its target '{2}' goes to provider '{3}', which speaks the Anthropic Messages format (api = \"anthropic\") and serves only chat. Use a provider with api = \"openai\" for this endpoint, or make it a chat route.",
        Providers, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ResponsesOnAnthropicProvider = new(
        "GW0206", "Responses on an Anthropic provider",
        "'{0}' is true, but provider '{1}' speaks the Anthropic Messages format (api = \"anthropic\"), which has no Responses endpoint; /v1/responses calls to it are translated. Remove the key or set it to false.",
        Providers, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor StoredApiOnAnthropicProvider = new(
        "GW0207", "Files or stored responses on an Anthropic provider",
        "'{0}' is provider '{1}', which speaks the Anthropic Messages format (api = \"anthropic\") and has no {2} API. Name a provider with api = \"openai\".",
        Providers, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor StoredResponsesOnTranslatedProvider = new(
        "GW0208", "Stored responses on a provider without Responses",
        "'{0}' is provider '{1}', which has responses = false: it serves no /responses endpoint, so it stores no responses. Name a provider that serves Responses, or remove responses = false from providers.{1}.",
        Providers, DiagnosticSeverity.Error, isEnabledByDefault: true);

    // ---- GW03xx: references ---------------------------------------------------------------------

    public static readonly DiagnosticDescriptor UnknownTarget = new(
        "GW0300", "Unknown target",
        "'{0}' references target '{1}', which is not defined{2}. Define [targets.{1}] or fix the name.",
        References, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownModel = new(
        "GW0301", "Model not served by any provider",
        "'{0}' is model '{1}', which no provider lists{2}. Add it to a provider's models, or write '<provider>::{1}'.",
        References, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor AmbiguousProvider = new(
        "GW0302", "Ambiguous provider",
        "'{0}': model '{1}' is listed by several providers ({2}). Add provider = \"{3}\" (or another of them) to say which one this target uses.",
        References, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownProvider = new(
        "GW0303", "Unknown provider",
        "'{0}' names provider '{1}', which is not defined{2}. Define [providers.{1}] or fix the name.",
        References, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ProviderDoesNotListModel = new(
        "GW0304", "Provider does not serve the model",
        "'{0}': provider '{1}' does not list model '{2}'. Add \"{2}\" to providers.{1}.models, or use a provider that lists it.",
        References, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateOwnership = new(
        "GW0305", "Model served twice",
        "'{0}': {1} model '{2}' is already served by {3}. Each (endpoint, model) pair may be served by one route or function; remove it from one of them.",
        References, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateBareTarget = new(
        "GW0306", "Two bare targets for one model",
        "Targets '{0}' and '{1}' both serve model '{2}' and no route uses them. Declare a [routes.*] table with a strategy (weighted or fallback) over both.",
        References, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnusedBareTarget = new(
        "GW0307", "Unused target",
        "Target '{0}' is used by no route or function, and model '{1}' is already served by {2}: the target is never used. Add it to that route's targets or remove it.",
        References, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ConflictingProvider = new(
        "GW0308", "Conflicting provider",
        "'{0}' says provider '{1}', but its model is prefixed with '{2}::'. Use one of them.",
        References, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownModelTimeout = new(
        "GW0309", "Settings for an unknown model",
        "[models.{0}] configures model '{0}', which no provider lists{1}. Fix the name or add the model to a provider.",
        References, DiagnosticSeverity.Error, isEnabledByDefault: true);

    // ---- GW04xx: credentials --------------------------------------------------------------------

    public static readonly DiagnosticDescriptor LiteralSecret = new(
        "GW0400", "Secret in the config",
        "'{0}' looks like a literal secret. Secrets never live in gateway.toml or the binary: write \"env::VARIABLE\" or \"file::/path/to/secret\" and provide the value at run time.",
        Credentials, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidCredentialReference = new(
        "GW0401", "Invalid credential reference",
        "'{0}' is not a valid credential reference: {1}. Write \"env::VARIABLE\" (letters, digits, '_') or \"file::/path/to/secret\".",
        Credentials, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CredentialIgnored = new(
        "GW0402", "Credential is not used",
        "'{0}' is ignored: provider '{1}' has auth_type = \"none\". Remove the credential or change auth_type.",
        Credentials, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    // ---- GW05xx: strategies ---------------------------------------------------------------------

    public static readonly DiagnosticDescriptor StrategyRequired = new(
        "GW0500", "Strategy required",
        "'{0}' has {1} targets but no strategy. Add strategy = \"weighted\" or \"fallback\".",
        Strategies, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SingleWithSeveralTargets = new(
        "GW0501", "single with several targets",
        "'{0}' is strategy \"single\" but has {1} targets. Keep one target, or use \"weighted\" or \"fallback\".",
        Strategies, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TargetsSourceConflict = new(
        "GW0502", "Conflicting or missing targets",
        "'{0}' {1}. Give exactly one of: {2}.",
        Strategies, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ExperimentShape = new(
        "GW0503", "Experiment shape",
        "'{0}' {1}. See \"Experiments\" in README.md.",
        Strategies, DiagnosticSeverity.Error, isEnabledByDefault: true);

    // ---- GW06xx: gateway keys, prices and [limits] (SPEC §11) ----------------------------------
    // A key's secret is never echoed: a mistyped digest or a literal key may be the key itself.

    public static readonly DiagnosticDescriptor InvalidKeyDigest = new(
        "GW0600", "Invalid sha256 digest",
        "'{0}' is not a SHA-256 digest: {1}. Write \"sha256:\" followed by the 64 hex digits of the key's SHA-256 (printf %s \"$KEY\" | sha256sum).",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LiteralKeySecret = new(
        "GW0601", "Gateway key in the config",
        "'{0}' looks like a literal gateway key. Never write the key itself: use \"env::VARIABLE\", \"file::/path/to/key\" or \"sha256:<64 hex digits of its SHA-256>\".",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownAllowedModel = new(
        "GW0602", "Unknown model in an allow-list",
        "'{0}' allows '{1}', which {2}{3}. Fix the name, or write route::<name>, function::<name> or <provider>::*.",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnknownAllowedName = new(
        "GW0603", "Unknown route, function or provider in an allow-list",
        "'{0}' names {1} '{2}', which is not defined{3}. Fix the name or define it.",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BudgetReachesUnpricedModel = new(
        "GW0604", "Budgeted key reaches an unpriced model",
        "'{0}' has a budget, but {1} reaches model '{2}', which has no price. Add input_usd_per_mtok and output_usd_per_mtok to [models.{2}], or do not allow it.",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BudgetWithProviderWildcard = new(
        "GW0605", "Budgeted key allows every model of a provider",
        "'{0}' has a budget and allows '{1}': a passthrough to a model the provider does not list cannot be priced. List the priced models instead of '{1}', or remove budget_usd.",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BudgetPeriodMismatch = new(
        "GW0606", "Budget and period go together",
        "'{0}' is set without '{1}'. Add {2}, or remove '{0}'.",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RedisReferenceRequired = new(
        "GW0607", "Redis store without a reference",
        "[limits] store = \"redis\" has no redis reference. Add redis = \"env::REDIS_URL\" (or \"file::/path\"): the connection string may hold a password, so it is read at run time.",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LiteralRedisUrl = new(
        "GW0608", "Redis connection string in the config",
        "'limits.redis' is a literal connection string. It may hold a password, so it never lives in gateway.toml or the binary: write \"env::REDIS_URL\" or \"file::/path\" and provide the value at run time.",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RedisWithoutRedisStore = new(
        "GW0609", "redis without the redis store",
        "'limits.redis' is set but the store is {0}: it would never be used. Set store = \"redis\" or remove redis.",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateKeySecret = new(
        "GW0610", "Two gateway keys share a secret",
        "'{0}' is the same secret as key '{1}': a caller could not be told apart. Give each key its own secret.",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor IncompletePrice = new(
        "GW0611", "Incomplete price",
        "'{0}' is set without {1}: a price needs both input_usd_per_mtok and output_usd_per_mtok. Add {1} to [{2}].",
        Keys, DiagnosticSeverity.Error, isEnabledByDefault: true);

    // ---- GW9999: internal -----------------------------------------------------------------------

    public static readonly DiagnosticDescriptor InternalError = new(
        "GW9999", "Internal generator error",
        "The gateway generator failed unexpectedly: {0}. This is a bug in the generator; please report it with the config that caused it.",
        Syntax, DiagnosticSeverity.Error, isEnabledByDefault: true);

}
