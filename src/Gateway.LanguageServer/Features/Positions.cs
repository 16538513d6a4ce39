using Gateway.LanguageServer.Protocol;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.LanguageServer.Features;

/// <summary>
/// LSP positions are 0-based lines and UTF-16 code units within the line, exactly what Roslyn's
/// <see cref="LinePosition"/> holds, so the build's spans convert without re-measuring any text.
/// </summary>
internal static class Positions
{
    public static Position ToLsp(LinePosition position) => new(position.Line, position.Character);

    public static LspRange ToLsp(LinePositionSpan span) => new(ToLsp(span.Start), ToLsp(span.End));

    public static LspRange ToLsp(SourceText text, TextSpan span) => ToLsp(text.Lines.GetLinePositionSpan(span));

    /// <summary>The offset of an LSP position, clamped into the text (clients may point past a line's end).</summary>
    public static int ToOffset(SourceText text, Position position)
    {
        if (text.Lines.Count == 0 || position.Line < 0) return 0;
        if (position.Line >= text.Lines.Count) return text.Length;
        var line = text.Lines[position.Line];
        return line.Start + Math.Clamp(position.Character, 0, line.End - line.Start);
    }
}
