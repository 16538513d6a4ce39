using System.Text.RegularExpressions;

namespace Gateway.Runtime.Security;

/// <summary>
/// PII detectors as source-generated regexes (SPEC §7): no Regex construction or interpretation at run
/// time, NativeAOT-friendly. Each pattern is written so the engine's backtracking stays linear (disjoint
/// adjacent sets, bounded repetitions) and is anchored on digit boundaries so a match inside a longer
/// number does not count.
/// </summary>
internal static partial class PiiPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>local@domain.tld (RFC 5322's common subset: no quoted locals, no IP-literal domains).</summary>
    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}", Options)]
    public static partial Regex Email();

    /// <summary>
    /// NANP numbers (<c>555-867-5309</c>, <c>(555) 867 5309</c>, <c>+1 555.867.5309</c>, ten bare digits) and
    /// E.164-style international numbers, which must start with <c>+</c> (<c>+44 20 7946 0958</c>).
    /// Area code and exchange start with 2–9 as NANP numbers do: ten-digit IDs and Unix timestamps
    /// (<c>1732550400</c>) are common in prompts and must not be blocked as phone numbers.
    /// </summary>
    [GeneratedRegex(@"(?<![\d+])(?:(?:\+?1[ .\-]?)?(?:\([2-9]\d{2}\)[ .\-]?|[2-9]\d{2}[ .\-]?)[2-9]\d{2}[ .\-]?\d{4}|\+[2-9]\d{0,2}[ .\-]?\d{1,4}(?:[ .\-]?\d{2,4}){2,3})(?!\d)", Options)]
    public static partial Regex Phone();

    /// <summary>
    /// Card-number candidates, confirmed by <see cref="Luhn"/>: 13–19 contiguous digits, or the printed
    /// groupings 4-4-4-4 and 4-6-5 (Amex) with spaces or dashes. Fixed groupings rather than "digits with
    /// optional separators" so a number written next to a card number does not merge into it.
    /// </summary>
    [GeneratedRegex(@"(?<!\d)(?:\d{13,19}|\d{4}(?:[ \-]\d{4}){3}|\d{4}[ \-]\d{6}[ \-]\d{5})(?!\d)", Options)]
    public static partial Regex CreditCardCandidate();

    /// <summary>US SSN <c>AAA-GG-SSSS</c> without the never-issued areas 000, 666, 9xx, group 00 or serial 0000.</summary>
    [GeneratedRegex(@"(?<!\d)(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?!\d)", Options)]
    public static partial Regex Ssn();

    /// <summary>Dotted-quad IPv4 with octets 0–255; not part of a longer dotted number such as a version string.</summary>
    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\d|\.\d)", Options)]
    public static partial Regex IPv4();
}
