using System.Collections.Generic;
using System.Linq;
using Gateway.Generator.Model;

namespace Gateway.Generator.Parsing;

/// <summary>
/// Binds a schema-checked TOML tree to <see cref="GatewayConfigModel"/>. It never reports: the
/// <see cref="SchemaChecker"/> already did, so a value of the wrong type is simply absent here.
/// </summary>
internal static class ConfigReader
{
    public static GatewayConfigModel Read(TomlTable root)
    {
        var config = new GatewayConfigModel();
        if (Table(root, "server") is { } server)
        {
            config.ServerHost = String(server, "host");
            config.ServerPort = Integer(server, "port");
            config.MaxRequestBodyBytes = Integer(server, "max_request_body_bytes");
            config.ShutdownDrainMs = Integer(server, "shutdown_drain_ms");
        }
        config.DefaultTimeoutMs = Table(Table(root, "defaults"), "provider") is { } defaults ? Integer(defaults, "timeout_ms") : null;

        foreach (var (name, location, table) in Named(root, "providers"))
        {
            var provider = new ProviderModel(name, location, "providers." + Key(name))
            {
                BaseUrl = String(table, "base_url"),
                ModelNames = Strings(table, "models") ?? new(),
                Credential = String(table, "credential"),
                TimeoutMs = Integer(table, "timeout_ms"),
                Api = String(table, "api"),
                Responses = Boolean(table, "responses"),
                AuthType = String(table, "auth_type"),
                AuthHeaderName = String(table, "auth_header_name"),
            };
            if (Table(table, "headers") is { } headers)
            {
                foreach (var entry in headers.Entries)
                {
                    if (entry.Value is TomlScalar { Kind: TomlScalarKind.String } value)
                    {
                        provider.Headers.Add((new Located<string>(entry.Key, entry.KeyLocation), new Located<string>((string)value.Value, value.Location)));
                    }
                }
            }
            config.Providers.Add(provider);
        }

        foreach (var (name, location, table) in Named(root, "models"))
        {
            config.Models.Add(new ModelSettingsModel(name, location, "models." + Key(name))
            {
                TimeoutMs = Integer(table, "timeout_ms"),
                MaxOutputTokens = Integer(table, "max_output_tokens"),
                InputUsdPerMTok = Number(table, "input_usd_per_mtok"),
                OutputUsdPerMTok = Number(table, "output_usd_per_mtok"),
                CachedInputUsdPerMTok = Number(table, "cached_input_usd_per_mtok"),
            });
        }

        foreach (var (name, location, table) in Named(root, "targets"))
        {
            config.Targets.Add(new TargetModel(name, location, "targets." + Key(name))
            {
                Model = String(table, "model"),
                Provider = String(table, "provider"),
                Credential = String(table, "credential"),
                Weight = Integer(table, "weight"),
                TimeoutMs = Integer(table, "timeout_ms"),
            });
        }

        foreach (var (name, location, table) in Named(root, "routes"))
        {
            config.Routes.Add(ReadRoute(name, location, table, "routes." + Key(name), isFunction: false));
        }

        foreach (var (name, location, table) in Named(root, "functions"))
        {
            config.Functions.Add(ReadRoute(name, location, table, "functions." + Key(name), isFunction: true));
        }

        config.GlobalRetry = ReadRetry(Table(Table(root, "routing"), "retry"));

        if (Table(root, "security") is { } security)
        {
            config.SecurityEnabled = Boolean(security, "enabled");
            config.Blocklist = Strings(security, "blocklist");
            config.Pii = Strings(security, "pii");
        }

        if (Table(root, "telemetry") is { } telemetry)
        {
            config.TelemetryEnabled = Boolean(telemetry, "enabled");
            config.OtlpEndpoint = String(telemetry, "otlp_endpoint");
            config.ServiceName = String(telemetry, "service_name");
        }

        foreach (var (name, location, table) in Named(root, "keys"))
        {
            config.Keys.Add(new KeyModel(name, location, "keys." + Key(name))
            {
                Secret = String(table, "secret"),
                Models = Strings(table, "models"),
                RequestsPerMinute = Integer(table, "requests_per_minute"),
                TokensPerMinute = Integer(table, "tokens_per_minute"),
                BudgetUsd = Number(table, "budget_usd"),
                BudgetUsdKeyLocation = table.Find("budget_usd")?.KeyLocation,
                BudgetPeriod = String(table, "budget_period"),
                BudgetPeriodKeyLocation = table.Find("budget_period")?.KeyLocation,
                Passthrough = Boolean(table, "passthrough"),
            });
        }

        if (Table(root, "limits") is { } limits)
        {
            config.Limits = new LimitsModel
            {
                Store = String(limits, "store"),
                Redis = String(limits, "redis"),
                RedisKeyLocation = limits.Find("redis")?.KeyLocation,
                OnStoreError = String(limits, "on_store_error"),
            };
        }
        config.Files = ReadStoredApi(root, "files");
        config.Responses = ReadStoredApi(root, "responses");
        return config;
    }

    private static StoredApiModel? ReadStoredApi(TomlTable root, string name) => Table(root, name) is { } table
        ? new StoredApiModel(name) { Provider = String(table, "provider"), Credential = String(table, "credential"), MaxBytes = Integer(table, "max_bytes") }
        : null;

    private static RouteModel ReadRoute(string name, LocationInfo location, TomlTable table, string path, bool isFunction)
    {
        var route = new RouteModel(name, location, path, isFunction)
        {
            Endpoint = String(table, "endpoint"),
            Strategy = String(table, "strategy"),
            Models = Strings(table, "models"),
            ModelsLocation = table.Find("models")?.KeyLocation,
            Targets = Strings(table, "targets"),
            TargetsLocation = table.Find("targets")?.KeyLocation,
            StepsLocation = table.Find("steps")?.KeyLocation,
            Retry = ReadRetry(Table(table, "retry")),
        };
        if (table["steps"] is TomlArray steps && steps.Items.All(i => i is TomlTable))
        {
            route.Steps = steps.Items.Cast<TomlTable>()
                .Select((step, i) => new StepModel(step.Location, $"{path}.steps[{i}]")
                {
                    Strategy = String(step, "strategy"),
                    Targets = Strings(step, "targets"),
                    TargetsLocation = step.Find("targets")?.KeyLocation,
                })
                .ToList();
        }
        if (isFunction && table.Find("variants") is { Value: TomlTable variants } variantsEntry)
        {
            route.VariantsLocation = variantsEntry.KeyLocation;
            route.Variants = new List<VariantModel>();
            foreach (var (variantName, variantLocation, variant) in Named(table, "variants"))
            {
                route.Variants.Add(new VariantModel(variantName, variantLocation, $"{path}.variants.{Key(variantName)}")
                {
                    Model = String(variant, "model"),
                    Weight = Integer(variant, "weight"),
                    Temperature = Number(variant, "temperature"),
                    TopP = Number(variant, "top_p"),
                    MaxTokens = Integer(variant, "max_tokens"),
                });
            }
            _ = variants;
        }
        return route;
    }

    private static RetryModel ReadRetry(TomlTable? table) => table is null
        ? new RetryModel()
        : new RetryModel { MaxRetries = Integer(table, "max_retries"), BackoffBaseMs = Integer(table, "backoff_base_ms") };

    private static IEnumerable<(string Name, LocationInfo Location, TomlTable Table)> Named(TomlTable? parent, string key)
    {
        if (Table(parent, key) is not { } map) yield break;
        foreach (var entry in map.Entries)
        {
            if (entry.Value is TomlTable table) yield return (entry.Key, entry.KeyLocation, table);
        }
    }

    private static string Key(string name) => SchemaChecker.Join(string.Empty, name);

    private static TomlTable? Table(TomlTable? parent, string key) => parent?[key] as TomlTable;

    private static Located<string>? String(TomlTable table, string key) =>
        table[key] is TomlScalar { Kind: TomlScalarKind.String } s ? new Located<string>((string)s.Value, s.Location) : null;

    private static Located<long>? Integer(TomlTable table, string key) =>
        table[key] is TomlScalar { Kind: TomlScalarKind.Integer } s ? new Located<long>((long)s.Value, s.Location) : null;

    private static Located<double>? Number(TomlTable table, string key) =>
        table[key] is TomlScalar { Kind: TomlScalarKind.Float or TomlScalarKind.Integer } s
            ? new Located<double>(System.Convert.ToDouble(s.Value, System.Globalization.CultureInfo.InvariantCulture), s.Location)
            : null;

    private static Located<bool>? Boolean(TomlTable table, string key) =>
        table[key] is TomlScalar { Kind: TomlScalarKind.Boolean } s ? new Located<bool>((bool)s.Value, s.Location) : null;

    /// <summary>The string items of an array; null when the key is absent or not an array.</summary>
    private static List<Located<string>>? Strings(TomlTable table, string key) =>
        table[key] is TomlArray { IsArrayOfTables: false } array
            ? array.Items.OfType<TomlScalar>().Where(s => s.Kind == TomlScalarKind.String && ((string)s.Value).Trim().Length > 0)
                .Select(s => new Located<string>((string)s.Value, s.Location)).ToList()
            : null;
}
