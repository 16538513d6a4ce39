using System.Collections.Frozen;
using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Forwarding;

/// <summary>
/// The model names the gateway knows (every <c>GET /v1/models</c> id), so reading a request's <c>model</c>
/// returns the existing string instead of allocating one per request. An unknown name (a prefixed
/// <c>provider::model</c>, a typo) is simply allocated as before.
/// </summary>
internal sealed class ModelNameCache
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;

    public ModelNameCache(IEnumerable<string> names)
    {
        _names = names.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static ModelNameCache From(ModelListing[] listings)
    {
        var names = new string[listings.Length];
        for (var i = 0; i < listings.Length; i++)
        {
            names[i] = listings[i].Id;
        }
        return new ModelNameCache(names);
    }

    /// <summary>The known string equal to <paramref name="name"/>, or a new one.</summary>
    public string GetOrCreate(ReadOnlySpan<char> name) => _names.TryGetValue(name, out var known) ? known : new string(name);
}
