using Tomlyn.Syntax;

namespace Gateway.LanguageServer.Features;

/// <summary>
/// Every key and value of a document with its full key path, from Tomlyn's syntax tree parsed
/// without validation: unlike the compiler (which stops at the first syntax error), hover and
/// completion must keep working in a half-typed file, and Tomlyn recovers past most errors.
/// </summary>
internal sealed class ConfigOutline
{
    private ConfigOutline(List<KeyHit> keys, List<ValueHit> values)
    {
        Keys = keys;
        Values = values;
    }

    public IReadOnlyList<KeyHit> Keys { get; }

    public IReadOnlyList<ValueHit> Values { get; }

    public static ConfigOutline Parse(string text)
    {
        var keys = new List<KeyHit>();
        var values = new List<ValueHit>();
        DocumentSyntax document;
        try
        {
            document = Tomlyn.Parsing.SyntaxParser.Parse(text, "gateway.toml", validate: false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // The compiler reports this text as GW0001; there is nothing to outline.
            return new ConfigOutline(keys, values);
        }
        foreach (var keyValue in document.KeyValues)
        {
            AddKeyValue([], keyValue, keys, values);
        }
        foreach (var table in document.Tables)
        {
            if (table.Name is null) continue;
            var header = AddKey([], table.Name, keys);
            foreach (var item in table.Items)
            {
                AddKeyValue(header, item, keys, values);
            }
        }
        return new ConfigOutline(keys, values);
    }

    /// <summary>The key segment under <paramref name="offset"/>, if any.</summary>
    public KeyHit? KeyAt(int offset) => Keys.LastOrDefault(k => k.Contains(offset));

    private static void AddKeyValue(IReadOnlyList<string> prefix, KeyValueSyntax keyValue, List<KeyHit> keys, List<ValueHit> values)
    {
        if (keyValue.Key is null) return;
        var path = AddKey(prefix, keyValue.Key, keys);
        if (keyValue.Value is not null) AddValue(path, keyValue.Value, keys, values);
    }

    private static void AddValue(IReadOnlyList<string> path, ValueSyntax value, List<KeyHit> keys, List<ValueHit> values)
    {
        values.Add(new ValueHit(path, value));
        switch (value)
        {
            case InlineTableSyntax table:
                foreach (var item in table.Items)
                {
                    if (item.KeyValue is not null) AddKeyValue(path, item.KeyValue, keys, values);
                }
                break;
            case ArraySyntax array:
                // Items of an array of inline tables (steps = [{ ... }]) sit under the array's key, as
                // the items of [[routes.r.steps]] do: the schema describes them both the same way.
                foreach (var item in array.Items)
                {
                    if (item.Value is InlineTableSyntax) AddValue(path, item.Value, keys, values);
                }
                break;
        }
    }

    /// <summary>Adds one hit per dotted segment and returns the full path.</summary>
    private static List<string> AddKey(IReadOnlyList<string> prefix, KeySyntax key, List<KeyHit> keys)
    {
        var path = new List<string>(prefix);
        void Add(BareKeyOrStringValueSyntax? part)
        {
            if (part is null) return;
            path.Add(KeyText(part));
            keys.Add(new KeyHit(path.ToArray(), part.Span.Offset, part.Span.Length));
        }
        Add(key.Key);
        foreach (var dotted in key.DotKeys)
        {
            Add(dotted.Key);
        }
        return path;
    }

    private static string KeyText(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax quoted => quoted.Value ?? string.Empty,
        _ => key.ToString()?.Trim() ?? string.Empty,
    };
}
