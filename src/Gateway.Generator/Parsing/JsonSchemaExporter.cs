using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Gateway.Generator.Parsing;

/// <summary>
/// Writes <see cref="ConfigSchema"/> as a JSON Schema (draft-07) for editors (Taplo / Even Better TOML).
/// Produced from the very definition the generator validates against, and checked into
/// <c>schema/gateway.schema.json</c>; a test fails when the two differ, so they cannot drift.
/// Not used at build time. Hand-written JSON: the generator stays free of serializer dependencies.
/// </summary>
internal static class JsonSchemaExporter
{
    public const string SchemaId = "https://gateway.local/schema/gateway.schema.json";

    public static string Export()
    {
        var builder = new StringBuilder();
        var root = Table(ConfigSchema.Root, "Gateway configuration (gateway.toml): compiled into the gateway binary by Gateway.Generator.");
        root.Insert(0, new KeyValuePair<string, object>("$id", SchemaId));
        root.Insert(0, new KeyValuePair<string, object>("$schema", "http://json-schema.org/draft-07/schema#"));
        Write(builder, root, 0);
        return builder.Append('\n').ToString();
    }

    private static List<KeyValuePair<string, object>> Table(TableSchema table, string? description)
    {
        var node = new List<KeyValuePair<string, object>>();
        if (description is not null) node.Add(Pair("description", description));
        node.Add(Pair("type", "object"));
        node.Add(Pair("properties", table.Fields.Select(f => Pair(f.Name, (object)Field(f))).ToList()));
        var required = table.Fields.Where(f => f.Required).Select(f => (object)f.Name).ToList();
        if (required.Count > 0) node.Add(Pair("required", required));
        node.Add(Pair("additionalProperties", false));
        return node;
    }

    private static List<KeyValuePair<string, object>> Field(SchemaField field)
    {
        var description = field.Default is null ? field.Description : $"{field.Description} Default: {field.Default}.";
        switch (field.Type)
        {
            case SchemaType.Table:
                return Table(field.Table!, description);
            case SchemaType.Map:
                return new List<KeyValuePair<string, object>>
                {
                    Pair("description", description),
                    Pair("type", "object"),
                    Pair("additionalProperties", Table(field.Table!, null)),
                };
            case SchemaType.TableArray:
                return Array(description, Table(field.Table!, null), field);
            case SchemaType.StringArray:
                return Array(description, Scalar("string", field, null), field);
            case SchemaType.StringMap:
                return new List<KeyValuePair<string, object>>
                {
                    Pair("description", description),
                    Pair("type", "object"),
                    Pair("additionalProperties", new List<KeyValuePair<string, object>> { Pair("type", "string") }),
                };
            case SchemaType.Unsupported:
                return new List<KeyValuePair<string, object>> { Pair("description", description + " Accepted with warning GW0105; its contents are ignored."), Pair("type", "object") };
            case SchemaType.Integer:
                return Scalar("integer", field, description);
            case SchemaType.Float:
                return Scalar("number", field, description);
            case SchemaType.Boolean:
                return Scalar("boolean", field, description);
            default:
                return Scalar("string", field, description);
        }
    }

    private static List<KeyValuePair<string, object>> Array(string description, List<KeyValuePair<string, object>> items, SchemaField field)
    {
        var node = new List<KeyValuePair<string, object>> { Pair("description", description), Pair("type", "array"), Pair("items", items) };
        if (field.NonEmpty) node.Add(Pair("minItems", 1L));
        if (field.Unique) node.Add(Pair("uniqueItems", true));
        return node;
    }

    private static List<KeyValuePair<string, object>> Scalar(string type, SchemaField field, string? description)
    {
        var node = new List<KeyValuePair<string, object>>();
        if (description is not null) node.Add(Pair("description", description));
        node.Add(Pair("type", type));
        if (field.Allowed is { } allowed) node.Add(Pair("enum", allowed.Select(a => (object)a).ToList()));
        if (type == "integer")
        {
            if (field.Min is { } min) node.Add(Pair("minimum", min));
            if (field.Max is { } max) node.Add(Pair("maximum", max));
        }
        if (type == "number")
        {
            if (field.FloatMin is { } min) node.Add(Pair(field.FloatMinExclusive ? "exclusiveMinimum" : "minimum", min));
            if (field.FloatMax is { } max) node.Add(Pair("maximum", max));
        }
        if (type == "string" && field.Allowed is null && description is not null && field.Required) node.Add(Pair("minLength", 1L));
        return node;
    }

    private static KeyValuePair<string, object> Pair(string key, object value) => new(key, value);

    private static void Write(StringBuilder b, object value, int indent)
    {
        switch (value)
        {
            case List<KeyValuePair<string, object>> obj:
                b.Append("{\n");
                for (var i = 0; i < obj.Count; i++)
                {
                    b.Append(' ', (indent + 1) * 2);
                    WriteString(b, obj[i].Key);
                    b.Append(": ");
                    Write(b, obj[i].Value, indent + 1);
                    b.Append(i < obj.Count - 1 ? ",\n" : "\n");
                }
                b.Append(' ', indent * 2).Append('}');
                break;
            case List<object> array:
                b.Append('[').Append(string.Join(", ", array.Select(a => a is string s ? Quote(s) : Format(a)))).Append(']');
                break;
            case string s:
                WriteString(b, s);
                break;
            default:
                b.Append(Format(value));
                break;
        }
    }

    private static string Format(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static void WriteString(StringBuilder b, string s) => b.Append(Quote(s));

    private static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                default:
                    if (c < 0x20) b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else b.Append(c);
                    break;
            }
        }
        return b.Append('"').ToString();
    }
}
