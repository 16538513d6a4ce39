namespace Gateway.Runtime.Formats;

/// <summary>
/// The outcome of a translation. On failure <see cref="Param"/> names the offending field as a
/// JSON path in the caller's body (<c>n</c>, <c>tools[3]</c>, <c>messages[2].content[0]</c>), for the
/// error's <c>param</c> and message; <see cref="Message"/> says why (never echoes request content).
/// </summary>
internal readonly record struct FormatResult(FormatError Error, string? Param, string? Message)
{
    public static FormatResult Ok => default;

    public bool IsSuccess => Error == FormatError.None;

    public static FormatResult Unsupported(string param, string why) =>
        new(FormatError.UnsupportedParameter, param, $"'{param}' cannot be translated for this provider: {why}");

    public static FormatResult Invalid(string param, string why) =>
        new(FormatError.InvalidRequest, param, $"'{param}' is invalid: {why}");

    public static FormatResult BadUpstream(string why) =>
        new(FormatError.InvalidUpstreamResponse, null, why);
}
