using System.Globalization;
using System.Text;
using Gateway.Generator.Parsing;

namespace Gateway.LanguageServer.Features;

/// <summary>
/// Markdown documentation of a schema key, written from the same <see cref="SchemaField"/> the JSON
/// Schema's <c>description</c> comes from (description, then default, allowed values, range, example).
/// </summary>
internal static class SchemaDocs
{
    public static string TypeName(SchemaField field) => field.Type switch
    {
        SchemaType.String => "string",
        SchemaType.Integer => "integer",
        SchemaType.Float => "number",
        SchemaType.Boolean => "boolean",
        SchemaType.StringArray => "array of strings",
        SchemaType.Table => "table",
        SchemaType.Map => "table of named tables",
        SchemaType.TableArray => "array of tables",
        SchemaType.StringMap => "table of strings",
        _ => "unsupported table",
    };

    public static string Describe(SchemaNode node)
    {
        var text = new StringBuilder();
        if (node.Field is { } field)
        {
            text.Append("**`").Append(node.DottedPath).Append("`** · ").Append(TypeName(field));
            if (field.Required) text.Append(" · required");
            text.Append("\n\n").Append(field.Description);
            if (field.Default is not null) text.Append(" Default: ").Append(field.Default).Append('.');
            if (field.Allowed is { } allowed) text.Append("\n\nOne of: ").Append(string.Join(", ", allowed.Select(a => "`\"" + a + "\"`")));
            if (Range(field) is { } range) text.Append("\n\nRange: ").Append(range);
            if (field.Type is not (SchemaType.Table or SchemaType.Map or SchemaType.Unsupported))
            {
                text.Append("\n\nExample: `").Append(field.Name).Append(" = ").Append(field.Example).Append('`');
            }
        }
        else if (node.MapEntryOf is { } map)
        {
            text.Append("**`").Append(node.DottedPath).Append("`** · table (`").Append(map.Table?.DisplayName).Append("`)")
                .Append("\n\n").Append(map.Description);
        }
        return text.ToString();
    }

    private static string? Range(SchemaField field)
    {
        if (field.Min is { } min && field.Max is { } max)
        {
            return max >= int.MaxValue
                ? "≥ " + min.ToString(CultureInfo.InvariantCulture)
                : min.ToString(CultureInfo.InvariantCulture) + "–" + max.ToString(CultureInfo.InvariantCulture);
        }
        if (field.FloatMin is { } fmin && field.FloatMax is { } fmax)
        {
            return fmin.ToString(CultureInfo.InvariantCulture) + "–" + fmax.ToString(CultureInfo.InvariantCulture);
        }
        return null;
    }
}
