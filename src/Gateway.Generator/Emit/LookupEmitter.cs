using System.Collections.Generic;
using System.Linq;
using Gateway.Generator.Model;

namespace Gateway.Generator.Emit;

/// <summary>
/// Emits <c>GeneratedGateway.Lookup.g.cs</c>: every lookup as a <c>switch</c> over
/// <c>ReadOnlySpan&lt;char&gt;</c>, which the C# compiler turns into length/character dispatch, so
/// resolving a request's model allocates nothing and needs no dictionary built at start-up.
/// </summary>
internal static class LookupEmitter
{
    /// <summary>Every endpoint kind, in declaration order (the emitted switch's order).</summary>
    private static readonly EndpointKind[] Endpoints = (EndpointKind[])System.Enum.GetValues(typeof(EndpointKind));

    public static string Emit(GatewaySpec spec)
    {
        var r = EmitNames.Routing;
        var w = new IndentedWriter();
        EmitNames.OpenClass(w);

        // Managed first (functions, routes, bare targets: per endpoint), then passthrough (any endpoint).
        w.Open($"public override {r}RouteMatch Resolve({r}EndpointKind endpoint, global::System.ReadOnlySpan<char> model)");
        if (spec.Lookups.Count > 0)
        {
            w.Open("switch (endpoint)");
            foreach (var endpoint in Endpoints)
            {
                var entries = spec.Lookups.Where(l => l.Endpoint == endpoint).ToList();
                if (entries.Count == 0) continue;
                w.Line($"case {r}EndpointKind.{endpoint}:").Indent();
                w.Open("switch (model)");
                foreach (var entry in entries)
                {
                    w.Line($"case {Literals.String(entry.Model)}: return {r}RouteMatch.Route({entry.Index});");
                }
                w.Close();
                w.Line("break;").Dedent();
            }
            w.Close();
        }
        if (spec.PassthroughLookups.Count > 0)
        {
            w.Open("switch (model)");
            foreach (var entry in spec.PassthroughLookups)
            {
                w.Line($"case {Literals.String(entry.Name)}: return {r}RouteMatch.Passthrough({entry.Index});");
            }
            w.Close();
        }
        w.Line($"return {r}RouteMatch.None;");
        w.Close();
        w.Line();

        NameSwitch(w, "FindFunction", "name", spec.FunctionNames.Select(n => (n.Name, n.Index)));
        NameSwitch(w, "FindRoute", "name", spec.RouteNames.Select(n => (n.Name, n.Index)));
        NameSwitch(w, "FindProvider", "id", spec.Providers.Select((p, i) => (p.Id, i)));
        NameSwitch(w, "FindModelListing", "id", spec.ModelListings.Select((m, i) => (m.Id, i)));

        w.Open("public override int FindPassthrough(int providerIndex, global::System.ReadOnlySpan<char> model)");
        if (spec.Passthroughs.Count > 0)
        {
            w.Open("switch (providerIndex)");
            foreach (var group in spec.Passthroughs.Select((p, i) => (p, i)).GroupBy(x => x.p.ProviderIndex).OrderBy(g => g.Key))
            {
                w.Line($"case {group.Key}:").Indent();
                w.Open("switch (model)");
                foreach (var (p, i) in group)
                {
                    w.Line($"case {Literals.String(p.Model)}: return {i};");
                }
                w.Close();
                w.Line("break;").Dedent();
            }
            w.Close();
        }
        w.Line("return -1;");
        w.Close();

        EmitNames.CloseClass(w);
        return w.ToString();
    }

    private static void NameSwitch(IndentedWriter w, string method, string parameter, IEnumerable<(string Name, int Index)> entries)
    {
        w.Open($"public override int {method}(global::System.ReadOnlySpan<char> {parameter})");
        var list = entries.ToList();
        if (list.Count > 0)
        {
            w.Open($"switch ({parameter})");
            foreach (var (name, index) in list)
            {
                w.Line($"case {Literals.String(name)}: return {index};");
            }
            w.Close();
        }
        w.Line("return -1;");
        w.Close();
        w.Line();
    }
}
