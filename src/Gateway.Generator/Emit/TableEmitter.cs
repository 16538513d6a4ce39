using System.Collections.Generic;
using System.Linq;
using Gateway.Generator.Model;

namespace Gateway.Generator.Emit;

/// <summary>
/// Emits <c>GeneratedGateway.g.cs</c>: the class, its singleton and the frozen data (settings,
/// providers, targets, routes with their steps, passthroughs, model listing). All static data lives in
/// this one file so static initialisation order is textual order. A target used by several routes is
/// one shared field.
/// </summary>
internal static class TableEmitter
{
    public static string Emit(GatewaySpec spec)
    {
        var r = EmitNames.Routing;
        var w = new IndentedWriter();
        EmitNames.OpenClass(w, withDocumentation: true);
        w.Line($"public static {EmitNames.ClassName} Instance {{ get; }} = new {EmitNames.ClassName}();");
        w.Line();

        w.Line($"private static readonly {r}ServerSettings s_server = new({Literals.String(spec.Server.Host)}, {Literals.Int(spec.Server.Port)}, {Literals.Long(spec.Server.MaxRequestBodyBytes)}, {Literals.Int(spec.Server.ShutdownDrainMs)});");
        var pii = spec.Security.Pii == PiiDetectors.None
            ? $"{r}PiiDetectors.None"
            : string.Join(" | ", TomlEnums.Pii.Members.Where(m => (spec.Security.Pii & m.Value) != 0).Select(m => $"{r}PiiDetectors.{m.Value}"));
        // The blocklist compiles to one case-insensitive SearchValues matcher, built once.
        w.Line($"private static readonly string[] s_blocklist = {Literals.StringArray(spec.Security.Blocklist)};");
        var matcher = spec.Security.Blocklist.Count == 0
            ? "null"
            : "global::System.Buffers.SearchValues.Create(s_blocklist, global::System.StringComparison.OrdinalIgnoreCase)";
        w.Line($"private static readonly {r}SecuritySettings s_security = new({Literals.Bool(spec.Security.Enabled)}, s_blocklist, {pii}, {matcher});");
        w.Line($"private static readonly {r}TelemetrySettings s_telemetry = new({Literals.Bool(spec.Telemetry.Enabled)}, {Literals.String(spec.Telemetry.OtlpEndpoint)}, {Literals.String(spec.Telemetry.ServiceName)});");
        w.Line();

        for (var i = 0; i < spec.Providers.Count; i++)
        {
            var p = spec.Providers[i];
            var headers = p.Headers.Count == 0
                ? "[]"
                : "[" + string.Join(", ", p.Headers.Select(h => $"new({Literals.String(h.Name)}, {Literals.String(h.Value)})")) + "]";
            w.Line($"// [providers.{Literals.Comment(p.Id)}]");
            w.Line($"private static readonly {r}ProviderDefinition s_provider{i} = new({i}, {Literals.String(p.Id)}, {Literals.String(p.BaseUrl)}, {r}AuthScheme.{p.AuthScheme}, {Literals.String(p.AuthParameterName)}, {headers}, {Literals.Int(p.TimeoutMs)}, {Literals.StringArray(p.Models)}, {r}ProviderApi.{p.Api}{ServesResponsesArgument(p)});");
        }
        w.Line($"private static readonly {r}ProviderDefinition[] s_providers = [{string.Join(", ", spec.Providers.Select((_, i) => "s_provider" + i))}];");
        w.Line();

        var targets = DistinctTargets(spec);
        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            var overrides = t.Overrides is { } o
                ? $"new {r}RequestOverrides({Literals.Double(o.Temperature)}, {Literals.Double(o.TopP)}, {Literals.NullableInt(o.MaxTokens)})"
                : "null";
            w.Line($"private static readonly {r}TargetDefinition s_target{i} = new({Literals.String(t.Name)}, s_provider{t.ProviderIndex}, {Literals.String(t.Model)}, {t.CredentialSlot}, {t.Weight}, {t.TimeoutMs}, {overrides}, {Literals.NullableInt(t.MaxOutputTokens)}{PriceArgument(t.Price)});");
        }
        if (targets.Count > 0) w.Line();
        var targetField = targets.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => "s_target" + x.i);

        w.Line($"private static readonly {r}RouteDefinition[] s_routes =");
        w.Line("[").Indent();
        for (var i = 0; i < spec.Routes.Count; i++)
        {
            var route = spec.Routes[i];
            w.Line($"// [{i}] {route.Kind} '{Literals.Comment(route.Name)}'");
            w.Line($"new({i}, {Literals.String(route.Name)}, {r}RouteKind.{route.Kind}, {r}EndpointKind.{route.Endpoint},");
            w.Line("[").Indent();
            foreach (var step in route.Steps)
            {
                var table = step.Alias.Count == 0
                    ? "null"
                    : $"new([{string.Join(", ", step.AliasThreshold.Select(Literals.Long))}], [{string.Join(", ", step.Alias.Select(a => Literals.Int(a)))}], {Literals.Long(step.TotalWeight)})";
                w.Line($"new({r}StrategyKind.{step.Strategy}, [{string.Join(", ", step.Targets.Select(t => targetField[t]))}], {table}),");
            }
            w.Dedent().Line($"], new({route.MaxRetries}, {route.BackoffBaseMs})),");
        }
        w.Dedent().Line("];");
        w.Line();

        ArrayField(w, $"{r}PassthroughDefinition", "s_passthroughs",
            spec.Passthroughs.Select(p => $"new(s_provider{p.ProviderIndex}, {Literals.String(p.Model)}, {Literals.Int(p.TimeoutMs)}, {Literals.NullableInt(p.MaxOutputTokens)}{PriceArgument(p.Price)})"));
        ArrayField(w, $"{r}ModelListing", "s_modelListings",
            spec.ModelListings.Select(m => $"new({Literals.String(m.Id)}, {Literals.String(m.OwnedBy)})"));

        // Gateway keys (SPEC §11): names, slots and digests only; a key itself is never compiled.
        ArrayField(w, $"{r}KeyDefinition", "s_keys", spec.Keys.Select(Key));
        var limits = spec.Limits;
        w.Line($"private static readonly {r}LimitsSettings s_limits = new({r}LimitStoreKind.{limits.Store}, {Literals.Int(limits.RedisCredentialSlot)}, {r}StoreErrorPolicy.{limits.OnStoreError});");
        // Static fields after the providers they name (textual order is initialisation order).
        if (spec.Files is { } files)
        {
            w.Line($"private static readonly {r}StoredApiSettings s_files = {StoredApi(files)};");
        }
        if (spec.Responses is { } responses)
        {
            w.Line($"private static readonly {r}StoredApiSettings s_storedResponses = {StoredApi(responses)};");
        }
        w.Line();

        w.Line($"public override {r}ServerSettings Server => s_server;");
        w.Line($"public override {r}SecuritySettings Security => s_security;");
        w.Line($"public override {r}TelemetrySettings Telemetry => s_telemetry;");
        w.Line($"public override {r}ProviderDefinition[] Providers => s_providers;");
        w.Line($"public override {r}RouteDefinition[] Routes => s_routes;");
        w.Line($"public override {r}PassthroughDefinition[] Passthroughs => s_passthroughs;");
        w.Line($"public override {r}ModelListing[] ModelListings => s_modelListings;");
        w.Line($"public override {r}KeyDefinition[] Keys => s_keys;");
        w.Line($"public override {r}LimitsSettings Limits => s_limits;");
        // SPEC §10: only a config with [files] / [responses] overrides the base's null (no such endpoints).
        if (spec.Files is not null)
        {
            w.Line($"public override {r}StoredApiSettings Files => s_files;");
        }
        if (spec.Responses is not null)
        {
            w.Line($"public override {r}StoredApiSettings StoredResponses => s_storedResponses;");
        }
        EmitNames.CloseClass(w);
        return w.ToString();
    }

    /// <summary>The trailing <c>price</c> argument, or nothing for an unpriced model (the parameter defaults to null).</summary>
    private static string PriceArgument(PriceSpec? price) => price is null
        ? string.Empty
        : $", new {EmitNames.Routing}ModelPrice({Literals.Decimal(price.InputUsdPerMTok)}, {Literals.Decimal(price.OutputUsdPerMTok)}, {Literals.Decimal(price.CachedInputUsdPerMTok)})";

    /// <summary>
    /// The trailing <c>servesResponses</c> argument, only for an openai provider that said
    /// <c>responses = false</c>: the parameter defaults to true and the runtime never relays
    /// Responses natively to an Anthropic provider, so every other line stays as it was.
    /// </summary>
    private static string ServesResponsesArgument(ProviderSpec provider) =>
        provider.ServesResponses || provider.Api == ProviderApi.Anthropic ? string.Empty : ", false";

    private static string StoredApi(StoredApiSpec api) =>
        $"new(s_provider{api.ProviderIndex}, {Literals.Bool(api.Managed)}, {Literals.Int(api.CredentialSlot)}, {Literals.Long(api.MaxBytes)})";

    private static string Key(KeySpec key)
    {
        var r = EmitNames.Routing;
        var models = key.Models is { } m
            ? $"new {r}ModelAllowList(false, {IntArray(m.Routes)}, {IntArray(m.Passthroughs)}, {IntArray(m.PassthroughProviders)})"
            : $"global::Gateway.Runtime.Model.ModelAllowList.EveryRoute";
        var limits = key.RequestsPerMinute is null && key.TokensPerMinute is null && key.BudgetUsd is null
            ? $"{r}KeyLimits.None"
            : $"new {r}KeyLimits({Literals.NullableInt(key.RequestsPerMinute)}, {(key.TokensPerMinute is { } t ? Literals.Long(t) : "null")}, {Literals.Decimal(key.BudgetUsd)}, {r}BudgetPeriod.{key.BudgetPeriod})";
        return $"new({Literals.String(key.Name)}, {Literals.Int(key.CredentialSlot)}, {Literals.String(key.Sha256Hex)}, {models}, {limits}, {Literals.Bool(key.Passthrough)})";
    }

    private static string IntArray(IEnumerable<int> values) => "[" + string.Join(", ", values.Select(v => Literals.Int(v))) + "]";

    /// <summary>A static readonly array field, one element per line.</summary>
    private static void ArrayField(IndentedWriter w, string elementType, string name, IEnumerable<string> elements)
    {
        w.Line($"private static readonly {elementType}[] {name} =");
        w.Line("[").Indent();
        foreach (var element in elements) w.Line(element + ",");
        w.Dedent().Line("];");
        w.Line();
    }

    /// <summary>Targets in first-use order; equal targets (same name, provider, model, …) share one field.</summary>
    private static List<TargetSpec> DistinctTargets(GatewaySpec spec)
    {
        var seen = new HashSet<TargetSpec>();
        var list = new List<TargetSpec>();
        foreach (var target in spec.Routes.SelectMany(r => r.Steps).SelectMany(s => s.Targets))
        {
            if (seen.Add(target)) list.Add(target);
        }
        return list;
    }
}
