namespace Gateway.Runtime.Model;

/// <summary>One entry of <c>GET /v1/models</c>: a callable name and who owns it.</summary>
/// <param name="Id">Provider model, route model or function name.</param>
/// <param name="OwnedBy">Provider id, or <c>gateway</c> for routes and functions.</param>
public readonly record struct ModelListing(string Id, string OwnedBy);
