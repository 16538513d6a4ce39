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
        EmitResolveListed(w, spec, r);

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

    /// <summary>
    /// <c>ResolveListed</c>: what <c>Resolve</c> answers for each listed name, per endpoint, as one array
    /// (endpoint-major), so a model the body peek already found in the listings is not looked up twice.
    /// </summary>
    private static void EmitResolveListed(IndentedWriter w, GatewaySpec spec, string r)
    {
        if (spec.ModelListings.Count == 0)
        {
            return;
        }
        w.Line($"private static readonly {r}RouteMatch[] s_listedMatches = new {r}RouteMatch[]");
        w.Line("{").Indent();
        foreach (var endpoint in Endpoints)
        {
            foreach (var listing in spec.ModelListings)
            {
                w.Line(ListedMatch(spec, endpoint, listing.Id, r) + ", // " + endpoint + " " + Literals.String(listing.Id));
            }
        }
        w.Dedent().Line("};");
        w.Line();
        w.Line($"public override {r}RouteMatch ResolveListed({r}EndpointKind endpoint, int listing) => s_listedMatches[((int)endpoint * {spec.ModelListings.Count}) + listing];");
        w.Line();
    }

    /// <summary>The same first match as the emitted <c>Resolve</c>: this endpoint's managed names, then passthrough.</summary>
    private static string ListedMatch(GatewaySpec spec, EndpointKind endpoint, string id, string r)
    {
        foreach (var entry in spec.Lookups)
        {
            if (entry.Endpoint == endpoint && entry.Model == id) return $"{r}RouteMatch.Route({entry.Index})";
        }
        foreach (var entry in spec.PassthroughLookups)
        {
            if (entry.Name == id) return $"{r}RouteMatch.Passthrough({entry.Index})";
        }
        return $"{r}RouteMatch.None";
    }
}
