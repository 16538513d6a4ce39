using System.Globalization;
using Gateway.Runtime.Credentials;
using Gateway.Runtime.Ingress;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Hosting;

/// <summary>Renders the compiled table for <see cref="GatewayCheck"/>: plain text, one fact per line, stable order.</summary>
internal static class RouteTableWriter
{
    public static void Write(CompiledGateway gateway, Secret?[] secrets, TextWriter output)
    {
        var server = gateway.Server;
        output.WriteLine("gateway --check: compiled route table");
        output.WriteLine($"server: {server.Host}:{F(server.Port)} (max_request_body_bytes {F(server.MaxRequestBodyBytes)}, shutdown_drain_ms {F(server.ShutdownDrainMs)})");
        var security = gateway.Security;
        output.WriteLine(security.Enabled
            ? $"security: enabled (blocklist {F(security.Blocklist.Length)} word(s), pii {Pii(security.Pii)})"
            : "security: disabled");
        var telemetry = gateway.Telemetry;
        output.WriteLine(telemetry.Enabled
            ? $"telemetry: enabled (otlp {Endpoint(telemetry.OtlpEndpoint)}, service.name {telemetry.ServiceName})"
            : "telemetry: disabled");

        output.WriteLine();
        output.WriteLine($"providers ({F(gateway.Providers.Length)}):");
        foreach (var p in gateway.Providers)
        {
            output.WriteLine($"  {p.Id}: {p.BaseUrl}  auth {Auth(p)}  timeout {F(p.TimeoutMs)} ms");
            output.WriteLine($"    models: {string.Join(", ", p.Models)}");
            if (p.StaticHeaders.Length > 0)
            {
                // Names only: a header value is configuration we do not echo.
                output.WriteLine($"    static headers: {string.Join(", ", p.StaticHeaders.Select(h => h.Key))}");
            }
        }

        WriteRoutes(output, gateway, "routes", r => r.Kind != RouteKind.Function);
        WriteRoutes(output, gateway, "functions", r => r.Kind == RouteKind.Function);

        output.WriteLine();
        output.WriteLine($"passthrough models ({F(gateway.Passthroughs.Length)}; the caller's own key is forwarded):");
        foreach (var pass in gateway.Passthroughs)
        {
            output.WriteLine($"  {pass.Model} -> {pass.Provider.Id}  timeout {F(pass.TimeoutMs)} ms");
        }

        output.WriteLine();
        output.WriteLine($"credentials ({F(gateway.Credentials.Length)}; references only, values are never printed):");
        for (var i = 0; i < gateway.Credentials.Length; i++)
        {
            var requirement = gateway.Credentials[i];
            var resolved = i < secrets.Length && secrets[i] is not null;
            output.WriteLine($"  {requirement.Reference}: {(resolved ? "resolves" : "MISSING")}  (needed by {requirement.NeededBy})");
        }

        void WriteRoutes(TextWriter writer, CompiledGateway g, string title, Func<RouteDefinition, bool> filter)
        {
            var routes = g.Routes.Where(filter).ToList();
            writer.WriteLine();
            writer.WriteLine($"{title} ({F(routes.Count)}):");
            foreach (var route in routes)
            {
                var kind = route.Kind == RouteKind.BareTarget ? " (bare target)" : string.Empty;
                writer.WriteLine($"  {route.Name}{kind}: endpoint {Endpoint(route.Endpoint)}  retry max_retries {F(route.Retry.MaxRetries)}, backoff_base_ms {F(route.Retry.BackoffBaseMs)}");
                if (route.Kind == RouteKind.Function)
                {
                    writer.WriteLine($"    called as: function::{route.Name} or {route.Name}");
                }
                else
                {
                    var models = g.ModelListings.Select(m => m.Id).Distinct(StringComparer.Ordinal).Where(id => ServedBy(g, route, id)).ToList();
                    writer.WriteLine($"    models: {(models.Count > 0 ? string.Join(", ", models) : "(route::" + route.Name + " only)")}");
                }
                for (var s = 0; s < route.Steps.Length; s++)
                {
                    var step = route.Steps[s];
                    var label = route.Steps.Length > 1 ? $"step {F(s + 1)}: " : string.Empty;
                    writer.WriteLine($"    {label}strategy {Strategy(step.Strategy)}");
                    foreach (var t in step.Targets)
                    {
                        var weight = step.Strategy is StrategyKind.Weighted or StrategyKind.Experiment ? $"  weight {F(t.Weight)}" : string.Empty;
                        writer.WriteLine($"      {t.Name} -> {t.Provider.Id}/{t.Model}  timeout {F(t.TimeoutMs)} ms{weight}  credential {Credential(g, t)}");
                    }
                }
            }
        }
    }

    /// <summary>Which request model names reach this route (the generated lookup is the source of truth).</summary>
    private static bool ServedBy(CompiledGateway gateway, RouteDefinition route, string model)
    {
        var match = gateway.Resolve(route.Endpoint, model);
        return match.Kind == RouteMatchKind.Route && match.Index == route.Index;
    }

    private static string Pii(PiiDetectors pii)
    {
        if (pii == PiiDetectors.None) return "none";
        var names = new List<string>(5);
        if ((pii & PiiDetectors.Email) != 0) names.Add("email");
        if ((pii & PiiDetectors.Phone) != 0) names.Add("phone");
        if ((pii & PiiDetectors.CreditCard) != 0) names.Add("credit_card");
        if ((pii & PiiDetectors.Ssn) != 0) names.Add("ssn");
        if ((pii & PiiDetectors.Ip) != 0) names.Add("ip");
        return string.Join(", ", names);
    }

    private static string Credential(CompiledGateway gateway, TargetDefinition target) =>
        target.CredentialSlot >= 0 && target.CredentialSlot < gateway.Credentials.Length
            ? gateway.Credentials[target.CredentialSlot].Reference
            : "none";

    private static string Auth(ProviderDefinition provider) => provider.Auth switch
    {
        AuthScheme.Bearer => "bearer",
        AuthScheme.ApiKeyHeader => $"api_key_header ({provider.AuthParameterName})",
        AuthScheme.QueryParam => $"query_param ({provider.AuthParameterName})",
        AuthScheme.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider.Auth, null),
    };

    private static string Strategy(StrategyKind strategy) => strategy switch
    {
        StrategyKind.Single => "single",
        StrategyKind.Weighted => "weighted",
        StrategyKind.Fallback => "fallback",
        StrategyKind.Experiment => "experiment",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };

    private static string Endpoint(EndpointKind endpoint) => IngressEndpoints.OpenAi(endpoint).Name;

    /// <summary>Scheme, host and port only: user info in a collector URL would be a credential.</summary>
    private static string Endpoint(string? url) =>
        url is null ? "(exporter default)"
        : Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}"
        : "(invalid)";

    private static string F(long value) => value.ToString(CultureInfo.InvariantCulture);
}
