using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.Generator.Tests.Support;

internal static class DiagnosticAssert
{
    /// <summary>
    /// The generator reports exactly one diagnostic, <paramref name="id"/> with <paramref name="severity"/>,
    /// in the config file at the marked span; and the consumer still compiles (no CS errors).
    /// </summary>
    public static Diagnostic Single(string id, DiagnosticSeverity severity, string markup)
    {
        var (toml, span) = Markup.Parse(markup);
        var result = GeneratorHarness.Run(toml);
        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.True(diagnostic.Id == id, $"expected {id}, got: {result.Describe()}");
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(GeneratorHarness.ConfigPath, diagnostic.Location.GetLineSpan().Path);
        Assert.True(span == diagnostic.Location.SourceSpan,
            $"expected span '{toml.Substring(span.Start, span.Length)}' {span}, got '{toml.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}' {diagnostic.Location.SourceSpan}: {diagnostic}");
        // Line and column as the build prints them, not only the offset.
        Assert.Equal(SourceText.From(toml).Lines.GetLinePositionSpan(span), diagnostic.Location.GetLineSpan().Span);
        Assert.Empty(result.CompileErrors);
        return diagnostic;
    }

    /// <summary>No diagnostic at all; the message lists any that came.</summary>
    public static void None(IEnumerable<Diagnostic> diagnostics)
    {
        var all = diagnostics.ToList();
        Assert.True(all.Count == 0, "expected no diagnostics, got: " + string.Join("; ", all));
    }
}
