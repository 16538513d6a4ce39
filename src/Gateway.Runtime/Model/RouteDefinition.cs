namespace Gateway.Runtime.Model;

/// <summary>
/// A managed route, function or bare-target route. A route with <c>targets</c> compiles to one step;
/// with <c>steps</c>, to a fallback chain of steps.
/// </summary>
public sealed class RouteDefinition(
    int index,
    string name,
    RouteKind kind,
    EndpointKind endpoint,
    StepDefinition[] steps,
    RetrySettings retry)
{
    /// <summary>Position in <see cref="CompiledGateway.Routes"/>.</summary>
    public int Index { get; } = index;
    /// <summary>Route or function name (<c>x-gateway-route</c>).</summary>
    public string Name { get; } = name;
    public RouteKind Kind { get; } = kind;
    public EndpointKind Endpoint { get; } = endpoint;
    public StepDefinition[] Steps { get; } = steps;
    public RetrySettings Retry { get; } = retry;

    public override string ToString() => Name;
}
