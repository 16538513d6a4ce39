namespace Gateway.Runtime.Routing;

/// <summary>The explicit prefix of a request model (SPEC §3.1).</summary>
internal enum ModelPrefix : byte
{
    /// <summary>No <c>::</c>: top-down resolution.</summary>
    None,
    /// <summary><c>function::name</c></summary>
    Function,
    /// <summary><c>route::name</c></summary>
    Route,
    /// <summary><c>provider-id::model</c></summary>
    Provider,
}
