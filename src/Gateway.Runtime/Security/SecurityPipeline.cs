using System.Buffers;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Security;

/// <summary>
/// The <c>[security]</c> check (SPEC §7), run on the buffered request body before any upstream is
/// contacted: the blocklist first, then the enabled PII detectors, most specific first. Built once at
/// start-up and registered only when <c>[security] enabled = true</c>, so a disabled pipeline costs nothing.
/// </summary>
internal sealed class SecurityPipeline
{
    private const int StackChars = 1024;

    private readonly SearchValues<string>? _blocklist;
    private readonly PiiDetectors _pii;

    /// <param name="blocklist">The compiled blocklist (<see cref="Blocklist.Create"/>), or null when empty.</param>
    /// <param name="pii">Enabled PII detectors.</param>
    public SecurityPipeline(SearchValues<string>? blocklist, PiiDetectors pii)
    {
        _blocklist = blocklist;
        _pii = pii;
    }

    /// <summary>The pipeline for <c>[security]</c>, or null when it is disabled.</summary>
    public static SecurityPipeline? Create(SecuritySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Enabled ? new SecurityPipeline(settings.BlocklistMatcher ?? Blocklist.Create(settings.Blocklist), settings.Pii) : null;
    }

    /// <summary>
    /// True when the request must be refused with 400 <c>content_blocked</c>; <paramref name="detector"/> is
    /// then the detector's name (<see cref="SecurityDetectors"/>). The matched text is never returned.
    /// A body whose text fields cannot be decoded is refused too (<see cref="SecurityDetectors.Unreadable"/>).
    /// </summary>
    public bool TryBlock(EndpointKind endpoint, ReadOnlySpan<byte> body, out string detector)
    {
        detector = string.Empty;
        if (endpoint == EndpointKind.AudioTranscription || (_blocklist is null && _pii == PiiDetectors.None))
        {
            return false;
        }
        char[]? rented = null;
        var buffer = body.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(body.Length));
        try
        {
            if (!ContentTextReader.TryRead(endpoint, body, buffer, out var written))
            {
                detector = SecurityDetectors.Unreadable;
                return true;
            }
            var found = Inspect(buffer[..written]);
            if (found is null)
            {
                return false;
            }
            detector = found;
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The first detector that matches <paramref name="text"/>, or null.</summary>
    internal string? Inspect(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return null;
        }
        if (_blocklist is not null && text.IndexOfAny(_blocklist) >= 0)
        {
            return SecurityDetectors.Blocklist;
        }
        // Cheap vectorised pre-check: most prompts have no '@'.
        if (Has(PiiDetectors.Email) && text.Contains('@') && PiiPatterns.Email().IsMatch(text))
        {
            return SecurityDetectors.Email;
        }
        return NumberDetectors.Find(text, _pii);
    }

    private bool Has(PiiDetectors detector) => (_pii & detector) != 0;
}
