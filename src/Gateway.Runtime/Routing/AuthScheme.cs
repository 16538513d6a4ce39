namespace Gateway.Runtime.Routing;

/// <summary>How a managed credential is presented to a provider (<c>auth_type</c>).</summary>
public enum AuthScheme : byte
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c></summary>
    Bearer,
    /// <summary>The key as the value of a named header (default <c>api-key</c>).</summary>
    ApiKeyHeader,
    /// <summary>The key as a query parameter (default <c>key</c>).</summary>
    QueryParam,
    /// <summary>No credential (local providers).</summary>
    None,
}
