using System.Collections.Generic;

namespace Gateway.Generator.Parsing;

internal enum SchemaType
{
    String,
    Integer,
    Float,
    Boolean,
    StringArray,
    /// <summary>A fixed table (<c>[server]</c>).</summary>
    Table,
    /// <summary>A table of user-named tables (<c>[providers.&lt;id&gt;]</c>).</summary>
    Map,
    /// <summary>An array of tables (<c>steps</c>).</summary>
    TableArray,
    /// <summary>A table of string → string (<c>headers</c>).</summary>
    StringMap,
    /// <summary>A to11 table this gateway does not implement: a warning, contents ignored.</summary>
    Unsupported,
}

/// <summary>One key of the config schema: its type, constraints and the text used in messages and docs.</summary>
internal sealed class SchemaField
{
    public SchemaField(string name, SchemaType type, string description)
    {
        Name = name;
        Type = type;
        Description = description;
    }

    public string Name { get; }

    public SchemaType Type { get; }

    public string Description { get; }

    public bool Required { get; set; }

    /// <summary>For strings and string arrays: the only values allowed.</summary>
    public IReadOnlyList<string>? Allowed { get; set; }

    public long? Min { get; set; }

    public long? Max { get; set; }

    public double? FloatMin { get; set; }

    public double? FloatMax { get; set; }

    /// <summary>The value must be greater than <see cref="FloatMin"/>, not equal (a budget of 0 is a mistake).</summary>
    public bool FloatMinExclusive { get; set; }

    /// <summary>Arrays: at least one item.</summary>
    public bool NonEmpty { get; set; }

    /// <summary>Arrays: no item twice.</summary>
    public bool Unique { get; set; }

    /// <summary>Table, Map values, TableArray items.</summary>
    public TableSchema? Table { get; set; }

    /// <summary>A TOML example of a valid value, used in fix hints.</summary>
    public string Example { get; set; } = "\"...\"";

    /// <summary>Default, as documentation text (README, JSON Schema).</summary>
    public string? Default { get; set; }

    /// <summary>What one array item is, for "list at least one X".</summary>
    public string ItemNoun { get; set; } = "item";
}

/// <summary>A table's keys, in documentation order.</summary>
internal sealed class TableSchema
{
    private readonly Dictionary<string, SchemaField> _byName = new(System.StringComparer.Ordinal);

    public TableSchema(string displayName, params SchemaField[] fields)
    {
        DisplayName = displayName;
        Fields = fields;
        foreach (var field in fields) _byName[field.Name] = field;
    }

    /// <summary>How messages name the table, e.g. <c>providers.&lt;id&gt;</c>.</summary>
    public string DisplayName { get; }

    public IReadOnlyList<SchemaField> Fields { get; }

    public SchemaField? Find(string name) => _byName.TryGetValue(name, out var field) ? field : null;
}
