using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.Generator.Model;

/// <summary>
/// A value-equatable stand-in for a Roslyn <see cref="Location"/> (which must never be a pipeline
/// output). Turned into a real location only when a diagnostic is reported.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo Create(string path, SourceText text, int offset, int length)
    {
        if (offset < 0) offset = 0;
        if (offset > text.Length) offset = text.Length;
        if (length < 0 || offset + length > text.Length) length = text.Length - offset;
        var span = new TextSpan(offset, length);
        return new LocationInfo(path, span, text.Lines.GetLinePositionSpan(span));
    }
}
