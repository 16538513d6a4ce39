using System;
using System.Collections.Generic;
using System.Linq;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;

namespace Gateway.Generator.Validation;

/// <summary>
/// Cross-reference validation and resolution: turns the bound config into the location-free
/// <see cref="GatewaySpec"/>. Collects every problem; any error yields <see cref="GatewaySpec.Empty"/>
/// so the emitted code still compiles and users see only GW diagnostics.
/// </summary>
internal static class ConfigValidator
{
    public static GatewaySpec Validate(GatewayConfigModel config, List<DiagnosticInfo> diagnostics)
    {
        var context = new ValidationContext(config, diagnostics);
        var routes = new RouteCompiler(context);
        routes.CompileAll();
        var security = Security(config);
        var telemetry = Telemetry(config, diagnostics);
        // One passthrough entry per (provider, listed model). An unprefixed model that no route or
        // function serves on the request's endpoint falls through to the first provider in file order
        // that lists it (GW0203 warned about the others); that lookup is endpoint-agnostic.
        var passthroughs = new List<PassthroughSpec>();
        var passthroughLookups = new List<NamedIndexSpec>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var provider in context.Providers)
        {
            foreach (var model in provider.Model.ModelNames.Select(m => m.Value).Distinct())
            {
                if (listed.Add(model)) passthroughLookups.Add(new NamedIndexSpec(model, passthroughs.Count));
                passthroughs.Add(new PassthroughSpec(provider.Index, model, context.Timeout(null, provider, model), context.MaxOutputTokens(model), context.Price(model)));
            }
        }

        // Keys after routes and passthroughs: allow-lists are indices into both.
        var keys = new KeyValidator(context, routes, passthroughs, passthroughLookups).CompileAll();
        var limits = LimitsValidator.Compile(config.Limits, context.Credentials, diagnostics);
        var files = StoredApiValidator.Compile(config.Files, context);
        var storedResponses = StoredApiValidator.Compile(config.Responses, context);

        if (context.HasErrors) return GatewaySpec.Empty;

        var providers = context.Providers.Select(p => new ProviderSpec(
            p.Id,
            p.Model.BaseUrl!.Value.Value.TrimEnd('/'),
            p.Api,
            p.AuthScheme,
            p.Model.AuthHeaderName?.Value ?? (p.AuthScheme == AuthScheme.QueryParam ? "key" : p.IsAnthropic ? "x-api-key" : "api-key"),
            p.Model.Headers.Select(h => new HeaderSpec(h.Name.Value, h.Value.Value)).ToEquatableArray(),
            context.ProviderTimeout(p),
            p.Model.ModelNames.Select(m => m.Value).ToEquatableArray(),
            p.ServesResponses)).ToEquatableArray();

        return new GatewaySpec(
            new ServerSpec(
                config.ServerHost?.Value ?? "127.0.0.1",
                (int)(config.ServerPort?.Value ?? 4000),
                config.MaxRequestBodyBytes?.Value ?? GatewaySpec.DefaultMaxRequestBodyBytes,
                (int)(config.ShutdownDrainMs?.Value ?? GatewaySpec.DefaultShutdownDrainMs)),
            providers,
            routes.Routes.ToEquatableArray(),
            passthroughs.ToEquatableArray(),
            context.Credentials.ToSpecs(),
            routes.Lookups.ToEquatableArray(),
            passthroughLookups.ToEquatableArray(),
            routes.FunctionNames.ToEquatableArray(),
            routes.RouteNames.ToEquatableArray(),
            ModelListings(routes.Lookups, context).ToEquatableArray(),
            security,
            telemetry,
            keys.ToEquatableArray(),
            limits,
            files,
            storedResponses);
    }

    /// <summary>GET /v1/models: functions, route models and bare targets ("gateway"), then provider models.</summary>
    private static IEnumerable<ModelListingSpec> ModelListings(List<LookupSpec> managed, ValidationContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lookup in managed)
        {
            if (seen.Add(lookup.Model)) yield return new ModelListingSpec(lookup.Model, "gateway");
        }
        foreach (var provider in context.Providers)
        {
            foreach (var model in provider.Model.ModelNames)
            {
                if (seen.Add(model.Value)) yield return new ModelListingSpec(model.Value, provider.Id);
            }
        }
    }

    private static SecuritySpec Security(GatewayConfigModel config)
    {
        var enabled = config.SecurityEnabled?.Value ?? false;
        var blocklist = (config.Blocklist ?? new List<Located<string>>()).Select(b => b.Value).ToEquatableArray();
        // Omitted: every detector when the pipeline is on. Listed: those named (the schema reported any other spelling).
        var pii = PiiDetectors.None;
        if (config.Pii is null)
        {
            pii = enabled ? PiiDetectors.All : PiiDetectors.None;
        }
        else
        {
            foreach (var name in config.Pii)
            {
                pii |= TomlEnums.Pii.Parse(name.Value) ?? PiiDetectors.None;
            }
        }
        return new SecuritySpec(enabled, blocklist, pii);
    }

    private static TelemetrySpec Telemetry(GatewayConfigModel config, List<DiagnosticInfo> diagnostics)
    {
        if (config.OtlpEndpoint is { } endpoint && ProviderValidator.UrlProblem(endpoint.Value, out _) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidUrl, endpoint.Location, "telemetry.otlp_endpoint", endpoint.Value, problem));
        }
        return new TelemetrySpec(config.TelemetryEnabled?.Value ?? false, config.OtlpEndpoint?.Value, config.ServiceName?.Value ?? "gateway");
    }
}
