using System.Globalization;
using Gateway.Generator;
using Gateway.Generator.Model;
using Gateway.LanguageServer.Protocol;
using Gateway.LanguageServer.Server;
using Microsoft.CodeAnalysis;

namespace Gateway.LanguageServer.Features;

/// <summary>
/// Runs the generator's own compiler (<see cref="ConfigCompiler"/>, linked source) on a document and
/// turns each <see cref="DiagnosticInfo"/> into an LSP diagnostic: the same id, the same span (its
/// <c>LinePositionSpan</c>, as the build prints it) and the same message, formatted by Roslyn exactly
/// as <c>dotnet build</c> formats it.
/// </summary>
internal static class DocumentCompiler
{
    public const string Source = "gateway";

    public static CompiledDocument Compile(OpenDocument document, CancellationToken cancellationToken)
    {
        var result = ConfigCompiler.Compile(new ConfigFile(document.Path, document.Text.ToString()), cancellationToken);
        var diagnostics = new List<PublishedDiagnostic>(result.Diagnostics.Count);
        foreach (var info in result.Diagnostics)
        {
            diagnostics.Add(new PublishedDiagnostic(info, ToLsp(info)));
        }
        return new CompiledDocument(document, diagnostics);
    }

    public static LspDiagnostic ToLsp(DiagnosticInfo info)
    {
        var diagnostic = info.ToDiagnostic();
        // A diagnostic without a location (GW9999) goes on the first character, where every editor shows it.
        var range = info.Location is { } location
            ? Positions.ToLsp(location.LineSpan)
            : new LspRange(new Position(0, 0), new Position(0, 0));
        return new LspDiagnostic(range, Severity(diagnostic.Severity), diagnostic.Id, Source, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>LSP DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint.</summary>
    private static int Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => 1,
        DiagnosticSeverity.Warning => 2,
        DiagnosticSeverity.Info => 3,
        _ => 4,
    };
}
