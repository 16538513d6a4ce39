namespace Gateway.Runtime.Routing;

/// <summary>Where a managed route came from; decides <c>x-gateway-route</c> and <c>x-gateway-function</c>.</summary>
public enum RouteKind : byte
{
    /// <summary>A <c>[routes.name]</c> table.</summary>
    Route,
    /// <summary>A <c>[functions.name]</c> table.</summary>
    Function,
    /// <summary>The automatic single route of a target referenced by nothing (SPEC §2 "Bare targets").</summary>
    BareTarget,
}
