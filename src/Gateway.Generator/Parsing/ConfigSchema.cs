using Gateway.Generator.Model;

namespace Gateway.Generator.Parsing;

/// <summary>
/// The schema of <c>gateway.toml</c> (SPEC §2), as data. The checker validates against it and the
/// editor JSON Schema and README reference are produced from it, so the three cannot drift.
/// </summary>
internal static class ConfigSchema
{
    public static readonly string[] Endpoints = TomlEnums.Endpoint.Spellings;
    public static readonly string[] RouteStrategies = TomlEnums.RouteStrategy.Spellings;
    public static readonly string[] FunctionStrategies = TomlEnums.FunctionStrategy.Spellings;
    public static readonly string[] ProviderApis = TomlEnums.Api.Spellings;
    public static readonly string[] AuthTypes = TomlEnums.AuthType.Spellings;
    public static readonly string[] PiiDetectors = TomlEnums.Pii.Spellings;
    public static readonly string[] BudgetPeriods = TomlEnums.BudgetPeriod.Spellings;
    public static readonly string[] LimitStores = TomlEnums.LimitStore.Spellings;
    public static readonly string[] StoreErrorPolicies = TomlEnums.OnStoreError.Spellings;

    public static readonly TableSchema Root = BuildRoot();

    private static TableSchema BuildRoot()
    {
        var retry = new TableSchema(
            "retry",
            Int("max_retries", "Retries of one target attempt before moving on.", min: 0, max: 100, @default: "2"),
            Int("backoff_base_ms", "Base of the exponential backoff base × 2^(n−1), with jitter.", min: 0, max: 600_000, @default: "500"));

        var server = new TableSchema(
            "server",
            Str("host", "Default listen address (override with --urls / ASPNETCORE_URLS).", @default: "\"127.0.0.1\""),
            Int("port", "Default listen port.", min: 1, max: 65535, @default: "4000"),
            Int("max_request_body_bytes", "Largest accepted request body; larger → 413.", min: 1, max: long.MaxValue, @default: "33554432 (32 MiB)"),
            Int("shutdown_drain_ms", "How long in-flight requests may finish after SIGTERM.", min: 0, max: int.MaxValue, @default: "25000"));

        var defaults = new TableSchema(
            "defaults",
            Tbl("provider", "Defaults for every provider.", new TableSchema("defaults.provider",
                Timeout("Attempt timeout when nothing more specific is set.", "30000"))));

        var provider = new TableSchema(
            "providers.<id>",
            Str("base_url", "Absolute http(s) URL including the version segment, e.g. https://api.openai.com/v1.", required: true, example: "\"https://api.openai.com/v1\""),
            new SchemaField("models", SchemaType.StringArray, "Model names this provider serves.") { Required = true, NonEmpty = true, Unique = true, Example = "[\"gpt-4o\"]", ItemNoun = "model" },
            Str("credential", "Credential reference: env::NAME or file::PATH.", example: "\"env::OPENAI_API_KEY\"", @default: "env::<ID>_API_KEY"),
            Timeout("Attempt timeout for this provider.", null),
            Enum("api", "Wire format the provider speaks: OpenAI (Chat Completions and the other OpenAI endpoints) or Anthropic Messages (chat only).", ProviderApis, "\"anthropic\" for the id anthropic, else \"openai\""),
            new SchemaField("responses", SchemaType.Boolean, "Does the provider serve POST /responses itself? When false (always for api = \"anthropic\"), /v1/responses calls are translated to Chat Completions or Messages.") { Default = "true for api = \"openai\"", Example = "false" },
            Enum("auth_type", "How the managed credential is presented.", AuthTypes, "\"bearer\" (\"api_key_header\" with x-api-key for api = \"anthropic\")"),
            Str("auth_header_name", "Header (api_key_header) or query parameter (query_param) carrying the key.", @default: "api-key / key (x-api-key for api = \"anthropic\")"),
            new SchemaField("headers", SchemaType.StringMap, "Extra static headers sent upstream.") { Example = "{ \"anthropic-version\" = \"2023-06-01\" }" });

        var model = new TableSchema(
            "models.<name>",
            Timeout("Attempt timeout for this model.", null),
            Int("max_output_tokens", "max_tokens sent to an Anthropic provider when the caller gave none (Anthropic requires it).", min: 1, max: int.MaxValue, @default: "4096"),
            Price("input_usd_per_mtok", "USD per million input tokens; needed (with output_usd_per_mtok) for a budgeted key to reach the model.", "2.5"),
            Price("output_usd_per_mtok", "USD per million output tokens; needed (with input_usd_per_mtok) for a budgeted key to reach the model.", "10.0"),
            Price("cached_input_usd_per_mtok", "USD per million cached input tokens.", "1.25", @default: "input_usd_per_mtok"));

        var key = new TableSchema(
            "keys.<name>",
            Str("secret", "The gateway key: env::NAME, file::PATH or \"sha256:<64 hex digits>\" (its SHA-256 digest); never the key itself.", required: true, example: "\"env::GATEWAY_KEY_CI\""),
            new SchemaField("models", SchemaType.StringArray, "What the key may call: request model names, route::<name>, function::<name>, <provider>::<model>, <provider>::*.") { NonEmpty = true, Unique = true, Default = "every managed route, no passthrough", Example = "[\"gpt-4o\"]", ItemNoun = "model" },
            Int("requests_per_minute", "Requests admitted per minute.", min: 1, max: int.MaxValue, @default: null),
            Int("tokens_per_minute", "Tokens (input + output, as the upstream reports them) per minute.", min: 1, max: long.MaxValue, @default: null),
            new SchemaField("budget_usd", SchemaType.Float, "Spend allowed per budget_period, from the [models] prices; every model the key can reach must be priced.") { FloatMin = 0, FloatMinExclusive = true, Example = "50.0" },
            Enum("budget_period", "The budget's window (UTC calendar day or month); required with budget_usd.", BudgetPeriods, null),
            new SchemaField("passthrough", SchemaType.Boolean, "May the caller send its own provider key (Authorization / x-api-key) next to x-gateway-key?") { Default = "false", Example = "true" });

        var limits = new TableSchema(
            "limits",
            Enum("store", "Where key windows and budgets are counted: memory (one process) or redis (shared by replicas).", LimitStores, "\"memory\""),
            Str("redis", "Redis reference (env::NAME or file::PATH) whose value is a redis:// URL or host:port[,password=...]; required exactly when store = \"redis\".", example: "\"env::REDIS_URL\""),
            Enum("on_store_error", "What a request gets while the store is unreachable.", StoreErrorPolicies, "\"deny\""));

        // SPEC §10: the stored-object APIs, each relayed to one OpenAI provider.
        var files = new TableSchema(
            "files",
            Str("provider", "Provider id (api = \"openai\") that stores uploaded files; /v1/files is relayed to it.", required: true, example: "\"openai\""),
            StoredCredential(),
            Int("max_bytes", "Largest upload relayed (bytes); larger → 413, by Content-Length before any upstream work or mid-stream.", min: 1, max: MaxFileBytes, @default: "536870912 (512 MiB)"));

        var responses = new TableSchema(
            "responses",
            Str("provider", "Provider id (api = \"openai\", responses not false) that stores responses; GET/DELETE /v1/responses/{id} are relayed to it.", required: true, example: "\"openai\""),
            StoredCredential());

        var target = new TableSchema(
            "targets.<name>",
            Str("model", "Upstream model: a plain model name or provider-id::model.", required: true, example: "\"gpt-4o\""),
            Str("provider", "Provider id; needed when several providers list the model.", example: "\"openai\""),
            Str("credential", "Credential reference: env::NAME or file::PATH.", example: "\"env::OPENAI_API_KEY\"", @default: "the provider's"),
            Int("weight", "Share in a weighted strategy (relative integer).", min: 1, max: 1_000_000_000, @default: "1"),
            Timeout("Attempt timeout for this target.", null));

        // One step shape for routes and functions: a step never runs an experiment.
        var step = new TableSchema(
            "steps[]",
            Enum("strategy", "How this step picks among its targets.", RouteStrategies, null),
            TargetList("Targets of this step.", required: true));

        var route = new TableSchema(
            "routes.<name>",
            new SchemaField("models", SchemaType.StringArray, "Request model names this route serves (aliases allowed).") { Required = true, NonEmpty = true, Unique = true, Example = "[\"gpt-4o\"]", ItemNoun = "model" },
            Enum("endpoint", "Endpoint kind served.", Endpoints, "\"chat\""),
            Enum("strategy", "single, weighted or fallback; optional with exactly one target.", RouteStrategies, null),
            TargetList("Target names (exclusive with steps)."),
            new SchemaField("steps", SchemaType.TableArray, "A fallback chain of steps, each with its own strategy and targets (exclusive with targets).") { Table = step, NonEmpty = true, ItemNoun = "step", Example = "[{ strategy = \"single\", targets = [\"a\"] }]" },
            Tbl("retry", "Retry settings; missing keys inherit [routing.retry].", retry));

        var variant = new TableSchema(
            "variants.<name>",
            Str("model", "Model of this variant (plain or provider-id::model).", required: true, example: "\"gpt-4o-mini\""),
            Int("weight", "Share of traffic.", min: 1, max: 1_000_000_000, @default: "1"),
            new SchemaField("temperature", SchemaType.Float, "Overrides temperature in the forwarded request.") { FloatMin = 0, FloatMax = 2, Example = "0.2" },
            new SchemaField("top_p", SchemaType.Float, "Overrides top_p in the forwarded request.") { FloatMin = 0, FloatMax = 1, Example = "0.9" },
            Int("max_tokens", "Overrides max_tokens in the forwarded request.", min: 1, max: int.MaxValue, @default: null));

        var function = new TableSchema(
            "functions.<name>",
            Enum("endpoint", "Endpoint kind served.", Endpoints, "\"chat\""),
            Enum("strategy", "single, weighted, fallback or experiment; optional with exactly one target.", FunctionStrategies, null),
            new SchemaField("models", SchemaType.StringArray, "Inline shorthand: one implicit target per model.") { NonEmpty = true, Unique = true, Example = "[\"gpt-4o\"]", ItemNoun = "model" },
            TargetList("Target names."),
            new SchemaField("steps", SchemaType.TableArray, "A fallback chain of steps.") { Table = step, NonEmpty = true, ItemNoun = "step", Example = "[{ strategy = \"single\", targets = [\"a\"] }]" },
            new SchemaField("variants", SchemaType.Map, "Experiment variants ([functions.<name>.variants.<v>]).") { Table = variant },
            Tbl("retry", "Retry settings; missing keys inherit [routing.retry].", retry));

        var routing = new TableSchema("routing", Tbl("retry", "Global retry settings.", retry));

        var security = new TableSchema(
            "security",
            new SchemaField("enabled", SchemaType.Boolean, "Turns the security pipeline on.") { Default = "false", Example = "true" },
            new SchemaField("blocklist", SchemaType.StringArray, "Case-insensitive substrings that block a request.") { Example = "[\"ignore previous instructions\"]", ItemNoun = "phrase" },
            new SchemaField("pii", SchemaType.StringArray, "PII detectors to run.") { Allowed = PiiDetectors, Unique = true, Default = "all", Example = "[\"email\", \"ssn\"]", ItemNoun = "detector" });

        var telemetry = new TableSchema(
            "telemetry",
            new SchemaField("enabled", SchemaType.Boolean, "Exports OpenTelemetry traces and metrics.") { Default = "false", Example = "true" },
            Str("otlp_endpoint", "OTLP collector URL.", example: "\"http://localhost:4317\""),
            Str("service_name", "service.name of the exported telemetry.", @default: "\"gateway\""));

        return new TableSchema(
            "",
            Tbl("server", "Listen address and limits.", server),
            Tbl("defaults", "Defaults.", defaults),
            new SchemaField("providers", SchemaType.Map, "Upstream providers.") { Table = provider },
            new SchemaField("models", SchemaType.Map, "Per-model settings.") { Table = model },
            new SchemaField("targets", SchemaType.Map, "Managed upstream choices.") { Table = target },
            new SchemaField("routes", SchemaType.Map, "Managed routes.") { Table = route },
            new SchemaField("functions", SchemaType.Map, "Named functions.") { Table = function },
            Tbl("routing", "Routing settings.", routing),
            Tbl("security", "Security pipeline.", security),
            Tbl("telemetry", "OpenTelemetry export.", telemetry),
            new SchemaField("keys", SchemaType.Map, "Gateway keys: who may call the gateway, for which models, how much.") { Table = key },
            Tbl("limits", "Where key limits are counted.", limits),
            Tbl("files", "The /v1/files endpoints: which provider stores the files.", files),
            Tbl("responses", "GET/DELETE /v1/responses/{id}: which provider stores responses.", responses),
            new SchemaField("tenant_routing", SchemaType.Unsupported, "to11 tenant routing (not supported: warning)."),
            new SchemaField("genai_telemetry", SchemaType.Unsupported, "to11 GenAI telemetry (not supported: warning)."));
    }

    /// <summary>8 GiB: a bound far above any provider's file limit, so only a typo (an extra digit or two) hits it.</summary>
    private const long MaxFileBytes = 8L * 1024 * 1024 * 1024;

    private static SchemaField StoredCredential() =>
        Str("credential", "Managed: the gateway's credential reference (env::NAME or file::PATH) replaces the caller's key. Without it the caller's own key is forwarded (passthrough).", example: "\"env::OPENAI_API_KEY\"", @default: "none: passthrough");

    private static SchemaField Str(string name, string description, bool required = false, string example = "\"...\"", string? @default = null) =>
        new(name, SchemaType.String, description) { Required = required, Example = example, Default = @default };

    private static SchemaField Int(string name, string description, long min, long max, string? @default) =>
        new(name, SchemaType.Integer, description) { Min = min, Max = max, Default = @default, Example = @default?.Split(' ')[0] ?? min.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static SchemaField Price(string name, string description, string example, string? @default = null) =>
        new(name, SchemaType.Float, description) { FloatMin = 0, Example = example, Default = @default };

    private static SchemaField Timeout(string description, string? @default) =>
        Int("timeout_ms", description, min: 1, max: int.MaxValue, @default: @default);

    private static SchemaField Enum(string name, string description, string[] allowed, string? @default) =>
        new(name, SchemaType.String, description) { Allowed = allowed, Default = @default, Example = "\"" + allowed[0] + "\"" };

    private static SchemaField Tbl(string name, string description, TableSchema table) =>
        new(name, SchemaType.Table, description) { Table = table };

    private static SchemaField TargetList(string description, bool required = false) =>
        new("targets", SchemaType.StringArray, description) { Required = required, NonEmpty = true, Unique = true, Example = "[\"openai-primary\"]", ItemNoun = "target" };
}
