using Gateway.Runtime.Model;

namespace Gateway.Runtime.Security;

/// <summary>
/// Runs the digit-based detectors (credit card, SSN, IPv4, phone) only where they can possibly match.
/// Every one of their matches consists of digits and the separators <c> .-()+</c> alone, so the text is
/// cut into maximal "number clusters" of those characters (found with a vectorised digit search), and a
/// detector's regex runs on a cluster only when it has enough digits and the separators its format needs.
/// The negative look-arounds that bound each pattern behave the same at a cluster's edge (the neighbour is
/// not a cluster character) as at the start/end of input, so the results equal a whole-text scan, while
/// prose full of short numbers ("in 2024", "3 risks") costs a few vector compares instead of 4 regex scans.
/// </summary>
internal static class NumberDetectors
{
    private const PiiDetectors Handled = PiiDetectors.CreditCard | PiiDetectors.Ssn | PiiDetectors.Ip | PiiDetectors.Phone;

    /// <summary>The first detector that matches, cluster by cluster (within a cluster: card, SSN, IP, phone), or null.</summary>
    public static string? Find(ReadOnlySpan<char> text, PiiDetectors pii)
    {
        if ((pii & Handled) == 0)
        {
            return null;
        }
        var position = 0;
        while (position < text.Length)
        {
            var next = text[position..].IndexOfAnyInRange('0', '9');
            if (next < 0)
            {
                return null;
            }
            var start = position + next;
            while (start > position && IsClusterChar(text[start - 1]))
            {
                start--;
            }
            int end = start, digits = 0, dots = 0;
            bool dash = false, plus = false;
            for (; end < text.Length && IsClusterChar(text[end]); end++)
            {
                switch (text[end])
                {
                    case >= '0' and <= '9': digits++; break;
                    case '.': dots++; break;
                    case '-': dash = true; break;
                    case '+': plus = true; break;
                }
            }
            var found = Inspect(text[start..end], pii, digits, dots, dash, plus);
            if (found is not null)
            {
                return found;
            }
            position = end;
        }
        return null;
    }

    private static string? Inspect(ReadOnlySpan<char> cluster, PiiDetectors pii, int digits, int dots, bool dash, bool plus)
    {
        // Minimum digits per format: card 13; SSN 9 with dashes; IPv4 4 with three dots; phone 10 (NANP) or 6 after '+'.
        if ((pii & PiiDetectors.CreditCard) != 0 && digits >= 13 && HasCardNumber(cluster))
        {
            return SecurityDetectors.CreditCard;
        }
        if ((pii & PiiDetectors.Ssn) != 0 && digits >= 9 && dash && PiiPatterns.Ssn().IsMatch(cluster))
        {
            return SecurityDetectors.Ssn;
        }
        if ((pii & PiiDetectors.Ip) != 0 && digits >= 4 && dots >= 3 && PiiPatterns.IPv4().IsMatch(cluster))
        {
            return SecurityDetectors.Ip;
        }
        // Last: the loosest pattern, so a card number or SSN is reported as what it is.
        if ((pii & PiiDetectors.Phone) != 0 && (digits >= 10 || (plus && digits >= 6)) && PiiPatterns.Phone().IsMatch(cluster))
        {
            return SecurityDetectors.Phone;
        }
        return null;
    }

    private static bool HasCardNumber(ReadOnlySpan<char> cluster)
    {
        foreach (var match in PiiPatterns.CreditCardCandidate().EnumerateMatches(cluster))
        {
            if (Luhn.IsValid(cluster.Slice(match.Index, match.Length)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsClusterChar(char c) => c is (>= '0' and <= '9') or ' ' or '.' or '-' or '(' or ')' or '+';
}
