using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.LanguageServer.Features;

internal enum CursorKind
{
    /// <summary>Inside <c>[</c> … of a table header being typed.</summary>
    Header,
    /// <summary>Where a key starts: a line with nothing but the key typed so far.</summary>
    Key,
    /// <summary>In the value of <see cref="CursorContext.Key"/> (also in an array spread over lines).</summary>
    Value,
    None,
}

/// <summary>
/// Where the cursor is, read from the text around it rather than from a syntax tree: while typing, the
/// line under the cursor is usually not valid TOML yet (<c>targets = ["pri</c>).
/// </summary>
internal sealed partial record CursorContext(
    CursorKind Kind,
    IReadOnlyList<string> TablePath,
    string? Key,
    IReadOnlyList<string> HeaderSegments,
    int ReplaceStart,
    bool InString)
{
    private const int MaxLinesBack = 50;

    public static CursorContext At(SourceText text, int offset)
    {
        var line = text.Lines.GetLineFromPosition(offset);
        var prefix = text.ToString(TextSpan.FromBounds(line.Start, offset));
        var tablePath = TablePathAbove(text, line.LineNumber);

        var header = HeaderPrefix().Match(prefix);
        if (header.Success)
        {
            var typed = header.Groups["path"].Value;
            var segments = SplitKey(typed);
            var partial = segments.Count > 0 ? segments[^1] : string.Empty;
            var start = offset - (typed.Length - typed.LastIndexOf('.') - 1);
            if (typed.LastIndexOf('.') < 0) start = offset - typed.Length;
            return new CursorContext(CursorKind.Header, tablePath, null, segments.Take(Math.Max(0, segments.Count - 1)).ToList(), start, false);
        }

        var key = KeyPrefix().Match(prefix);
        if (key.Success)
        {
            return new CursorContext(CursorKind.Key, tablePath, null, [], offset - key.Groups["partial"].Length, false);
        }

        for (var number = line.LineNumber; number >= 0 && number > line.LineNumber - MaxLinesBack; number--)
        {
            var candidate = text.Lines[number];
            var upToCursor = text.ToString(TextSpan.FromBounds(candidate.Start, offset));
            if (number < line.LineNumber && HeaderLine().IsMatch(text.ToString(candidate.Span))) break;
            var assignment = Assignment().Match(upToCursor);
            if (!assignment.Success) continue;
            var rest = assignment.Groups["rest"].Value;
            // On an earlier line the value only continues to the cursor inside an unclosed array.
            if (number < line.LineNumber && rest.Count(c => c == '[') <= rest.Count(c => c == ']')) break;
            var inString = rest.Count(c => c == '"') % 2 == 1;
            return new CursorContext(CursorKind.Value, tablePath, assignment.Groups["key"].Value, [], TokenStart(text, offset), inString);
        }
        return new CursorContext(CursorKind.None, tablePath, null, [], offset, false);
    }

    /// <summary>The path of the last table header above <paramref name="lineNumber"/>; empty at the root.</summary>
    private static IReadOnlyList<string> TablePathAbove(SourceText text, int lineNumber)
    {
        for (var number = lineNumber - 1; number >= 0; number--)
        {
            var match = HeaderLine().Match(text.ToString(text.Lines[number].Span));
            if (match.Success) return SplitKey(match.Groups["path"].Value);
        }
        return [];
    }

    private static int TokenStart(SourceText text, int offset)
    {
        var start = offset;
        while (start > 0 && text[start - 1] is not ('"' or '\'' or '[' or ',' or ' ' or '\t' or '=' or '{' or '\n'))
        {
            start--;
        }
        return start;
    }

    /// <summary>Splits a dotted key (<c>providers."my.id".models</c>) into its segments, unquoted.</summary>
    public static List<string> SplitKey(string dotted)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        var quote = '\0';
        foreach (var c in dotted)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else current.Append(c);
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == '.')
            {
                segments.Add(current.ToString().Trim());
                current.Clear();
            }
            else current.Append(c);
        }
        segments.Add(current.ToString().Trim());
        return segments;
    }

    [GeneratedRegex(@"^\s*\[\[?\s*(?<path>[^\[\]=#]*)$")]
    private static partial Regex HeaderPrefix();

    [GeneratedRegex(@"^\s*(?<partial>[A-Za-z0-9_\-]*)$")]
    private static partial Regex KeyPrefix();

    [GeneratedRegex(@"^\s*\[\[?\s*(?<path>[^\[\]]+?)\s*\]\]?\s*(#.*)?$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"(?<key>[A-Za-z0-9_\-]+)\s*=\s*(?<rest>[^=]*)$", RegexOptions.Singleline)]
    private static partial Regex Assignment();
}
