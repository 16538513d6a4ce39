namespace Gateway.Runtime.Formats;

/// <summary>Why a translation did not happen. Failures are values; the host maps them to statuses.</summary>
internal enum FormatError : byte
{
    None,
    /// <summary>400 <c>invalid_request</c>: the caller's body is not valid for its own format.</summary>
    InvalidRequest,
    /// <summary>400 <c>unsupported_parameter</c>: a field the target format cannot honour and that would change the answer.</summary>
    UnsupportedParameter,
    /// <summary>502 <c>upstream_error</c>: the provider's answer is not valid for its format.</summary>
    InvalidUpstreamResponse,
}
