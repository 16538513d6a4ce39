using System.Text;

namespace Gateway.Generator.Emit;

/// <summary>A tiny indented text writer: generated code reads like hand-written code, with no SyntaxFactory.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n'); // \n on every OS: byte-for-byte deterministic output
        return this;
    }

    public IndentedWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public IndentedWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public IndentedWriter Indent()
    {
        _indent++;
        return this;
    }

    public IndentedWriter Dedent()
    {
        _indent--;
        return this;
    }

    public override string ToString() => _builder.ToString();
}
