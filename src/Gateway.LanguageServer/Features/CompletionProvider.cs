using Gateway.Generator.Parsing;
using Gateway.LanguageServer.Protocol;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.LanguageServer.Features;

/// <summary>
/// Completion: in a table header, the tables the schema allows there (and, after <c>[targets.</c> and the
/// like, the names the document already defines); at the start of a line, the keys of the table the
/// cursor is in that are not set yet; in a value, the names the key expects (targets, providers,
/// models listed by providers) or the values the schema allows (strategies, endpoints, …).
/// </summary>
internal static class CompletionProvider
{
    // LSP CompletionItemKind.
    private const int Module = 9;
    private const int Property = 10;
    private const int Value = 12;
    private const int Reference = 18;
    private const int EnumMember = 20;

    public static CompletionList Complete(SourceText text, Position position)
    {
        var offset = Positions.ToOffset(text, position);
        var context = CursorContext.At(text, offset);
        var outline = ConfigOutline.Parse(text.ToString());
        var range = Positions.ToLsp(text, TextSpan.FromBounds(context.ReplaceStart, offset));
        var items = context.Kind switch
        {
            CursorKind.Header => Headers(context, DocumentNames.Collect(outline), range),
            CursorKind.Key => Keys(context, outline, range),
            CursorKind.Value => Values(context, DocumentNames.Collect(outline), range),
            _ => [],
        };
        return new CompletionList(false, items);
    }

    private static List<CompletionItem> Headers(CursorContext context, DocumentNames names, LspRange range)
    {
        var node = SchemaLookup.Resolve(context.HeaderSegments);
        if (node is null) return [];
        if (node.Field is { Type: SchemaType.Map } map)
        {
            return Names(names.ForMap(map.Name), Reference, "name from this file", range, quote: false);
        }
        return (node.Table?.Fields ?? [])
            .Where(f => f.Type is SchemaType.Table or SchemaType.Map or SchemaType.TableArray or SchemaType.Unsupported)
            .Select(f => Item(f, Module, SchemaLookup.Resolve([.. context.HeaderSegments, f.Name])!, range, f.Name))
            .ToList();
    }

    private static List<CompletionItem> Keys(CursorContext context, ConfigOutline outline, LspRange range)
    {
        var node = SchemaLookup.Resolve(context.TablePath);
        if (node?.Table is not { } table) return [];
        // Keys already set directly in this table are not offered again (TOML refuses a duplicate key).
        var present = outline.Keys
            .Where(k => k.Path.Count == context.TablePath.Count + 1 && k.Path.Take(context.TablePath.Count).SequenceEqual(context.TablePath, StringComparer.Ordinal))
            .Select(k => k.Path[^1])
            .ToHashSet(StringComparer.Ordinal);
        return table.Fields
            .Where(f => !present.Contains(f.Name))
            .Select(f => Item(f, Property, SchemaLookup.Resolve([.. context.TablePath, f.Name])!, range, f.Name + " = "))
            .ToList();
    }

    private static List<CompletionItem> Values(CursorContext context, DocumentNames names, LspRange range)
    {
        var quote = !context.InString;
        var inProvider = context.TablePath.Count > 0 && context.TablePath[0] == "providers";
        switch (context.Key)
        {
            case "targets":
                return Names(names.Targets, Reference, "target", range, quote);
            case "provider":
                return Names(names.Providers, Reference, "provider", range, quote);
            case "model":
            case "models" when !inProvider:
                return Names(names.Models, Value, "model listed by a provider", range, quote);
        }
        var field = FindField(SchemaLookup.Resolve(context.TablePath)?.Table, context.Key!);
        return field?.Allowed is { } allowed ? Names(allowed, EnumMember, field.Name, range, quote) : [];
    }

    /// <summary>The key in this table, or in one of its inline sub-tables (<c>steps = [{ strategy = …</c>).</summary>
    private static SchemaField? FindField(TableSchema? table, string key) =>
        table?.Find(key) ?? table?.Fields.Select(f => f.Table?.Find(key)).FirstOrDefault(f => f is not null);

    private static CompletionItem Item(SchemaField field, int kind, SchemaNode node, LspRange range, string insert) =>
        new(field.Name, kind, SchemaDocs.TypeName(field), new MarkupContent("markdown", SchemaDocs.Describe(node)), new TextEdit(range, insert), null);

    private static List<CompletionItem> Names(IEnumerable<string> names, int kind, string detail, LspRange range, bool quote) =>
        names.Select((name, i) => new CompletionItem(
                name, kind, detail, null, new TextEdit(range, quote ? "\"" + name + "\"" : name), i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
