using System.Collections.Generic;
using System.Globalization;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Model;
using Microsoft.CodeAnalysis.Text;
using Tomlyn.Syntax;

namespace Gateway.Generator.Parsing;

/// <summary>
/// Parses TOML with Tomlyn's syntax parser (which keeps spans) and builds a <see cref="TomlTable"/>
/// tree. Syntax and TOML-level semantic errors (duplicate keys, redefined tables) are Tomlyn's;
/// each becomes a GW0001 at its position.
/// </summary>
internal sealed class TomlTreeBuilder
{
    private readonly string _path;
    private readonly SourceText _text;

    private TomlTreeBuilder(string path, SourceText text)
    {
        _path = path;
        _text = text;
    }

    public static TomlTable? Build(string path, SourceText text, List<DiagnosticInfo> diagnostics)
    {
        var builder = new TomlTreeBuilder(path, text);
        var source = text.ToString();
        var badCharacter = InvalidCharacterOffset(source);
        if (badCharacter >= 0)
        {
            // Tomlyn throws on a lone surrogate; report it where it is instead.
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.TomlSyntaxError, LocationInfo.Create(path, text, badCharacter, 1), "invalid Unicode character (lone surrogate)"));
            return null;
        }

        DocumentSyntax document;
        try
        {
            document = Tomlyn.Parsing.SyntaxParser.Parse(source, path, validate: true);
        }
        catch (System.Exception ex) when (ex is System.ArgumentException or System.InvalidOperationException or System.FormatException or System.OverflowException)
        {
            // The parser gave up without a position: say so at the start of the file.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TomlSyntaxError, LocationInfo.Create(path, text, 0, 0), ex.Message.TrimEnd('.')));
            return null;
        }
        if (document.HasErrors)
        {
            foreach (var message in document.Diagnostics)
            {
                if (message.Kind == DiagnosticMessageKind.Error)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.TomlSyntaxError, builder.Locate(message.Span), message.Message.TrimEnd('.')));
                }
            }
            return null;
        }
        return builder.BuildDocument(document);
    }

    private static int InvalidCharacterOffset(string source)
    {
        for (var i = 0; i < source.Length; i++)
        {
            if (char.IsHighSurrogate(source[i]) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(source[i])) return i;
        }
        return -1;
    }

    private TomlTable BuildDocument(DocumentSyntax document)
    {
        var root = new TomlTable(LocationInfo.Create(_path, _text, 0, 0), isInline: false);
        foreach (var keyValue in document.KeyValues)
        {
            AddKeyValue(root, keyValue);
        }
        foreach (var table in document.Tables)
        {
            if (table.Name is null) continue;
            var parts = KeyParts(table.Name);
            TomlTable target;
            if (table is TableArraySyntax)
            {
                var parent = Descend(root, parts, parts.Count - 1);
                var (name, nameLocation) = parts[parts.Count - 1];
                var array = parent.Find(name)?.Value as TomlArray;
                if (array is null)
                {
                    array = new TomlArray(Locate(table.Span), isArrayOfTables: true);
                    parent.Add(new TomlEntry(name, nameLocation, array));
                }
                target = new TomlTable(Locate(table.Span), isInline: false);
                array.Items.Add(target);
            }
            else
            {
                target = Descend(root, parts, parts.Count);
            }
            foreach (var item in table.Items)
            {
                AddKeyValue(target, item);
            }
        }
        return root;
    }

    /// <summary>Walks (creating implicit tables) down the first <paramref name="count"/> key parts.</summary>
    private TomlTable Descend(TomlTable table, List<(string Name, LocationInfo Location)> parts, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (name, location) = parts[i];
            var next = table.Find(name)?.Value;
            if (next is TomlArray { IsArrayOfTables: true } array && array.Items.Count > 0 && array.Items[array.Items.Count - 1] is TomlTable last)
            {
                table = last; // [a.b] after [[a]] extends the last element, as TOML says
                continue;
            }
            if (next is not TomlTable nextTable)
            {
                nextTable = new TomlTable(location, isInline: false);
                table.Add(new TomlEntry(name, location, nextTable));
            }
            table = nextTable;
        }
        return table;
    }

    private void AddKeyValue(TomlTable table, KeyValueSyntax keyValue)
    {
        if (keyValue.Key is null || keyValue.Value is null) return;
        var parts = KeyParts(keyValue.Key);
        var parent = Descend(table, parts, parts.Count - 1);
        var (name, location) = parts[parts.Count - 1];
        parent.Add(new TomlEntry(name, location, Convert(keyValue.Value)));
    }

    private TomlNode Convert(ValueSyntax value)
    {
        var location = Locate(value.Span);
        switch (value)
        {
            case StringValueSyntax s:
                return new TomlScalar(location, TomlScalarKind.String, s.Value ?? string.Empty);
            case IntegerValueSyntax i:
                return new TomlScalar(location, TomlScalarKind.Integer, i.Value);
            case FloatValueSyntax f:
                return new TomlScalar(location, TomlScalarKind.Float, f.Value);
            case BooleanValueSyntax b:
                return new TomlScalar(location, TomlScalarKind.Boolean, b.Value);
            case ArraySyntax a:
                var array = new TomlArray(location, isArrayOfTables: false);
                foreach (var item in a.Items)
                {
                    if (item.Value is not null) array.Items.Add(Convert(item.Value));
                }
                return array;
            case InlineTableSyntax t:
                var table = new TomlTable(location, isInline: true);
                foreach (var item in t.Items)
                {
                    if (item.KeyValue is not null) AddKeyValue(table, item.KeyValue);
                }
                return table;
            default:
                return new TomlScalar(location, TomlScalarKind.DateTime, value.ToString()?.Trim() ?? string.Empty);
        }
    }

    private List<(string Name, LocationInfo Location)> KeyParts(KeySyntax key)
    {
        var parts = new List<(string, LocationInfo)>();
        if (key.Key is not null) parts.Add((KeyText(key.Key), Locate(key.Key.Span)));
        foreach (var dotted in key.DotKeys)
        {
            if (dotted.Key is not null) parts.Add((KeyText(dotted.Key), Locate(dotted.Key.Span)));
        }
        return parts;
    }

    private static string KeyText(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax quoted => quoted.Value ?? string.Empty,
        _ => key.ToString()?.Trim() ?? string.Empty,
    };

    private LocationInfo Locate(SourceSpan span) => LocationInfo.Create(_path, _text, span.Offset, span.Length);

    internal static string Describe(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? string.Empty,
    };
}
