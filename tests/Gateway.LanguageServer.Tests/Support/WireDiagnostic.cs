using System.Globalization;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace Gateway.LanguageServer.Tests.Support;

/// <summary>
/// A diagnostic reduced to what both sides must agree on: id, range (0-based line, UTF-16 column,
/// end exclusive), LSP severity and message. Made from the wire (LSP) or from the generator (Roslyn).
/// </summary>
internal sealed record WireDiagnostic(string Code, int StartLine, int StartCharacter, int EndLine, int EndCharacter, int Severity, string Message)
{
    public override string ToString() => $"{Code} {StartLine}:{StartCharacter}-{EndLine}:{EndCharacter} sev{Severity} {Message}";

    public static List<WireDiagnostic> FromPublished(JsonElement published) =>
        published.GetProperty("diagnostics").EnumerateArray().Select(FromLsp).ToList();

    public static WireDiagnostic FromLsp(JsonElement d)
    {
        var range = d.GetProperty("range");
        return new WireDiagnostic(
            d.GetProperty("code").GetString()!,
            range.GetProperty("start").GetProperty("line").GetInt32(),
            range.GetProperty("start").GetProperty("character").GetInt32(),
            range.GetProperty("end").GetProperty("line").GetInt32(),
            range.GetProperty("end").GetProperty("character").GetInt32(),
            d.GetProperty("severity").GetInt32(),
            d.GetProperty("message").GetString()!);
    }

    /// <summary>What <c>dotnet build</c> reports for <paramref name="toml"/>: the generator run by CSharpGeneratorDriver.</summary>
    public static List<WireDiagnostic> FromBuild(string toml)
    {
        var result = GeneratorHarness.Run(toml);
        Assert.Null(result.Exception);
        return result.Diagnostics.Select(FromRoslyn).ToList();
    }

    public static WireDiagnostic FromRoslyn(Diagnostic d)
    {
        var span = d.Location.GetLineSpan().Span;
        var severity = d.Severity switch
        {
            DiagnosticSeverity.Error => 1,
            DiagnosticSeverity.Warning => 2,
            DiagnosticSeverity.Info => 3,
            _ => 4,
        };
        return new WireDiagnostic(d.Id, span.Start.Line, span.Start.Character, span.End.Line, span.End.Character, severity, d.GetMessage(CultureInfo.InvariantCulture));
    }
}
