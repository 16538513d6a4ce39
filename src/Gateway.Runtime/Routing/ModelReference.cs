namespace Gateway.Runtime.Routing;

/// <summary>
/// A request model split at its first <c>::</c>. Only the first separator counts, so a provider model
/// that itself contains <c>::</c> survives as the name.
/// </summary>
internal readonly ref struct ModelReference
{
    private ModelReference(ModelPrefix prefix, ReadOnlySpan<char> qualifier, ReadOnlySpan<char> name)
    {
        Prefix = prefix;
        Qualifier = qualifier;
        Name = name;
    }

    public ModelPrefix Prefix { get; }

    /// <summary>The provider id for <see cref="ModelPrefix.Provider"/>; empty otherwise.</summary>
    public ReadOnlySpan<char> Qualifier { get; }

    /// <summary>Function, route or model name after the prefix (or the whole model).</summary>
    public ReadOnlySpan<char> Name { get; }

    public static ModelReference Parse(ReadOnlySpan<char> model)
    {
        var separator = model.IndexOf("::", StringComparison.Ordinal);
        if (separator < 0)
        {
            return new ModelReference(ModelPrefix.None, default, model);
        }
        var qualifier = model[..separator];
        var name = model[(separator + 2)..];
        if (qualifier.SequenceEqual("function"))
        {
            return new ModelReference(ModelPrefix.Function, default, name);
        }
        if (qualifier.SequenceEqual("route"))
        {
            return new ModelReference(ModelPrefix.Route, default, name);
        }
        return new ModelReference(ModelPrefix.Provider, qualifier, name);
    }
}
