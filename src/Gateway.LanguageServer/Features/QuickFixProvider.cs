using System.Text.RegularExpressions;
using Gateway.Generator.Helpers;
using Gateway.LanguageServer.Protocol;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.LanguageServer.Features;

/// <summary>
/// Quick fixes for the diagnostics that carry a "did you mean" suggestion (unknown keys and tables,
/// enum values, targets, providers, models): replace the misspelt name, where the diagnostic points,
/// with the suggested one. The suggestion is read from the message the build prints, so the fix
/// offers exactly what the build suggests.
/// </summary>
internal static partial class QuickFixProvider
{
    public static List<CodeAction> For(string uri, CompiledDocument compiled, LspRange requested)
    {
        var actions = new List<CodeAction>();
        var text = compiled.Document.Text;
        foreach (var diagnostic in compiled.Diagnostics)
        {
            if (!Overlaps(diagnostic.Lsp.Range, requested) || diagnostic.Info.Location is not { } location) continue;
            var suggestion = DidYouMean().Match(diagnostic.Lsp.Message);
            if (!suggestion.Success) continue;
            var replacement = suggestion.Groups["name"].Value;
            if (Edit(text, location.TextSpan, replacement) is not { } span) continue;
            var wrong = text.ToString(span);
            var edit = new TextEdit(Positions.ToLsp(text, span), replacement);
            actions.Add(new CodeAction(
                $"Replace '{wrong}' with '{replacement}'",
                "quickfix",
                [diagnostic.Lsp],
                IsPreferred: true,
                new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>>(StringComparer.Ordinal) { [uri] = [edit] })));
        }
        return actions;
    }

    /// <summary>
    /// The part of the diagnostic's span to replace: inside the quotes of a string, and for
    /// <c>provider::model</c> only the half the suggestion is for. Null when no part is a near miss
    /// of the suggestion (then a blind replacement could destroy what the user wrote).
    /// </summary>
    private static TextSpan? Edit(SourceText text, TextSpan span, string replacement)
    {
        var start = span.Start;
        var end = span.End;
        if (end - start >= 2 && text[start] is '"' or '\'' && text[end - 1] == text[start])
        {
            start++;
            end--;
        }
        var value = text.ToString(TextSpan.FromBounds(start, end));
        if (Suggestions.Distance(value, replacement) <= Suggestions.MaxDistance) return TextSpan.FromBounds(start, end);
        var separator = value.IndexOf("::", StringComparison.Ordinal);
        if (separator < 0) return null;
        if (Suggestions.Distance(value[..separator], replacement) <= Suggestions.MaxDistance) return new TextSpan(start, separator);
        if (Suggestions.Distance(value[(separator + 2)..], replacement) <= Suggestions.MaxDistance) return TextSpan.FromBounds(start + separator + 2, end);
        return null;
    }

    private static bool Overlaps(LspRange a, LspRange b) => !Before(a.End, b.Start) && !Before(b.End, a.Start);

    private static bool Before(Position a, Position b) => a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character);

    [GeneratedRegex(@"\(did you mean '(?<name>[^']*)'\?\)")]
    private static partial Regex DidYouMean();
}
