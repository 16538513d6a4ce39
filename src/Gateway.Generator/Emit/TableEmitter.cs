using System.Linq;
using Gateway.Generator.Model;

namespace Gateway.Generator.Emit;

/// <summary>
/// Emits <c>GeneratedGateway.g.cs</c>: the class, its singleton and the frozen data (settings,
/// providers, routes with their steps and targets, passthroughs, model listing). All data is in this
/// one file so static initialisation order is textual order.
/// </summary>
internal static class TableEmitter
{
    public static string Emit(GatewaySpec spec)
    {
        var w = new IndentedWriter();
        w.Line(EmitNames.Header.TrimEnd('\n'));
        w.Line("namespace " + EmitNames.Namespace);
        w.Line("{");
        w.Line("    /// <summary>The routing table compiled from the gateway config. Immutable; built once at start-up.</summary>");
        w.Line("    [global::System.CodeDom.Compiler.GeneratedCode(\"Gateway.Generator\", \"1.0.0\")]");
        w.Line("    " + EmitNames.ClassDeclaration);
        w.Line("    {");
        var r = EmitNames.Routing;
        w.Line($"        public static {EmitNames.ClassName} Instance {{ get; }} = new {EmitNames.ClassName}();");
        w.Line();
        w.Line($"        private static readonly {r}ServerSettings s_server = new {r}ServerSettings({Literals.String(spec.Server.Host)}, {Literals.Int(spec.Server.Port)}, {Literals.Long(spec.Server.MaxRequestBodyBytes)}, {Literals.Int(spec.Server.ShutdownDrainMs)});");
        var pii = spec.Security.Pii.Count == 0
            ? $"{r}PiiDetectors.None"
            : string.Join(" | ", spec.Security.Pii.Select(p => $"{r}PiiDetectors.{PiiMember(p)}"));
        w.Line($"        private static readonly {r}SecuritySettings s_security = new {r}SecuritySettings({Literals.Bool(spec.Security.Enabled)}, {Literals.StringArray(spec.Security.Blocklist)}, {pii});");
        w.Line($"        private static readonly {r}TelemetrySettings s_telemetry = new {r}TelemetrySettings({Literals.Bool(spec.Telemetry.Enabled)}, {Literals.String(spec.Telemetry.OtlpEndpoint)}, {Literals.String(spec.Telemetry.ServiceName)});");
        w.Line();

        for (var i = 0; i < spec.Providers.Count; i++)
        {
            var p = spec.Providers[i];
            var headers = "new global::System.Collections.Generic.KeyValuePair<string, string>[] { " +
                string.Join(", ", p.Headers.Select(h => $"new global::System.Collections.Generic.KeyValuePair<string, string>({Literals.String(h.Name)}, {Literals.String(h.Value)})")) + " }";
            w.Line($"        // [providers.{Literals.Comment(p.Id)}]");
            w.Line($"        private static readonly {r}ProviderDefinition s_provider{i} = new {r}ProviderDefinition({i}, {Literals.String(p.Id)}, {Literals.String(p.BaseUrl)}, {r}AuthScheme.{p.AuthScheme}, {Literals.String(p.AuthParameterName)}, {headers}, {Literals.Int(p.TimeoutMs)}, {Literals.StringArray(p.Models)});");
        }
        w.Line($"        private static readonly {r}ProviderDefinition[] s_providers = new {r}ProviderDefinition[] {{ {string.Join(", ", spec.Providers.Select((_, i) => "s_provider" + i))} }};");
        w.Line();

        w.Line($"        private static readonly {r}RouteDefinition[] s_routes = new {r}RouteDefinition[]");
        w.Line("        {");
        for (var i = 0; i < spec.Routes.Count; i++)
        {
            var route = spec.Routes[i];
            w.Line($"            // [{i}] {route.Kind} '{Literals.Comment(route.Name)}'");
            w.Line($"            new {r}RouteDefinition({i}, {Literals.String(route.Name)}, {r}RouteKind.{route.Kind}, {r}EndpointKind.{route.Endpoint}, new {r}StepDefinition[]");
            w.Line("            {");
            foreach (var step in route.Steps)
            {
                w.Line($"                new {r}StepDefinition({r}StrategyKind.{step.Strategy}, new {r}TargetDefinition[]");
                w.Line("                {");
                foreach (var t in step.Targets)
                {
                    var overrides = t.Overrides is { } o
                        ? $"new {r}RequestOverrides({Literals.Double(o.Temperature)}, {Literals.Double(o.TopP)}, {Literals.NullableInt(o.MaxTokens)})"
                        : "null";
                    w.Line($"                    new {r}TargetDefinition({Literals.String(t.Name)}, s_provider{t.ProviderIndex}, {Literals.String(t.Model)}, {t.CredentialSlot}, {t.Weight}, {t.TimeoutMs}, {overrides}),");
                }
                var table = step.Alias.Count == 0
                    ? "null"
                    : $"new {r}WeightedTable(new long[] {{ {string.Join(", ", step.AliasThreshold.Select(Literals.Long))} }}, new int[] {{ {string.Join(", ", step.Alias.Select(a => Literals.Int(a)))} }}, {Literals.Long(step.TotalWeight)})";
                w.Line($"                }}, {table}),");
            }
            w.Line($"            }}, new {r}RetrySettings({route.MaxRetries}, {route.BackoffBaseMs})),");
        }
        w.Line("        };");
        w.Line();

        w.Line($"        private static readonly {r}PassthroughDefinition[] s_passthroughs = new {r}PassthroughDefinition[]");
        w.Line("        {");
        foreach (var p in spec.Passthroughs)
        {
            w.Line($"            new {r}PassthroughDefinition(s_provider{p.ProviderIndex}, {Literals.String(p.Model)}, {Literals.Int(p.TimeoutMs)}),");
        }
        w.Line("        };");
        w.Line();

        w.Line($"        private static readonly {r}ModelListing[] s_modelListings = new {r}ModelListing[]");
        w.Line("        {");
        foreach (var m in spec.ModelListings)
        {
            w.Line($"            new {r}ModelListing({Literals.String(m.Id)}, {Literals.String(m.OwnedBy)}),");
        }
        w.Line("        };");
        w.Line();

        w.Line($"        public override {r}ServerSettings Server => s_server;");
        w.Line($"        public override {r}SecuritySettings Security => s_security;");
        w.Line($"        public override {r}TelemetrySettings Telemetry => s_telemetry;");
        w.Line($"        public override {r}ProviderDefinition[] Providers => s_providers;");
        w.Line($"        public override {r}RouteDefinition[] Routes => s_routes;");
        w.Line($"        public override {r}PassthroughDefinition[] Passthroughs => s_passthroughs;");
        w.Line($"        public override {r}ModelListing[] ModelListings => s_modelListings;");
        w.Line("    }");
        w.Line("}");
        return w.ToString();
    }

    private static string PiiMember(string detector) => detector switch
    {
        "email" => "Email",
        "phone" => "Phone",
        "credit_card" => "CreditCard",
        "ssn" => "Ssn",
        _ => "Ip",
    };
}
