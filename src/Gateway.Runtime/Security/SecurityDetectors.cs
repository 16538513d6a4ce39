namespace Gateway.Runtime.Security;

/// <summary>
/// The names a <see cref="SecurityPipeline"/> verdict carries: <c>[security] pii</c> detector names plus
/// <c>blocklist</c>. They are what the 400 <c>content_blocked</c> message names, never the matched text (SPEC §6).
/// </summary>
internal static class SecurityDetectors
{
    public const string Blocklist = "blocklist";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string CreditCard = "credit_card";
    public const string Ssn = "ssn";
    public const string Ip = "ip";

    /// <summary>
    /// The text fields could not be decoded (invalid UTF-8 or JSON): they cannot be inspected, so the
    /// request is refused rather than forwarded unchecked (fail closed).
    /// </summary>
    public const string Unreadable = "unreadable_content";

    /// <summary>The <c>content_blocked</c> message for a detector; constant strings, so blocking allocates nothing.</summary>
    public static string Message(string detector) => detector switch
    {
        Blocklist => "The request was blocked by the gateway's content policy (detector: blocklist).",
        Email => "The request was blocked by the gateway's content policy (detector: email).",
        Phone => "The request was blocked by the gateway's content policy (detector: phone).",
        CreditCard => "The request was blocked by the gateway's content policy (detector: credit_card).",
        Ssn => "The request was blocked by the gateway's content policy (detector: ssn).",
        Ip => "The request was blocked by the gateway's content policy (detector: ip).",
        _ => "The request was blocked by the gateway's content policy (detector: " + detector + ").",
    };
}
