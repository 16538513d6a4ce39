namespace Gateway.Runtime.Model;

/// <summary>What a lookup in the compiled table found. A value type so a lookup allocates nothing.</summary>
public readonly struct RouteMatch
{
    private RouteMatch(RouteMatchKind kind, int index)
    {
        Kind = kind;
        Index = index;
    }

    public RouteMatchKind Kind { get; }

    /// <summary>Index into <see cref="CompiledGateway.Routes"/> or <see cref="CompiledGateway.Passthroughs"/>.</summary>
    public int Index { get; }

    public bool Found => Kind != RouteMatchKind.None;

    public static RouteMatch None => default;

    public static RouteMatch Route(int index) => new(RouteMatchKind.Route, index);

    public static RouteMatch Passthrough(int index) => new(RouteMatchKind.Passthrough, index);
}

public enum RouteMatchKind : byte
{
    None,
    Route,
    Passthrough,
}
