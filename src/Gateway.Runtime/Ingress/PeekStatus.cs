namespace Gateway.Runtime.Ingress;

/// <summary>Why a body's <c>model</c> could not be read; every value except <see cref="Found"/> is a 400.</summary>
internal enum PeekStatus : byte
{
    Found,
    /// <summary>Not valid JSON, not an object, or malformed multipart.</summary>
    Malformed,
    /// <summary>No <c>model</c> field.</summary>
    Missing,
    /// <summary><c>model</c> is not a non-empty string.</summary>
    WrongType,
    /// <summary>
    /// The body can be read two ways (H6): <c>model</c> or <c>stream</c> twice, in any spelling that
    /// some upstream parser treats as the same key, or a form part with two names.
    /// </summary>
    Duplicate,
}
