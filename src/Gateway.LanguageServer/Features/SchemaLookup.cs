using Gateway.Generator.Parsing;

namespace Gateway.LanguageServer.Features;

/// <summary>Walks <see cref="ConfigSchema.Root"/> along a key path, as the schema checker does.</summary>
internal static class SchemaLookup
{
    /// <summary>The root: the top-level tables.</summary>
    public static readonly SchemaNode Root = new(string.Empty, null, null, ConfigSchema.Root);

    public static SchemaNode? Resolve(IReadOnlyList<string> path)
    {
        var node = Root;
        foreach (var segment in path)
        {
            var next = Step(node, segment);
            if (next is null) return null;
            node = next;
        }
        return node;
    }

    private static SchemaNode? Step(SchemaNode node, string segment)
    {
        var dotted = SchemaChecker.Join(node.DottedPath, segment);
        if (node.Field is { Type: SchemaType.Map } map)
        {
            return new SchemaNode(dotted, null, map, map.Table);
        }
        var field = node.Table?.Find(segment);
        if (field is null) return null;
        var table = field.Type is SchemaType.Table or SchemaType.Map or SchemaType.TableArray ? field.Table : null;
        // A map's own table describes its entries; the map itself is followed by user names only.
        return new SchemaNode(dotted, field, null, field.Type == SchemaType.Map ? null : table);
    }
}
