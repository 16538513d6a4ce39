namespace Gateway.Runtime.Text;

/// <summary>
/// E2: text the caller or an upstream supplied (a model name, say) is cut before it is echoed into a span
/// or an error message, so a huge value never becomes huge state or a huge answer.
/// </summary>
internal static class CallerText
{
    /// <summary>The most chars kept; a longer value is cut and ends in <c>…</c>.</summary>
    public const int MaxLength = 128;

    /// <summary><paramref name="value"/> cut to <see cref="MaxLength"/> chars (never splitting a surrogate pair) plus <c>…</c>.</summary>
    public static string Bounded(string value)
    {
        if (value.Length <= MaxLength)
        {
            return value;
        }
        var cut = char.IsHighSurrogate(value[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return string.Concat(value.AsSpan(0, cut), "…");
    }
}
