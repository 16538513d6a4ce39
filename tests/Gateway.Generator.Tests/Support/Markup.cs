using Microsoft.CodeAnalysis.Text;

namespace Gateway.Generator.Tests.Support;

/// <summary>TOML with one <c>[|…|]</c> marker around the span a diagnostic must point at.</summary>
internal static class Markup
{
    public static (string Text, TextSpan Span) Parse(string markup)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "markup needs one [|...|] span");
        var text = markup.Remove(end, 2).Remove(start, 2);
        return (text, TextSpan.FromBounds(start, end - 2));
    }
}
