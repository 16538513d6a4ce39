using Gateway.LanguageServer.Protocol;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.LanguageServer.Features;

/// <summary>Hover on a key (or a table header segment): its documentation from the schema.</summary>
internal static class HoverProvider
{
    public static Hover? Hover(SourceText text, Position position)
    {
        var offset = Positions.ToOffset(text, position);
        var key = ConfigOutline.Parse(text.ToString()).KeyAt(offset);
        if (key is null) return null;
        var node = SchemaLookup.Resolve(key.Path);
        if (node is null || (node.Field is null && node.MapEntryOf is null)) return null;
        return new Hover(new MarkupContent("markdown", SchemaDocs.Describe(node)), Positions.ToLsp(text, new TextSpan(key.Start, key.Length)));
    }
}
