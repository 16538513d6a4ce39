using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Helpers;
using Gateway.Generator.Model;

namespace Gateway.Generator.Parsing;

/// <summary>
/// Checks a TOML tree against <see cref="ConfigSchema"/>: unknown keys (with "did you mean"), types,
/// ranges, enum values, required keys, empty and duplicate array items. Reports every problem; values
/// of the wrong type are left for the binder to skip, so later checks never see them.
/// </summary>
internal static class SchemaChecker
{
    public static void Check(TomlTable root, List<DiagnosticInfo> diagnostics) =>
        CheckTable(root, ConfigSchema.Root, path: string.Empty, diagnostics);

    private static void CheckTable(TomlTable table, TableSchema schema, string path, List<DiagnosticInfo> diagnostics)
    {
        foreach (var entry in table.Entries)
        {
            var keyPath = Join(path, entry.Key);
            var field = schema.Find(entry.Key);
            if (field is null)
            {
                var known = schema.Fields.Select(f => f.Name).ToList();
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnknownKey,
                    entry.KeyLocation,
                    entry.Value is TomlTable { IsInline: false } ? "table" : "key",
                    keyPath,
                    Suggestions.DidYouMean(entry.Key, known),
                    string.Join(", ", known)));
                continue;
            }
            CheckValue(entry.Value, field, keyPath, diagnostics);
        }

        foreach (var field in schema.Fields)
        {
            if (field.Required && table.Find(field.Name) is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MissingKey, table.Location, Join(path, field.Name), field.Name, field.Example, path));
            }
        }
    }

    private static void CheckValue(TomlNode value, SchemaField field, string path, List<DiagnosticInfo> diagnostics)
    {
        switch (field.Type)
        {
            case SchemaType.Unsupported:
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedTable, value.Location, path));
                return;
            case SchemaType.String:
                if (Expect(value is TomlScalar { Kind: TomlScalarKind.String }, value, field, path, "a string", diagnostics))
                {
                    CheckAllowed((string)((TomlScalar)value).Value, value, field, path, diagnostics);
                }
                return;
            case SchemaType.Integer:
                if (Expect(value is TomlScalar { Kind: TomlScalarKind.Integer }, value, field, path, "an integer", diagnostics))
                {
                    var number = (long)((TomlScalar)value).Value;
                    if ((field.Min is { } min && number < min) || (field.Max is { } max && number > max))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.OutOfRange, value.Location, path,
                            number.ToString(CultureInfo.InvariantCulture), DescribeRange(field)));
                    }
                }
                return;
            case SchemaType.Float:
                if (Expect(value is TomlScalar { Kind: TomlScalarKind.Float or TomlScalarKind.Integer }, value, field, path, "a number", diagnostics))
                {
                    var number = System.Convert.ToDouble(((TomlScalar)value).Value, CultureInfo.InvariantCulture);
                    var belowMin = field.FloatMinExclusive ? number <= field.FloatMin : number < field.FloatMin;
                    if (double.IsNaN(number) || double.IsInfinity(number) || belowMin || number > field.FloatMax)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.OutOfRange, value.Location, path,
                            number.ToString("R", CultureInfo.InvariantCulture), DescribeFloatRange(field)));
                    }
                }
                return;
            case SchemaType.Boolean:
                Expect(value is TomlScalar { Kind: TomlScalarKind.Boolean }, value, field, path, "a boolean", diagnostics);
                return;
            case SchemaType.StringArray:
                CheckStringArray(value, field, path, diagnostics);
                return;
            case SchemaType.Table:
                if (Expect(value is TomlTable, value, field, path, "a table", diagnostics))
                {
                    CheckTable((TomlTable)value, field.Table!, path, diagnostics);
                }
                return;
            case SchemaType.Map:
                if (Expect(value is TomlTable, value, field, path, "a table", diagnostics))
                {
                    foreach (var entry in ((TomlTable)value).Entries)
                    {
                        var entryPath = Join(path, entry.Key);
                        if (entry.Key.Trim().Length == 0)
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyName, entry.KeyLocation, entryPath));
                        }
                        if (entry.Value is TomlTable child)
                        {
                            CheckTable(child, field.Table!, entryPath, diagnostics);
                        }
                        else
                        {
                            diagnostics.Add(DiagnosticInfo.Create(
                                DiagnosticDescriptors.WrongType, entry.Value.Location, entryPath, "a table", entry.Value.TypeName,
                                $"[{entryPath}] followed by its keys"));
                        }
                    }
                }
                return;
            case SchemaType.TableArray:
                if (Expect(value is TomlArray array && array.Items.All(i => i is TomlTable), value, field, path, "an array of tables", diagnostics))
                {
                    var items = ((TomlArray)value).Items;
                    if (field.NonEmpty && items.Count == 0)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyArray, value.Location, path, field.ItemNoun));
                    }
                    for (var i = 0; i < items.Count; i++)
                    {
                        CheckTable((TomlTable)items[i], field.Table!, $"{path}[{i}]", diagnostics);
                    }
                }
                return;
            case SchemaType.StringMap:
                if (Expect(value is TomlTable, value, field, path, "a table of strings", diagnostics))
                {
                    foreach (var entry in ((TomlTable)value).Entries)
                    {
                        if (entry.Value is not TomlScalar { Kind: TomlScalarKind.String })
                        {
                            diagnostics.Add(DiagnosticInfo.Create(
                                DiagnosticDescriptors.WrongType, entry.Value.Location, Join(path, entry.Key), "a string", entry.Value.TypeName, "\"...\""));
                        }
                    }
                }
                return;
        }
    }

    private static void CheckStringArray(TomlNode value, SchemaField field, string path, List<DiagnosticInfo> diagnostics)
    {
        if (value is not TomlArray { IsArrayOfTables: false } array)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongType, value.Location, path, "an array of strings", value.TypeName, field.Example));
            return;
        }
        if (field.NonEmpty && array.Items.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyArray, value.Location, path, field.ItemNoun));
        }
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < array.Items.Count; i++)
        {
            var item = array.Items[i];
            var itemPath = $"{path}[{i}]";
            if (item is not TomlScalar { Kind: TomlScalarKind.String } scalar)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongType, item.Location, itemPath, "a string", item.TypeName, "\"...\""));
                continue;
            }
            var text = (string)scalar.Value;
            if (text.Trim().Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyName, item.Location, itemPath));
                continue;
            }
            CheckAllowed(text, item, field, itemPath, diagnostics);
            if (field.Unique && !seen.Add(text))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateArrayItem, item.Location, path, text));
            }
        }
    }

    private static void CheckAllowed(string text, TomlNode node, SchemaField field, string path, List<DiagnosticInfo> diagnostics)
    {
        if (field.Allowed is { } allowed && !allowed.Contains(text))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidEnumValue, node.Location, path, text,
                Suggestions.DidYouMean(text, allowed), string.Join(", ", allowed.Select(a => "\"" + a + "\""))));
        }
    }

    private static bool Expect(bool ok, TomlNode value, SchemaField field, string path, string expected, List<DiagnosticInfo> diagnostics)
    {
        if (!ok)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongType, value.Location, path, expected, value.TypeName, field.Example));
        }
        return ok;
    }

    private static string DescribeRange(SchemaField field) => (field.Min, field.Max) switch
    {
        ({ } min, { } max) when max >= int.MaxValue => $"at least {min.ToString(CultureInfo.InvariantCulture)}" + (max == int.MaxValue ? $" and at most {max.ToString(CultureInfo.InvariantCulture)}" : string.Empty),
        ({ } min, { } max) => $"between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}",
        ({ } min, null) => $"at least {min.ToString(CultureInfo.InvariantCulture)}",
        _ => "in range",
    };

    private static string DescribeFloatRange(SchemaField field)
    {
        var min = field.FloatMin?.ToString(CultureInfo.InvariantCulture);
        if (field.FloatMax is { } max) return $"between {min} and {max.ToString(CultureInfo.InvariantCulture)}";
        return field.FloatMinExclusive ? $"greater than {min}" : $"at least {min}";
    }

    /// <summary>Dotted key path; keys that are not bare TOML keys are quoted.</summary>
    public static string Join(string path, string key)
    {
        var bare = key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) && c < 128 || c == '_' || c == '-');
        var part = bare ? key : "\"" + key.Replace("\"", "\\\"") + "\"";
        return path.Length == 0 ? part : path + "." + part;
    }
}
