using System.Collections.Generic;
using Gateway.Generator.Model;

namespace Gateway.Generator.Parsing;

// The config as the user wrote it, after the schema check: typed values, each with its location.
// Absent (or wrongly typed, already reported) values are null. Only lives inside one pipeline step.

internal readonly struct Located<T>(T value, LocationInfo location)
{
    public T Value { get; } = value;

    public LocationInfo Location { get; } = location;
}

internal sealed class GatewayConfigModel
{
    public Located<string>? ServerHost { get; set; }
    public Located<long>? ServerPort { get; set; }
    public Located<long>? MaxRequestBodyBytes { get; set; }
    public Located<long>? ShutdownDrainMs { get; set; }
    public Located<long>? DefaultTimeoutMs { get; set; }
    public List<ProviderModel> Providers { get; } = new();
    public List<ModelSettingsModel> Models { get; } = new();
    public List<TargetModel> Targets { get; } = new();
    public List<RouteModel> Routes { get; } = new();
    public List<RouteModel> Functions { get; } = new();
    public RetryModel GlobalRetry { get; set; } = new();
    public Located<bool>? SecurityEnabled { get; set; }
    public List<Located<string>>? Blocklist { get; set; }
    public List<Located<string>>? Pii { get; set; }
    public Located<bool>? TelemetryEnabled { get; set; }
    public Located<string>? OtlpEndpoint { get; set; }
    public Located<string>? ServiceName { get; set; }
    public List<KeyModel> Keys { get; } = new();
    public LimitsModel Limits { get; set; } = new();
    public StoredApiModel? Files { get; set; }
    public StoredApiModel? Responses { get; set; }
}

/// <summary>A <c>[files]</c> or <c>[responses]</c> table (SPEC §10); <see cref="MaxBytes"/> only for files.</summary>
internal sealed class StoredApiModel(string table)
{
    /// <summary><c>files</c> or <c>responses</c>, for dotted keys in messages.</summary>
    public string Table { get; } = table;
    public Located<string>? Provider { get; set; }
    public Located<string>? Credential { get; set; }
    public Located<long>? MaxBytes { get; set; }
}

/// <summary>A named table (<c>[providers.openai]</c>): its name and where the name is.</summary>
internal abstract class NamedModel(string name, LocationInfo nameLocation, string path)
{
    public string Name { get; } = name;
    public LocationInfo NameLocation { get; } = nameLocation;
    /// <summary>Dotted key of the table, e.g. <c>providers.openai</c>.</summary>
    public string Path { get; } = path;
}

internal sealed class ProviderModel(string name, LocationInfo nameLocation, string path) : NamedModel(name, nameLocation, path)
{
    public Located<string>? BaseUrl { get; set; }
    public List<Located<string>> ModelNames { get; set; } = new();
    public Located<string>? Credential { get; set; }
    public Located<long>? TimeoutMs { get; set; }
    public Located<string>? Api { get; set; }
    public Located<bool>? Responses { get; set; }
    public Located<string>? AuthType { get; set; }
    public Located<string>? AuthHeaderName { get; set; }
    public List<(Located<string> Name, Located<string> Value)> Headers { get; } = new();
}

internal sealed class ModelSettingsModel(string name, LocationInfo nameLocation, string path) : NamedModel(name, nameLocation, path)
{
    public Located<long>? TimeoutMs { get; set; }
    public Located<long>? MaxOutputTokens { get; set; }
    public Located<double>? InputUsdPerMTok { get; set; }
    public Located<double>? OutputUsdPerMTok { get; set; }
    public Located<double>? CachedInputUsdPerMTok { get; set; }
}

/// <summary>A <c>[keys.&lt;name&gt;]</c> table (SPEC §11).</summary>
internal sealed class KeyModel(string name, LocationInfo nameLocation, string path) : NamedModel(name, nameLocation, path)
{
    public Located<string>? Secret { get; set; }
    /// <summary>Null when absent: the default allow-list (every managed route).</summary>
    public List<Located<string>>? Models { get; set; }
    public Located<long>? RequestsPerMinute { get; set; }
    public Located<long>? TokensPerMinute { get; set; }
    public Located<double>? BudgetUsd { get; set; }
    public LocationInfo? BudgetUsdKeyLocation { get; set; }
    public Located<string>? BudgetPeriod { get; set; }
    public LocationInfo? BudgetPeriodKeyLocation { get; set; }
    public Located<bool>? Passthrough { get; set; }
}

/// <summary>The <c>[limits]</c> table (SPEC §11).</summary>
internal sealed class LimitsModel
{
    public Located<string>? Store { get; set; }
    public Located<string>? Redis { get; set; }
    public LocationInfo? RedisKeyLocation { get; set; }
    public Located<string>? OnStoreError { get; set; }
}

internal sealed class TargetModel(string name, LocationInfo nameLocation, string path) : NamedModel(name, nameLocation, path)
{
    public Located<string>? Model { get; set; }
    public Located<string>? Provider { get; set; }
    public Located<string>? Credential { get; set; }
    public Located<long>? Weight { get; set; }
    public Located<long>? TimeoutMs { get; set; }
}

internal sealed class StepModel(LocationInfo location, string path)
{
    public LocationInfo Location { get; } = location;
    public string Path { get; } = path;
    public Located<string>? Strategy { get; set; }
    public List<Located<string>>? Targets { get; set; }
    public LocationInfo? TargetsLocation { get; set; }
}

internal sealed class VariantModel(string name, LocationInfo nameLocation, string path) : NamedModel(name, nameLocation, path)
{
    public Located<string>? Model { get; set; }
    public Located<long>? Weight { get; set; }
    public Located<double>? Temperature { get; set; }
    public Located<double>? TopP { get; set; }
    public Located<long>? MaxTokens { get; set; }
}

internal sealed class RetryModel
{
    public Located<long>? MaxRetries { get; set; }
    public Located<long>? BackoffBaseMs { get; set; }
}

/// <summary>A route or a function: functions add inline models and experiment variants.</summary>
internal sealed class RouteModel(string name, LocationInfo nameLocation, string path, bool isFunction) : NamedModel(name, nameLocation, path)
{
    public bool IsFunction { get; } = isFunction;
    public Located<string>? Endpoint { get; set; }
    public Located<string>? Strategy { get; set; }
    public List<Located<string>>? Models { get; set; }
    public LocationInfo? ModelsLocation { get; set; }
    public List<Located<string>>? Targets { get; set; }
    public LocationInfo? TargetsLocation { get; set; }
    public List<StepModel>? Steps { get; set; }
    public LocationInfo? StepsLocation { get; set; }
    public List<VariantModel>? Variants { get; set; }
    public LocationInfo? VariantsLocation { get; set; }
    public RetryModel Retry { get; set; } = new();
}
