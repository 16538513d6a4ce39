using Tomlyn.Syntax;

namespace Gateway.LanguageServer.Features;

/// <summary>
/// The names a document defines, in file order: provider ids, target, route and function names
/// (the second segment of <c>[providers.X]</c>, <c>[targets.X]</c>, … or of a dotted key), and the
/// model names providers list (<c>[providers.X] models = [...]</c>).
/// </summary>
internal sealed class DocumentNames
{
    private readonly Dictionary<string, List<string>> _byMap = new(StringComparer.Ordinal);

    private DocumentNames()
    {
    }

    public IReadOnlyList<string> Providers => Names("providers");

    public IReadOnlyList<string> Targets => Names("targets");

    public IReadOnlyList<string> Routes => Names("routes");

    public IReadOnlyList<string> Functions => Names("functions");

    /// <summary>Models any provider lists (what a target's <c>model</c> and a route's <c>models</c> may name).</summary>
    public IReadOnlyList<string> Models => Names("provider models");

    /// <summary>The names a table header <c>[map.</c> may continue with.</summary>
    public IReadOnlyList<string> ForMap(string map) => map == "models" ? Models : Names(map);

    public static DocumentNames Collect(ConfigOutline outline)
    {
        var names = new DocumentNames();
        foreach (var key in outline.Keys)
        {
            if (key.Path.Count >= 2 && key.Path[0] is "providers" or "targets" or "routes" or "functions")
            {
                names.Add(key.Path[0], key.Path[1]);
            }
        }
        foreach (var value in outline.Values)
        {
            if (value.Path is ["providers", _, "models"] && value.Value is ArraySyntax array)
            {
                foreach (var item in array.Items)
                {
                    if (item.Value is StringValueSyntax { Value: { Length: > 0 } model }) names.Add("provider models", model);
                }
            }
        }
        return names;
    }

    private IReadOnlyList<string> Names(string map) => _byMap.TryGetValue(map, out var list) ? list : [];

    private void Add(string map, string name)
    {
        if (name.Length == 0) return;
        if (!_byMap.TryGetValue(map, out var list)) _byMap[map] = list = [];
        if (!list.Contains(name, StringComparer.Ordinal)) list.Add(name);
    }
}
