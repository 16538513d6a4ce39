using System.Collections.Generic;
using Gateway.Generator.Model;

namespace Gateway.Generator.Parsing;

/// <summary>
/// A small located TOML tree: every node and key knows where it is in the file, so every later
/// check can point at the exact key or value. Built from Tomlyn's syntax tree by <see cref="TomlTreeBuilder"/>.
/// Lives only inside one pipeline step: never a pipeline output.
/// </summary>
internal abstract class TomlNode(LocationInfo location)
{
    public LocationInfo Location { get; } = location;

    /// <summary>The TOML type as users know it, for "must be X, but is Y" messages.</summary>
    public abstract string TypeName { get; }
}

internal enum TomlScalarKind
{
    String,
    Integer,
    Float,
    Boolean,
    DateTime,
}

internal sealed class TomlScalar(LocationInfo location, TomlScalarKind kind, object value) : TomlNode(location)
{
    public TomlScalarKind Kind { get; } = kind;

    public object Value { get; } = value;

    public override string TypeName => Kind switch
    {
        TomlScalarKind.String => "a string",
        TomlScalarKind.Integer => "an integer",
        TomlScalarKind.Float => "a float",
        TomlScalarKind.Boolean => "a boolean",
        _ => "a date-time",
    };
}

internal sealed class TomlArray(LocationInfo location, bool isArrayOfTables) : TomlNode(location)
{
    public List<TomlNode> Items { get; } = new();

    /// <summary>True for <c>[[a.b]]</c> headers (as opposed to an inline <c>[...]</c> value).</summary>
    public bool IsArrayOfTables { get; } = isArrayOfTables;

    public override string TypeName => "an array";
}

internal sealed class TomlEntry(string key, LocationInfo keyLocation, TomlNode value)
{
    public string Key { get; } = key;

    public LocationInfo KeyLocation { get; } = keyLocation;

    public TomlNode Value { get; set; } = value;
}

internal sealed class TomlTable(LocationInfo location, bool isInline) : TomlNode(location)
{
    private readonly Dictionary<string, TomlEntry> _byKey = new(System.StringComparer.Ordinal);

    /// <summary>Entries in file order.</summary>
    public List<TomlEntry> Entries { get; } = new();

    public bool IsInline { get; } = isInline;

    public override string TypeName => "a table";

    public TomlEntry? Find(string key) => _byKey.TryGetValue(key, out var entry) ? entry : null;

    public TomlNode? this[string key] => Find(key)?.Value;

    public void Add(TomlEntry entry)
    {
        _byKey[entry.Key] = entry;
        Entries.Add(entry);
    }
}
